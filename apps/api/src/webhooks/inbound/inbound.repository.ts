import type { Insertable } from 'kysely';
import { sql } from 'kysely';

import type { InboundEventsTable } from '../../db/schema.js';
import type { Trx } from '../../db/scope.js';

/** Logs a request; a verified one whose provider event id was seen before returns null (duplicate). */
export const insertInbound = (db: Trx, row: Insertable<InboundEventsTable>) =>
  db
    .insertInto('inbound_events')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'provider', 'provider_event_id'])
        .where('status', '=', 'verified')
        .where('provider_event_id', 'is not', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();

export const findInbound = (db: Trx, tenantId: string, id: string) =>
  db.selectFrom('inbound_events').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const markProcessed = (db: Trx, id: string, result: string) =>
  db
    .updateTable('inbound_events')
    .set({ processed_at: sql`now()`, processing_result: result })
    .where('id', '=', id)
    .where('processed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();

export function listInbound(
  db: Trx,
  tenantId: string,
  q: {
    provider?: string;
    status?: InboundEventsTable['status'];
    since?: Date;
    until?: Date;
    after?: { at: Date; id: string };
    limit: number;
  },
) {
  let query = db.selectFrom('inbound_events').selectAll().where('tenant_id', '=', tenantId);
  if (q.provider) query = query.where('provider', '=', q.provider);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.since) query = query.where('received_at', '>=', q.since);
  if (q.until) query = query.where('received_at', '<=', q.until);
  if (q.after) {
    const { at, id } = q.after;
    query = query.where((eb) =>
      eb.or([eb('received_at', '<', at), eb.and([eb('received_at', '=', at), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export const summarize = (db: Trx, tenantId: string) =>
  sql<{ provider: string; last_received_at: Date | null; received_24h: string; rejected_24h: string }>`
    select provider, max(received_at) as last_received_at,
           count(*) filter (where received_at > now() - interval '24 hours') as received_24h,
           count(*) filter (where received_at > now() - interval '24 hours' and status = 'rejected') as rejected_24h
    from inbound_events where tenant_id = ${tenantId} group by provider`
    .execute(db)
    .then((r) => r.rows);

/** Platform path: verified requests still unprocessed after `olderThanSeconds` (their job was lost). */
export const listUnprocessed = (db: Trx, olderThanSeconds: number) =>
  db
    .selectFrom('inbound_events')
    .select(['id', 'tenant_id'])
    .where('status', '=', 'verified')
    .where('processed_at', 'is', null)
    .where('received_at', '<=', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .orderBy('received_at')
    .limit(5000)
    .execute();
