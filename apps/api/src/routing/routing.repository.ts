import { type Insertable, sql, type Updateable } from 'kysely';

import type { RoutingRuleRow, RoutingRulesTable } from '../db/schema.js';
import type { Trx } from '../db/scope.js';

export const findRule = (db: Trx, tenantId: string, id: string): Promise<RoutingRuleRow | undefined> =>
  db.selectFrom('routing_rules').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** Rules in evaluation order: priority, then the default rule, then the oldest. */
export const listRulesFor = (db: Trx, tenantId: string, capability?: string): Promise<RoutingRuleRow[]> => {
  let q = db.selectFrom('routing_rules').selectAll().where('tenant_id', '=', tenantId);
  if (capability) q = q.where('capability', '=', capability);
  return q.orderBy('priority', 'desc').orderBy('is_default', 'desc').orderBy('created_at').orderBy('id').execute();
};

export async function pageRules(db: Trx, tenantId: string, q: { capability?: string; page: number; perPage: number }) {
  let base = db.selectFrom('routing_rules').where('tenant_id', '=', tenantId);
  if (q.capability) base = base.where('capability', '=', q.capability);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('capability')
      .orderBy('priority', 'desc')
      .orderBy('is_default', 'desc')
      .orderBy('created_at')
      .orderBy('id')
      .limit(q.perPage)
      .offset((q.page - 1) * q.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const insertRule = (db: Trx, row: Insertable<RoutingRulesTable>) =>
  db.insertInto('routing_rules').values(row).returningAll().executeTakeFirstOrThrow();

export const updateRule = (db: Trx, tenantId: string, id: string, patch: Updateable<RoutingRulesTable>) =>
  db
    .updateTable('routing_rules')
    .set({ ...patch, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** One default per capability: making a rule the default clears the flag elsewhere. */
export const clearDefault = (db: Trx, tenantId: string, capability: string, exceptId: string | null) => {
  let q = db
    .updateTable('routing_rules')
    .set({ is_default: false, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('capability', '=', capability)
    .where('is_default', '=', true);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

export const deleteRule = (db: Trx, tenantId: string, id: string) =>
  db.deleteFrom('routing_rules').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** Integrations the rules point at, including disconnected ones (rules report those). */
export const findTargets = (db: Trx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('integrations')
        .select(['id', 'provider', 'status', 'enabled_capabilities', 'deleted_at', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute();

/** Live integrations, for implicit routing when a capability has no rules. */
export const listLiveTargets = (db: Trx, tenantId: string) =>
  db
    .selectFrom('integrations')
    .select(['id', 'provider', 'status', 'enabled_capabilities', 'deleted_at', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
