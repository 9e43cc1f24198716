import type { Kysely } from 'kysely';

import type { DB, MembershipRow, TenantRow } from '../db/schema.js';

type Executor = Kysely<DB>;

export const findTenant = (db: Executor, id: string): Promise<TenantRow | undefined> =>
  db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();

export const findTenantBySlug = (db: Executor, slug: string): Promise<TenantRow | undefined> =>
  db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();

export const insertTenant = (
  db: Executor,
  tenant: { id: string; slug: string; name: string; country: string; plan: TenantRow['plan'] },
): Promise<TenantRow> => db.insertInto('tenants').values(tenant).returningAll().executeTakeFirstOrThrow();

export const updateTenant = (
  db: Executor,
  id: string,
  patch: Partial<Pick<TenantRow, 'name' | 'country' | 'plan'>>,
): Promise<TenantRow | undefined> =>
  db
    .updateTable('tenants')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export async function listTenants(
  db: Executor,
  page: number,
  perPage: number,
): Promise<{ rows: TenantRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('tenants')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The user's memberships in every tenant they belong to (RLS lets a user read their own). */
export const listUserMemberships = (db: Executor, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('tenants as t', 't.id', 'm.tenant_id')
    .select(['m.tenant_id', 'm.role', 't.slug', 't.name', 't.plan'])
    .where('m.user_id', '=', userId)
    .orderBy('t.name')
    .execute();

export const findMembership = (db: Executor, tenantId: string, userId: string): Promise<MembershipRow | undefined> =>
  db
    .selectFrom('memberships')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export const insertMembership = (
  db: Executor,
  row: { tenant_id: string; user_id: string; role: MembershipRow['role'] },
): Promise<MembershipRow> => db.insertInto('memberships').values(row).returningAll().executeTakeFirstOrThrow();

/** The caller's role in a tenant with the tenant's plan entitlements, in one query (hot path). */
export const findMemberContext = (db: Executor, tenantId: string, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('tenants as t', 't.id', 'm.tenant_id')
    .select((eb) => [
      'm.role',
      eb
        .fn<string[]>('array', [
          eb
            .selectFrom('plan_entitlements as e')
            .select('e.feature')
            .whereRef('e.plan', '=', 't.plan')
            .where('e.enabled', '=', true),
        ])
        .as('features'),
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();

export const entitlementsForTenant = async (db: Executor, tenantId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('tenants as t')
      .innerJoin('plan_entitlements as e', 'e.plan', 't.plan')
      .select('e.feature')
      .where('t.id', '=', tenantId)
      .where('e.enabled', '=', true)
      .execute()
  ).map((r) => r.feature);
