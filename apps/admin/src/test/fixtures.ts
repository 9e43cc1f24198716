import { actionsFor, type ApiKey, type Feature, type Me, type Plan, type Role } from '@gatehouse/shared';

const TENANT_ID = '11111111-1111-4111-8111-111111111111';

/** A signed-in user as `/auth/me` would describe them. */
export function makeMe(role: Role, plan: Plan = 'enterprise', entitlements?: Feature[]): Me {
  return {
    user: {
      id: '22222222-2222-4222-8222-222222222222',
      email: `${role}@example.com`,
      name: `Ada ${role}`,
      is_platform_admin: false,
      must_change_password: false,
    },
    tenant: {
      id: TENANT_ID,
      slug: 'acme',
      name: 'Acme Flats',
      country: 'DE',
      plan,
      created_at: '2026-01-01T00:00:00.000Z',
    },
    role,
    permissions: actionsFor(role),
    entitlements: entitlements ?? (plan === 'enterprise' ? ['connections', 'api_keys', 'webhooks'] : []),
    memberships: [{ tenant_id: TENANT_ID, slug: 'acme', name: 'Acme Flats', plan, role }],
  };
}

/** A Response carrying a JSON body, as the browser's fetch would resolve. */
export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export function makeApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    name: 'Booking sync',
    description: null,
    environment: 'production',
    scopes: ['api'],
    prefix: 'gth_live_abcd1234',
    status: 'active',
    expires_at: null,
    revoked_at: null,
    last_used_at: null,
    created_at: '2026-01-02T00:00:00.000Z',
    created_by: null,
    ...overrides,
  };
}

export const pageOf = <T>(items: T[]) => ({
  success: true,
  data: items,
  meta: { current_page: 1, per_page: 25, total: items.length, last_page: 1 },
  links: { first: '?page=1', last: '?page=1', prev: null, next: null },
});
