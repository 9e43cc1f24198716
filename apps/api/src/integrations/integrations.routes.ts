import {
  ActivateIntegration,
  CreateIntegration,
  DeleteIntegration,
  DisableIntegration,
  GetIntegration,
  ListIntegrationHistory,
  ListIntegrations,
  ListProviders,
  ResetIntegration,
  UpdateIntegration,
  VerifyIntegration,
} from '@gatehouse/shared';
import Router from '@koa/router';
import type { Context } from 'koa';

import { tenantOf } from '../auth/authorize.js';
import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { pageOf } from '../http/pagination.js';
import { mount } from '../http/route.js';
import { findProvider } from '../providers/registry.js';
import { listHistory } from './history.js';
import * as integrations from './integrations.service.js';

/** The public origin for inbound webhook URLs: PUBLIC_BASE_URL, else the origin the request came to. */
const publicBase = (deps: Deps, ctx: Context) =>
  (deps.env.PUBLIC_BASE_URL ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '');

export function integrationRoutes(deps: Deps): Router {
  const router = new Router();
  const view = { action: 'integrations.view' } as const;
  const manage = { action: 'integrations.manage' } as const;

  // Logos are public images (an <img> sends no API key), served from the provider's manifest.
  router.get('/api/v1/integrations/providers/:name/logo.svg', (ctx) => {
    const provider = findProvider(ctx.params.name ?? '');
    if (!provider) {
      ctx.status = 404;
      return;
    }
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.body = provider.manifest.logoSvg;
  });

  mount(router, ListProviders, view, async ({ principal, ctx }) => ({
    message: 'Providers retrieved successfully',
    data: await integrations.listProviders(deps, tenantOf(principal), publicBase(deps, ctx)),
    meta: {},
  }));

  mount(router, ListIntegrations, view, async ({ principal, query }) => {
    const { items, total } = await integrations.listIntegrations(deps, tenantOf(principal), query);
    return pageOf(items, total, query.page, query.per_page, ListIntegrations.path, query);
  });

  mount(router, CreateIntegration, manage, async ({ principal, body, ctx }) => ({
    message: 'Integration configured successfully',
    data: await integrations.createIntegration(deps, tenantOf(principal), body, auditContextOf(ctx)),
    meta: {},
  }));

  mount(router, GetIntegration, view, async ({ principal, params }) => ({
    data: await integrations.getIntegration(deps, tenantOf(principal), params.id),
    meta: {},
  }));

  mount(router, UpdateIntegration, manage, async ({ principal, params, body, ctx }) => ({
    message: 'Integration updated successfully',
    data: await integrations.updateIntegration(deps, tenantOf(principal), params.id, body, auditContextOf(ctx)),
    meta: {},
  }));

  mount(router, DeleteIntegration, manage, async ({ principal, params, ctx }) => {
    await integrations.deleteIntegration(deps, tenantOf(principal), params.id, auditContextOf(ctx));
    return { message: 'Integration deleted successfully' };
  });

  const actions = [
    [ActivateIntegration, 'activate', 'Integration activated successfully'],
    [DisableIntegration, 'disable', 'Integration disabled successfully'],
    [VerifyIntegration, 'verify', 'Verification queued'],
    [ResetIntegration, 'reset', 'Integration reset; verification queued'],
  ] as const;
  for (const [endpoint, action, message] of actions) {
    mount(router, endpoint, manage, async ({ principal, params, ctx }) => ({
      message,
      data: await integrations.changeState(deps, tenantOf(principal), params.id, action, auditContextOf(ctx)),
    }));
  }

  mount(router, ListIntegrationHistory, view, async ({ principal, params, query }) =>
    listHistory(deps, tenantOf(principal), params.id, query),
  );

  return router;
}
