import {
  CreatePlatformTenant,
  GetTenant,
  ListPlatformTenants,
  UpdatePlatformTenantPlan,
  UpdateTenant,
} from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { HttpError } from '../http/errors.js';
import { pageOf } from '../http/pagination.js';
import { mount } from '../http/route.js';
import * as service from './tenants.service.js';

const requirePlatformAdmin = (p: Principal) => {
  if (p.kind !== 'user' || !p.isPlatformAdmin)
    throw new HttpError('forbidden', 'Only a platform superadmin may do this');
};

export function tenantRoutes(deps: Deps): Router {
  const router = new Router();

  mount(router, GetTenant, {}, async ({ principal }) => ({ data: await service.getTenant(deps, tenantOf(principal)) }));

  mount(router, UpdateTenant, { action: 'tenant.manage' }, async ({ principal, body, ctx }) => ({
    message: 'Tenant updated',
    data: await service.updateTenant(deps, tenantOf(principal), body, auditContextOf(ctx)),
  }));

  mount(router, ListPlatformTenants, {}, async ({ principal, query }) => {
    requirePlatformAdmin(principal);
    const { items, total } = await service.listAllTenants(deps, query.page, query.per_page);
    return pageOf(items, total, query.page, query.per_page, ListPlatformTenants.path, query);
  });

  mount(router, CreatePlatformTenant, {}, async ({ principal, body, ctx }) => {
    requirePlatformAdmin(principal);
    return { message: 'Tenant created', data: await service.createTenant(deps, body, auditContextOf(ctx)) };
  });

  mount(router, UpdatePlatformTenantPlan, {}, async ({ principal, params, body, ctx }) => {
    requirePlatformAdmin(principal);
    return { message: 'Plan changed', data: await service.changePlan(deps, params.id, body.plan, auditContextOf(ctx)) };
  });

  return router;
}
