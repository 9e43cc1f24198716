import { sql } from 'kysely';

import type { WebhookAttemptRow } from '../../db/schema.js';
import type { Trx } from '../../db/scope.js';
import type { Position } from '../../http/cursor.js';
import { DELIVERY_CHANNEL } from './channel.js';

/** Wakes delivery workers when the caller's transaction commits. */
export const notifyDeliveries = (db: Trx) => sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(db);

export const insertMessage = (db: Trx, row: { id: string; tenant_id: string; event_type: string; payload: unknown }) =>
  db
    .insertInto('webhook_messages')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .execute();

export const findMessage = (db: Trx, tenantId: string, id: string) =>
  db
    .selectFrom('webhook_messages')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();

/** One pending delivery per endpoint for a new message, due now. */
export const insertDeliveries = (db: Trx, tenantId: string, messageId: string, endpointIds: string[]) =>
  db
    .insertInto('webhook_deliveries')
    .values(
      endpointIds.map((endpointId) => ({
        tenant_id: tenantId,
        message_id: messageId,
        endpoint_id: endpointId,
        status: 'pending' as const,
        next_attempt_at: sql<Date>`now()`,
      })),
    )
    .execute();

export function listAttempts(
  db: Trx,
  tenantId: string,
  endpointId: string,
  q: { success?: boolean; messageId?: string; after?: Position; limit: number },
): Promise<WebhookAttemptRow[]> {
  let query = db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId);
  if (q.success !== undefined) query = query.where('success', '=', q.success);
  if (q.messageId) query = query.where('message_id', '=', q.messageId);
  if (q.after) {
    const { at, id } = q.after;
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

/** Successes and failures per `unit` over the last `days`. */
export const attemptBuckets = (db: Trx, tenantId: string, endpointId: string, unit: 'hour' | 'day', days: number) =>
  sql<{ start: Date; succeeded: string; failed: string }>`
    select date_trunc(${unit}, created_at) as start,
           count(*) filter (where success) as succeeded,
           count(*) filter (where not success) as failed
    from webhook_attempts
    where tenant_id = ${tenantId} and endpoint_id = ${endpointId}
      and created_at >= now() - make_interval(days => ${days})
    group by 1 order by 1`
    .execute(db)
    .then((r) => r.rows);

export const countPending = (db: Trx, tenantId: string, endpointId: string) =>
  db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  message_id: string;
  endpoint_id: string;
  attempts: number;
  trigger: 'scheduled' | 'manual';
  event_type: string;
  payload: unknown;
  message_created_at: Date;
  url: string;
  headers: Record<string, string>;
  endpoint_status: 'enabled' | 'disabled';
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Platform path: claims up to `limit` due deliveries (SKIP LOCKED, so workers never take the same
 * row) and leases them for `leaseSeconds`; a worker that dies leaves the lease to lapse and the
 * delivery is claimed again (at-least-once). The attempt counter rises with the claim. At most
 * `perEndpoint` deliveries of one endpoint are in flight at once, so an endpoint that hangs for
 * 15 s per request occupies a few slots and never the whole worker.
 */
export async function claimDue(
  db: Trx,
  limit: number,
  leaseSeconds: number,
  perEndpoint: number,
): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    with oldest as (
      select id, endpoint_id, next_attempt_at from webhook_deliveries
      where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
      order by next_attempt_at
      limit ${limit * 10}
    ), busy as (
      select endpoint_id, count(*) as n from webhook_deliveries
      where status = 'pending' and locked_until >= now() and endpoint_id in (select endpoint_id from oldest)
      group by endpoint_id
    ), ranked as (
      select o.id, o.next_attempt_at,
             row_number() over (partition by o.endpoint_id order by o.next_attempt_at) + coalesce(b.n, 0) as slot
      from oldest o left join busy b on b.endpoint_id = o.endpoint_id
    ), due as (
      select d.id from webhook_deliveries d
      where d.id in (select id from ranked where slot <= ${perEndpoint} order by next_attempt_at limit ${limit})
      for update of d skip locked
    ), claimed as (
      update webhook_deliveries d
      set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = d.attempts + 1, updated_at = now()
      from due where d.id = due.id
      returning d.id, d.tenant_id, d.message_id, d.endpoint_id, d.attempts, d.trigger
    )
    select c.*, m.event_type, m.payload, m.created_at as message_created_at, e.url, e.headers,
           e.status as endpoint_status, e.secret, e.previous_secret, e.previous_secret_expires_at
    from claimed c
    join webhook_messages m on m.id = c.message_id
    join webhook_endpoints e on e.id = c.endpoint_id`.execute(db);
  return rows;
}

export const insertAttempt = (
  db: Trx,
  row: {
    tenant_id: string;
    endpoint_id: string;
    message_id: string;
    event_type: string;
    status_code: number;
    success: boolean;
    error: string | null;
    duration_ms: number;
    response_excerpt: string | null;
    trigger: 'scheduled' | 'manual' | 'test';
    attempt_number: number;
  },
) => db.insertInto('webhook_attempts').values(row).execute();

export const finishDelivery = (
  db: Trx,
  id: string,
  next: { status: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: Date | null },
) =>
  db
    .updateTable('webhook_deliveries')
    .set({ status: next.status, next_attempt_at: next.nextAttemptAt, locked_until: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

export const disableEndpoint = (db: Trx, tenantId: string, id: string, reason: string) =>
  db
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: reason, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'enabled')
    .returning(['id', 'name'])
    .executeTakeFirst();

/** Puts a message back in the queue for one endpoint now, as a manual (not rescheduled) delivery. */
export const requeue = (db: Trx, tenantId: string, messageId: string, endpointId: string) =>
  db
    .insertInto('webhook_deliveries')
    .values({
      tenant_id: tenantId,
      message_id: messageId,
      endpoint_id: endpointId,
      status: 'pending',
      next_attempt_at: sql<Date>`now()`,
      trigger: 'manual',
    })
    .onConflict((oc) =>
      oc.columns(['message_id', 'endpoint_id']).doUpdateSet({
        status: 'pending',
        next_attempt_at: sql<Date>`now()`,
        locked_until: null,
        trigger: 'manual',
        updated_at: sql`now()`,
      }),
    )
    .execute();

/** Failed deliveries to an endpoint in a window, re-queued as manual; returns how many. */
export async function requeueFailedSince(db: Trx, tenantId: string, endpointId: string, since: Date, until: Date) {
  const rows = await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: sql`now()`,
      locked_until: null,
      trigger: 'manual',
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'failed')
    .where('created_at', '>=', since)
    .where('created_at', '<=', until)
    .returning('id')
    .execute();
  if (rows.length > 0) await notifyDeliveries(db);
  return rows.length;
}

/** One finished attempt for a batched write. */
export interface AttemptOutcome {
  delivery: ClaimedDelivery;
  statusCode: number;
  success: boolean;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
  next: { status: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: Date | null };
}

/**
 * Platform path: records a batch of attempts in three statements (attempt rows, delivery states,
 * endpoint health — each endpoint's latest outcome wins) instead of a transaction per delivery.
 * Returns, for endpoints whose latest outcome failed, since when they have been failing.
 */
export async function recordBatch(
  db: Trx,
  outcomes: AttemptOutcome[],
): Promise<{ id: string; tenant_id: string; failing_since: Date }[]> {
  if (outcomes.length === 0) return [];
  await db
    .insertInto('webhook_attempts')
    .values(
      outcomes.map((o) => ({
        tenant_id: o.delivery.tenant_id,
        endpoint_id: o.delivery.endpoint_id,
        message_id: o.delivery.message_id,
        event_type: o.delivery.event_type,
        status_code: o.statusCode,
        success: o.success,
        error: o.error,
        duration_ms: o.durationMs,
        response_excerpt: o.responseExcerpt,
        trigger: o.delivery.trigger,
        attempt_number: o.delivery.attempts,
      })),
    )
    .execute();
  const rows = outcomes.map(
    (o) => sql`(${o.delivery.id}::uuid, ${o.next.status}, ${o.next.nextAttemptAt?.toISOString() ?? null}::timestamptz)`,
  );
  await sql`
    update webhook_deliveries d
    set status = v.status, next_attempt_at = v.next_at, locked_until = null, updated_at = now()
    from (values ${sql.join(rows)}) as v(id, status, next_at)
    where d.id = v.id`.execute(db);
  const latest = new Map<string, { tenant: string; success: boolean }>();
  for (const o of outcomes) latest.set(o.delivery.endpoint_id, { tenant: o.delivery.tenant_id, success: o.success });
  const ok = [...latest].filter(([, v]) => v.success).map(([id]) => id);
  const failed = [...latest].filter(([, v]) => !v.success).map(([id]) => id);
  if (ok.length > 0) {
    await db
      .updateTable('webhook_endpoints')
      .set({ failing_since: null, last_delivery_at: sql`now()` })
      .where('id', 'in', ok)
      .execute();
  }
  if (failed.length === 0) return [];
  const failing = await db
    .updateTable('webhook_endpoints')
    .set({ failing_since: sql`coalesce(failing_since, now())` })
    .where('id', 'in', failed)
    .returning(['id', 'tenant_id', 'failing_since'])
    .execute();
  return failing.filter((f): f is { id: string; tenant_id: string; failing_since: Date } => f.failing_since !== null);
}
