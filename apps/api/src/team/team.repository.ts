import type { Kysely } from 'kysely';

import type { DB, MembershipRow } from '../db/schema.js';

type Executor = Kysely<DB>;

const memberColumns = ['m.id', 'm.user_id', 'm.role', 'm.created_at', 'u.email', 'u.name', 'u.last_login_at'] as const;

export async function listMembers(db: Executor, tenantId: string, page: number, perPage: number) {
  const base = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.tenant_id', '=', tenantId);
  const [rows, count] = await Promise.all([
    base
      .select(memberColumns)
      .orderBy('u.name')
      .orderBy('m.id')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const findMember = (db: Executor, tenantId: string, id: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(memberColumns)
    .where('m.tenant_id', '=', tenantId)
    .where('m.id', '=', id)
    .executeTakeFirst();

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export const countOwners = async (db: Executor, tenantId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow()
    ).n,
  );

export const setRole = (db: Executor, tenantId: string, id: string, role: MembershipRow['role']): Promise<unknown> =>
  db.updateTable('memberships').set({ role }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const deleteMember = (db: Executor, tenantId: string, id: string): Promise<unknown> =>
  db.deleteFrom('memberships').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
