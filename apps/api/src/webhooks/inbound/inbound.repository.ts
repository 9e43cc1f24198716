import type { Insertable } from 'kysely';
import { sql } from 'kysely';

import type { InboundEventRow, InboundEventsTable } from '../../db/schema.js';
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

/** The channel the processing worker LISTENs on; notified when a verified request is logged. */
export const INBOUND_CHANNEL = 'gatehouse_inbound';

/**
 * Platform path: leases up to `limit` verified, unprocessed requests (SKIP LOCKED). A worker that
 * dies leaves its lease to lapse and the rows are claimed again; processing is idempotent.
 */
export const claimUnprocessed = (db: Trx, limit: number, leaseSeconds: number) =>
  sql<InboundEventRow>`
    update inbound_events e
    set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = e.attempts + 1
    where e.id in (
      select id from inbound_events
      where status = 'verified' and processed_at is null and (locked_until is null or locked_until < now())
      order by received_at
      limit ${limit}
      for update skip locked
    )
    returning e.*`
    .execute(db)
    .then((r) => r.rows);

/** Puts a request back for a later attempt (its provider API was unreachable). */
export const retryLater = (db: Trx, id: string, seconds: number) =>
  db
    .updateTable('inbound_events')
    .set({ locked_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('id', '=', id)
    .execute();
