import type { Feature, Role } from '@gatehouse/shared';

/** Who is calling: a signed-in user (session cookie) or a tenant API key. */
export type Principal = UserPrincipal | ApiKeyPrincipal;

export interface UserPrincipal {
  kind: 'user';
  sessionId: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  mustChangePassword: boolean;
  /** The tenant the session is switched to; null for a platform admin without memberships. */
  tenantId: string | null;
  role: Role | null;
  entitlements: Feature[];
}

export interface ApiKeyPrincipal {
  kind: 'api_key';
  apiKeyId: string;
  keyName: string;
  prefix: string;
  tenantId: string;
  scopes: ('api' | 'admin')[];
  entitlements: Feature[];
}

export const actorOf = (p: Principal) =>
  p.kind === 'user'
    ? { type: 'user' as const, id: p.userId, label: p.email }
    : { type: 'api_key' as const, id: p.apiKeyId, label: `${p.keyName} (${p.prefix})` };
