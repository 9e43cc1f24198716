import { hitRateLimit, clearRateLimit, peekRateLimit } from './rate-limit.repository.js';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { inScope } from '../db/scope.js';
import * as tenants from '../tenants/tenants.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createSession, type NewSession } from './session.service.js';
import * as sessions from './sessions.repository.js';
import * as users from './users.repository.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import type { UserPrincipal } from './principal.js';

const WINDOW_S = 15 * 60;
const MAX_PER_ACCOUNT = 10;
const MAX_PER_IP = 50;

const tooMany = () =>
  new HttpError('rate_limited', 'Too many sign-in attempts; try again in a few minutes', undefined, {
    'Retry-After': String(WINDOW_S),
  });

/** Checks the password with per-account and per-IP failure limits shared by every API process. */
export async function login(
  deps: Deps,
  email: string,
  password: string,
  client: { ip: string | null; userAgent: string | null; requestId: string | null },
): Promise<NewSession & { userId: string }> {
  const accountKey = `login:${email.toLowerCase()}:${client.ip ?? ''}`;
  const ipKey = `login-ip:${client.ip ?? ''}`;
  const [perAccount, perIp] = await Promise.all([
    peekRateLimit(deps.db, accountKey, WINDOW_S),
    peekRateLimit(deps.db, ipKey, WINDOW_S),
  ]);
  if (perAccount >= MAX_PER_ACCOUNT || perIp >= MAX_PER_IP) throw tooMany();
  const user = await users.findUserByEmail(deps.db, email);
  if (!(await verifyPassword(user?.password_hash, password)) || !user) {
    await Promise.all([hitRateLimit(deps.db, accountKey, WINDOW_S), hitRateLimit(deps.db, ipKey, WINDOW_S)]);
    throw new HttpError('unauthenticated', 'Email or password is incorrect');
  }
  await clearRateLimit(deps.db, accountKey);
  await users.touchLogin(deps.db, user.id);
  const memberships = await inScope(deps.db, { userId: user.id }, (trx) => tenants.listUserMemberships(trx, user.id));
  const tenantId = memberships[0]?.tenant_id ?? null;
  const session = await createSession(deps, user.id, tenantId, client);
  if (tenantId) {
    await inScope(deps.db, { tenantId, userId: user.id }, (trx) =>
      recordAudit(
        trx,
        {
          principal: null,
          ip: client.ip,
          requestId: client.requestId,
          actor: { type: 'user', id: user.id, label: user.email },
        },
        { tenantId, action: 'user.login', targetType: 'user', targetId: user.id, targetLabel: user.email },
      ),
    );
  }
  return { ...session, userId: user.id };
}

export async function switchTenant(deps: Deps, p: UserPrincipal, tenantId: string, who: AuditContext): Promise<void> {
  await inScope(deps.db, { tenantId, userId: p.userId }, async (trx) => {
    const membership = await tenants.findMembership(trx, tenantId, p.userId);
    // Not a member: the tenant does not exist as far as this user can tell.
    if (!membership) throw new HttpError('not_found', 'Tenant not found');
    await sessions.setSessionTenant(trx, p.sessionId, tenantId);
    await recordAudit(trx, who, {
      tenantId,
      action: 'user.tenant_switched',
      targetType: 'user',
      targetId: p.userId,
      targetLabel: p.email,
    });
  });
}

export async function changePassword(
  deps: Deps,
  p: UserPrincipal,
  current: string,
  next: string,
  who: AuditContext,
): Promise<void> {
  const user = await users.findUserById(deps.db, p.userId);
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    throw new HttpError('validation_failed', 'The given data was invalid.', {
      current_password: ['Current password is incorrect'],
    });
  }
  if (current === next) {
    throw new HttpError('validation_failed', 'The given data was invalid.', {
      new_password: ['Choose a password different from the current one'],
    });
  }
  await users.setPassword(deps.db, p.userId, await hashPassword(next));
  // Other sessions may belong to whoever knew the old password.
  await sessions.deleteUserSessions(deps.db, p.userId, p.sessionId);
  if (p.tenantId) {
    const tenantId = p.tenantId;
    await inScope(deps.db, { tenantId, userId: p.userId }, (trx) =>
      recordAudit(trx, who, {
        tenantId,
        action: 'user.password_changed',
        targetType: 'user',
        targetId: p.userId,
        targetLabel: p.email,
      }),
    );
  }
}
