import type { Tenant } from '@gatehouse/shared';

import type { TenantRow } from '../db/schema.js';

export const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  country: row.country,
  plan: row.plan,
  created_at: row.created_at.toISOString(),
});
