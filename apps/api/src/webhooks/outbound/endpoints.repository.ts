import { type Insertable, sql, type Updateable } from 'kysely';

import type { WebhookEndpointRow, WebhookEndpointsTable } from '../../db/schema.js';
import type { Trx } from '../../db/scope.js';
import { escapeLike } from '../../db/like.js';

export const findEndpoint = (db: Trx, tenantId: string, id: string): Promise<WebhookEndpointRow | undefined> =>
  db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function listEndpoints(
  db: Trx,
  tenantId: string,
  q: { status?: 'enabled' | 'disabled'; eventType?: string; search?: string; page: number; perPage: number },
) {
  let base = db.selectFrom('webhook_endpoints').where('tenant_id', '=', tenantId);
  if (q.status) base = base.where('status', '=', q.status);
  // "Subscribed to X" includes endpoints that take every event (an empty list).
  if (q.eventType) {
    const type = q.eventType;
    base = base.where((eb) =>
      eb.or([sql<boolean>`${type} = any(event_types)`, sql<boolean>`cardinality(event_types) = 0`]),
    );
  }
  if (q.search) {
    const pattern = `%${escapeLike(q.search)}%`;
    base = base.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('url', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(q.perPage)
      .offset((q.page - 1) * q.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const insertEndpoint = (db: Trx, row: Insertable<WebhookEndpointsTable>) =>
  db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();

export const updateEndpoint = (db: Trx, tenantId: string, id: string, patch: Updateable<WebhookEndpointsTable>) =>
  db
    .updateTable('webhook_endpoints')
    .set({ ...patch, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

export const deleteEndpoints = (db: Trx, tenantId: string, ids: string[]) =>
  db
    .deleteFrom('webhook_endpoints')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .returning(['id', 'name', 'url'])
    .execute();

/** Enabled endpoints that take `eventType` (an empty subscription list takes every event). */
export const subscribedEndpoints = (db: Trx, tenantId: string, eventType: string) =>
  db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'enabled')
    .where((eb) => eb.or([sql<boolean>`${eventType} = any(event_types)`, sql<boolean>`cardinality(event_types) = 0`]))
    .execute();

/** The tenant's event log (every event, delivered or not). */
export const insertEventLog = (db: Trx, tenantId: string, type: string, payload: unknown) =>
  db
    .insertInto('events')
    .values({ tenant_id: tenantId, type, payload: JSON.stringify(payload) })
    .execute();
