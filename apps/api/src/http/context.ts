import type { Context } from 'koa';

import type { AuditContext } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';

/** Who did it and from where, for the audit log. */
export const auditContextOf = (ctx: Context): AuditContext => ({
  principal: (ctx.state.principal ?? null) as Principal | null,
  ip: ctx.ip || null,
  requestId: (ctx.state.requestId as string | undefined) ?? null,
});
