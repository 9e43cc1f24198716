import { randomToken, sha256Hex } from '@gatehouse/crypto';
import { actionsFor, Feature, type Me, Role } from '@gatehouse/shared';

import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import * as tenants from '../tenants/tenants.repository.js';
import { toTenant } from '../tenants/tenants.format.js';
import type { UserPrincipal } from './principal.js';
import * as sessions from './sessions.repository.js';
import * as users from './users.repository.js';

export const SESSION_COOKIE = 'gh_session';
export const CSRF_COOKIE = 'gh_csrf';

const asFeatures = (names: string[]): Feature[] => names.filter((n): n is Feature => Feature.safeParse(n).success);

/** Turns a session cookie into the signed-in user with their current tenant, role and entitlements. */
export async function loadSessionPrincipal(deps: Deps, token: string): Promise<UserPrincipal | null> {
  const session = await sessions.findLiveSession(deps.db, sha256Hex(token));
  if (!session) return null;
  const user = await users.findUserById(deps.db, session.user_id);
  if (!user) return null;
  await sessions.touchSession(deps.db, session.id);
  const base = {
    kind: 'user' as const,
    sessionId: session.id,
    csrfToken: session.csrf_token,
    userId: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.is_platform_admin,
    mustChangePassword: user.must_change_password,
  };
  const current = await inScope(deps.db, { tenantId: session.tenant_id, userId: user.id }, async (trx) => {
    if (!session.tenant_id) return null;
    const membership = await tenants.findMembership(trx, session.tenant_id, user.id);
    const tenant = membership && (await tenants.findTenant(trx, session.tenant_id));
    if (!membership || !tenant) return null;
    return {
      tenantId: tenant.id,
      role: membership.role,
      entitlements: asFeatures(await tenants.entitlementsForPlan(trx, tenant.plan)),
    };
  });
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
