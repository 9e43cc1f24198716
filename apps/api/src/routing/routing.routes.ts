import {
  CreateRoutingRule,
  DeleteRoutingRule,
  GetRoutingRule,
  ListRoutingRules,
  ResolveRoute,
  UpdateRoutingRule,
} from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../auth/authorize.js';
import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { pageOf } from '../http/pagination.js';
import { mount } from '../http/route.js';
import * as routing from './routing.service.js';

export function routingRoutes(deps: Deps): Router {
  const router = new Router();
  const view = { action: 'integrations.view' } as const;
  const manage = { action: 'integrations.manage' } as const;

  mount(router, ListRoutingRules, view, async ({ principal, query }) => {
    const { items, total } = await routing.listRules(deps, tenantOf(principal), query);
    return pageOf(items, total, query.page, query.per_page, ListRoutingRules.path, query);
  });
  mount(router, CreateRoutingRule, manage, async ({ principal, body, ctx }) => ({
    message: 'Routing rule created',
    data: await routing.createRule(deps, tenantOf(principal), body, auditContextOf(ctx)),
  }));
  // Before /:id, which would otherwise take "resolve" for an id.
  mount(router, ResolveRoute, view, async ({ principal, query }) => ({
    data: await routing.resolve(deps, tenantOf(principal), query.capability),
  }));
  mount(router, GetRoutingRule, view, async ({ principal, params }) => ({
    data: await routing.getRule(deps, tenantOf(principal), params.id),
  }));
  mount(router, UpdateRoutingRule, manage, async ({ principal, params, body, ctx }) => ({
    message: 'Routing rule updated',
    data: await routing.updateRule(deps, tenantOf(principal), params.id, body, auditContextOf(ctx)),
  }));
  mount(router, DeleteRoutingRule, manage, async ({ principal, params, ctx }) => {
    await routing.deleteRule(deps, tenantOf(principal), params.id, auditContextOf(ctx));
    return { message: 'Routing rule deleted' };
  });
  return router;
}
