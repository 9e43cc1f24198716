import { randomToken, sha256Hex } from '@gatehouse/crypto';
import { actionsFor, Feature, type Me, Role } from '@gatehouse/shared';

import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import * as tenants from '../tenants/tenants.repository.js';
import { toTenant } from '../tenants/tenants.format.js';
import type { UserPrincipal } from './principal.js';
import { deleteStaleRateLimits } from './rate-limit.repository.js';
import * as sessions from './sessions.repository.js';

export const SESSION_COOKIE = 'gh_session';
export const CSRF_COOKIE = 'gh_csrf';

const asFeatures = (names: string[]): Feature[] => names.filter((n): n is Feature => Feature.safeParse(n).success);

/**
 * The tenant a session acts in: its own when the user is still a member there, otherwise the
 * user's first remaining membership (after being removed from one tenant), otherwise none.
 */
async function currentTenant(deps: Deps, sessionTenantId: string | null, userId: string) {
  const resolve = (tenantId: string) =>
    inScope(deps.db, { tenantId, userId }, async (trx) => {
      const context = await tenants.findMemberContext(trx, tenantId, userId);
      return context ? { tenantId, role: context.role, entitlements: asFeatures(context.features) } : null;
    });
  const own = sessionTenantId ? await resolve(sessionTenantId) : null;
  if (own) return own;
  const [first] = await inScope(deps.db, { userId }, (trx) => tenants.listUserMemberships(trx, userId));
  return first ? resolve(first.tenant_id) : null;
}

/** Turns a session cookie into the signed-in user with their current tenant, role and entitlements. */
export async function loadSessionPrincipal(deps: Deps, token: string): Promise<UserPrincipal | null> {
  const session = await sessions.findLiveSessionWithUser(deps.db, sha256Hex(token));
  if (!session) return null;
  // Last-seen is kept to the minute, so most requests stay pure reads.
  if (Date.now() - session.last_seen_at.getTime() > 60_000) await sessions.touchSession(deps.db, session.id);
  const base = {
    kind: 'user' as const,
    sessionId: session.id,
    csrfToken: session.csrf_token,
    userId: session.user_id,
    email: session.email,
    name: session.name,
    isPlatformAdmin: session.is_platform_admin,
    mustChangePassword: session.must_change_password,
  };
  const current = await currentTenant(deps, session.tenant_id, session.user_id);
  if (current && current.tenantId !== session.tenant_id)
    await sessions.setSessionTenant(deps.db, session.id, current.tenantId);
  return { ...base, ...(current ?? { tenantId: null, role: null, entitlements: [] }) };
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  deps: Deps,
  userId: string,
  tenantId: string | null,
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + deps.env.SESSION_TTL_HOURS * 3600_000);
  // Sign-ins are rare enough to carry the housekeeping: expired sessions and stale counters go.
  await Promise.all([sessions.deleteExpiredSessions(deps.db), deleteStaleRateLimits(deps.db)]);
  await sessions.insertSession(deps.db, {
    token_hash: sha256Hex(token),
    user_id: userId,
    tenant_id: tenantId,
    csrf_token: csrfToken,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/** The `Me` document: user, current tenant, role, permissions and every membership for the switcher. */
export async function describeMe(deps: Deps, p: UserPrincipal): Promise<Me> {
  return inScope(deps.db, { tenantId: p.tenantId, userId: p.userId }, async (trx) => {
    const memberships = await tenants.listUserMemberships(trx, p.userId);
    const tenant = p.tenantId ? await tenants.findTenant(trx, p.tenantId) : undefined;
    return {
      user: {
        id: p.userId,
        email: p.email,
        name: p.name,
        is_platform_admin: p.isPlatformAdmin,
        must_change_password: p.mustChangePassword,
      },
      tenant: tenant ? toTenant(tenant) : null,
      role: tenant ? p.role : null,
      permissions: tenant && p.role ? actionsFor(p.role) : [],
      entitlements: tenant ? p.entitlements : [],
      memberships: memberships.map((m) => ({
        tenant_id: m.tenant_id,
        slug: m.slug,
        name: m.name,
        plan: m.plan,
        role: Role.parse(m.role),
      })),
    };
  });
}
