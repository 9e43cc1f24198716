import { type Insertable, sql, type Updateable } from 'kysely';

import type { IntegrationRow, IntegrationsTable } from '../db/schema.js';
import type { Trx } from '../db/scope.js';
import type { Position } from '../http/cursor.js';

type IntegrationStatus = IntegrationRow['status'];

const live = (db: Trx, tenantId: string) =>
  db.selectFrom('integrations').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null);

export const findIntegration = (db: Trx, tenantId: string, id: string): Promise<IntegrationRow | undefined> =>
  live(db, tenantId).where('id', '=', id).executeTakeFirst();

/** Locks the row for a read-modify-write (a verification result racing an edit). */
export const lockIntegration = (db: Trx, tenantId: string, id: string): Promise<IntegrationRow | undefined> =>
  live(db, tenantId).where('id', '=', id).forUpdate().executeTakeFirst();

export const findIntegrationByProvider = (db: Trx, tenantId: string, provider: string) =>
  live(db, tenantId).where('provider', '=', provider).executeTakeFirst();

export const listAllIntegrations = (db: Trx, tenantId: string): Promise<IntegrationRow[]> =>
  live(db, tenantId).orderBy('created_at').execute();

export async function listIntegrations(
  db: Trx,
  tenantId: string,
  q: { status?: IntegrationStatus; providers?: string[]; page: number; perPage: number },
): Promise<{ rows: IntegrationRow[]; total: number }> {
  let base = live(db, tenantId);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.providers)
    base = q.providers.length === 0 ? base.where(sql<boolean>`false`) : base.where('provider', 'in', q.providers);
  const [rows, count] = await Promise.all([
    base
      .orderBy('created_at')
      .orderBy('id')
      .limit(q.perPage)
      .offset((q.page - 1) * q.perPage)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const insertIntegration = (db: Trx, row: Insertable<IntegrationsTable>): Promise<IntegrationRow> =>
  db.insertInto('integrations').values(row).returningAll().executeTakeFirstOrThrow();

export const updateIntegration = (
  db: Trx,
  tenantId: string,
  id: string,
  patch: Updateable<IntegrationsTable>,
): Promise<IntegrationRow | undefined> =>
  db
    .updateTable('integrations')
    .set({ ...patch, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export const insertStatusEvent = (
  db: Trx,
  row: { tenant_id: string; integration_id: string; from_status: string | null; to_status: string; reason: string },
) => db.insertInto('integration_status_events').values(row).execute();

export function listStatusEvents(
  db: Trx,
  tenantId: string,
  integrationId: string,
  q: { after?: Position; limit: number },
) {
  let query = db
    .selectFrom('integration_status_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('integration_id', '=', integrationId);
  if (q.after) {
    const { at: createdAt, id } = q.after;
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

/** Platform path: integrations of every tenant that the daily re-verification covers. */
export const listForReverification = (db: Trx) =>
  db
    .selectFrom('integrations')
    .select(['id', 'tenant_id', 'generation'])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['active', 'error'])
    .execute();

/**
 * Platform path: verifications requested long ago that are still waiting (their job was lost, or
 * its retries ran out); the caller re-queues each and marks it requested again in tenant scope.
 */
export const listStaleVerifications = (db: Trx, olderThanSeconds: number) =>
  db
    .selectFrom('integrations')
    .select(['id', 'tenant_id', 'generation'])
    .where('deleted_at', 'is', null)
    .where('status', '=', 'pending_verify')
    .where('verify_requested_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .limit(500)
    .execute();
