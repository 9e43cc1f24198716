import { ListAuditEvents } from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../auth/authorize.js';
import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { mount } from '../http/route.js';
import { listAudit } from './audit.service.js';

export function auditRoutes(deps: Deps): Router {
  const router = new Router();
  mount(router, ListAuditEvents, { action: 'audit.view' }, async ({ principal, query }) => {
    const tenantId = tenantOf(principal);
    const { items, nextCursor } = await inScope(deps.db, { tenantId }, (trx) => listAudit(trx, tenantId, query));
    return { data: items, meta: { next_cursor: nextCursor, limit: query.limit } };
  });
  return router;
}
