import type {
  AttemptListQuery,
  RecoverBody,
  StatsQuery,
  TestResult,
  WebhookAttempt,
  WebhookStats,
} from '@gatehouse/shared';
import { EVENT_CATALOG, type EventType } from '@gatehouse/shared';
import { sql } from 'kysely';

import { type AuditContext, recordAudit } from '../../audit/audit.service.js';
import type { WebhookAttemptRow } from '../../db/schema.js';
import { inScope, type Trx } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { invalid, notFound } from '../../http/errors.js';
import { withTenantCipher } from '../../keys/tenant-keys.js';
import * as deliveries from './deliveries.repository.js';
import { newMessageId } from './emit.js';
import { findEndpoint } from './endpoints.repository.js';
import { sendMessage } from './send.js';
import { deliveryHttp } from './worker.js';

async function endpointOr404(trx: Trx, tenantId: string, id: string) {
  const row = await findEndpoint(trx, tenantId, id);
  if (!row) throw notFound('Webhook');
  return row;
}

const toAttempt = (r: WebhookAttemptRow): WebhookAttempt => ({
  id: r.id,
  message_id: r.message_id,
  event_type: r.event_type,
  status_code: r.status_code,
  success: r.success,
  error: r.error,
  duration_ms: r.duration_ms,
  response_excerpt: r.response_excerpt,
  trigger: r.trigger,
  attempt_number: r.attempt_number,
  created_at: r.created_at.toISOString(),
});

const encode = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
function decode(cursor: string) {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalid({ cursor: ['Cursor is not valid'] });
  }
  return { createdAt, id };
}

/** The attempt log of one endpoint, newest first (keyset pagination). */
export async function listAttempts(deps: Deps, tenantId: string, endpointId: string, q: AttemptListQuery) {
  const after = q.cursor ? decode(q.cursor) : undefined;
  const rows = await inScope(deps.db, { tenantId }, async (trx) => {
    await endpointOr404(trx, tenantId, endpointId);
    let query = trx
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId);
    if (q.outcome) query = query.where('success', '=', q.outcome === 'succeeded');
    if (q.message_id) query = query.where('message_id', '=', q.message_id);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(toAttempt),
    meta: { next_cursor: rows.length > q.limit && last ? encode(last.created_at, last.id) : null, limit: q.limit },
  };
}

/**
 * Send test: a signed `webhook.test` (or the chosen type's example) posted now, reported with the
 * HTTP status or the error, and logged as a `test` attempt. Not retried.
 */
export async function sendTest(
  deps: Deps,
  tenantId: string,
  endpointId: string,
  eventType: string | undefined,
  who: AuditContext,
): Promise<TestResult> {
  const type = (eventType ?? 'webhook.test') as EventType;
  const entry = EVENT_CATALOG[type];
  if (!entry) throw invalid({ event_type: [`Unknown event type ${type}`] });
  const messageId = newMessageId();
  const { endpoint, secrets } = await inScope(deps.db, { tenantId }, async (trx) => {
    const row = await endpointOr404(trx, tenantId, endpointId);
    const place = { tenantId, table: 'webhook_endpoints', rowId: row.id };
    // Signed like a real delivery: with the previous secret too while a rotation's grace period runs.
    const secrets = await withTenantCipher(deps, trx, tenantId, async (c) => [
      await c.decrypt(place, 'secret', row.secret),
      ...(row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > new Date()
        ? [await c.decrypt(place, 'previous_secret', row.previous_secret)]
        : []),
    ]);
    await trx
      .insertInto('webhook_messages')
      .values({ id: messageId, tenant_id: tenantId, event_type: type, payload: JSON.stringify(entry.example) })
      .execute();
    return { endpoint: row, secrets };
  });
  const http = deliveryHttp(deps);
  const result = await sendMessage(http, endpoint, secrets, {
    id: messageId,
    eventType: type,
    payload: entry.example,
    createdAt: new Date(),
  }).finally(() => http.close());
  await inScope(deps.db, { tenantId }, async (trx) => {
    await deliveries.insertAttempt(trx, {
      tenant_id: tenantId,
      endpoint_id: endpointId,
      message_id: messageId,
      event_type: type,
      status_code: result.statusCode,
      success: result.success,
      error: result.error,
      duration_ms: result.durationMs,
      response_excerpt: result.responseExcerpt,
      trigger: 'test',
      attempt_number: 1,
    });
    await recordAudit(trx, who, {
      tenantId,
      action: 'webhook.tested',
      targetType: 'webhook',
      targetId: endpointId,
      targetLabel: endpoint.name,
      details: { event_type: type, status_code: result.statusCode },
    });
  });
  return {
    success: result.success,
    status_code: result.statusCode,
    error: result.error,
    duration_ms: result.durationMs,
    message_id: messageId,
  };
}

/** Delivers one message to the endpoint again (manual: one attempt, not rescheduled). */
export async function resend(deps: Deps, tenantId: string, endpointId: string, messageId: string) {
  await inScope(deps.db, { tenantId }, async (trx) => {
    await endpointOr404(trx, tenantId, endpointId);
    const message = await trx
      .selectFrom('webhook_messages')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!message) throw notFound('Message');
    await deliveries.requeue(trx, tenantId, messageId, endpointId);
    await sql`select pg_notify('gatehouse_webhook_deliveries', '')`.execute(trx);
  });
}

/** Re-queues every message that failed to reach the endpoint in the window (≤ 14 days). */
export async function recover(deps: Deps, tenantId: string, endpointId: string, body: RecoverBody, who: AuditContext) {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const row = await endpointOr404(trx, tenantId, endpointId);
    const until = body.until ? new Date(body.until) : new Date();
    const queued = await deliveries.requeueFailedSince(trx, tenantId, endpointId, new Date(body.since), until);
    await recordAudit(trx, who, {
      tenantId,
      action: 'webhook.recovered',
      targetType: 'webhook',
      targetId: endpointId,
      targetLabel: row.name,
      details: { since: body.since, until: until.toISOString(), queued },
    });
    return queued;
  });
}

/** Successes and failures per hour (≤ 2 days) or per day, with totals and the pending count. */
export async function stats(deps: Deps, tenantId: string, endpointId: string, q: StatsQuery): Promise<WebhookStats> {
  const unit = q.days <= 2 ? 'hour' : 'day';
  return inScope(deps.db, { tenantId }, async (trx) => {
    await endpointOr404(trx, tenantId, endpointId);
    const { rows } = await sql<{ start: Date; succeeded: string; failed: string }>`
      select date_trunc(${unit}, created_at) as start,
             count(*) filter (where success) as succeeded,
             count(*) filter (where not success) as failed
      from webhook_attempts
      where tenant_id = ${tenantId} and endpoint_id = ${endpointId}
        and created_at >= now() - make_interval(days => ${q.days})
      group by 1 order by 1`.execute(trx);
    const pending = await trx
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const buckets = rows.map((r) => ({
      start: new Date(r.start).toISOString(),
      succeeded: Number(r.succeeded),
      failed: Number(r.failed),
    }));
    const succeeded = buckets.reduce((n, b) => n + b.succeeded, 0);
    const failed = buckets.reduce((n, b) => n + b.failed, 0);
    return {
      buckets,
      totals: { succeeded, failed, success_rate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed) },
      pending: Number(pending.n),
    };
  });
}
