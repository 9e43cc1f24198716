import { randomToken } from '@gatehouse/crypto';

import { hashPassword } from '../auth/passwords.js';
import * as users from '../auth/users.repository.js';
import type { Deps } from '../deps.js';
import { createIntegration } from '../integrations/integrations.service.js';
import { createTenant, listAllTenants } from './tenants.service.js';

export const DEMO_EMAIL = 'owner@demo.gatehouse.test';

/**
 * On an empty database, creates the demo tenant (Enterprise, so every page is open) and its owner,
 * who is also platform superadmin. Returns the credentials to print once, or null when seeded before.
 */
export async function seedDemo(deps: Deps): Promise<{ email: string; password: string; slug: string } | null> {
  const { total } = await listAllTenants(deps, 1, 1);
  if (total > 0) return null;
  const password = randomToken(12);
  const existing = await users.findUserByEmail(deps.db, DEMO_EMAIL);
  if (!existing) {
    await users.insertUser(deps.db, {
      email: DEMO_EMAIL,
      name: 'Demo Owner',
      password_hash: await hashPassword(password),
      must_change_password: false,
      is_platform_admin: true,
    });
  } else {
    await users.setPassword(deps.db, existing.id, await hashPassword(password));
  }
  const created = await createTenant(
    deps,
    {
      slug: 'demo',
      name: 'Demo Flats & Workshops',
      country: 'DE',
      plan: 'enterprise',
      owner_email: DEMO_EMAIL,
      owner_name: 'Demo Owner',
    },
    { principal: null, ip: null, requestId: null },
  );
  // The 2N intercom needs no tenant credentials, so the demo hub shows one live connection.
  await createIntegration(
    deps,
    created.tenant.id,
    { provider: 'twon', credentials: {} },
    { principal: null, ip: null, requestId: null, actor: { type: 'system', id: null, label: 'demo seed' } },
  );
  return { email: DEMO_EMAIL, password, slug: 'demo' };
}
