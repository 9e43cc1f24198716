import { BulkRevokeApiKeys, CreateApiKey, GetApiKey, ListApiKeys, RevokeApiKey, UpdateApiKey } from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../auth/authorize.js';
import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { pageOf } from '../http/pagination.js';
import { mount } from '../http/route.js';
import * as keys from './api-keys.service.js';

export function apiKeyRoutes(deps: Deps): Router {
  const router = new Router();
  const action = 'api_keys.manage' as const;

  mount(router, ListApiKeys, { action }, async ({ principal, query }) => {
    const { items, total } = await keys.listKeys(deps, tenantOf(principal), query);
    return pageOf(items, total, query.page, query.per_page, ListApiKeys.path, query);
  });

  mount(router, CreateApiKey, { action }, async ({ principal, body, ctx }) => ({
    message: 'API key generated. Copy the secret now: it will not be shown again.',
    data: await keys.createKey(deps, tenantOf(principal), body, auditContextOf(ctx)),
  }));

  mount(router, BulkRevokeApiKeys, { action }, async ({ principal, body, ctx }) => {
    const revoked = await keys.revokeKeys(deps, tenantOf(principal), body.ids, auditContextOf(ctx));
    return { message: `${revoked.length} key(s) revoked`, data: { revoked } };
  });

  mount(router, GetApiKey, { action }, async ({ principal, params }) => ({
    data: await keys.getKey(deps, tenantOf(principal), params.id),
  }));

  mount(router, UpdateApiKey, { action }, async ({ principal, params, body, ctx }) => ({
    message: 'API key updated',
    data: await keys.updateKey(deps, tenantOf(principal), params.id, body, auditContextOf(ctx)),
  }));

  mount(router, RevokeApiKey, { action }, async ({ principal, params, ctx }) => ({
    message: 'API key revoked',
    data: await keys.revokeKey(deps, tenantOf(principal), params.id, auditContextOf(ctx)),
  }));

  return router;
}
