import type {
  AttemptListQuery,
  RecoverBody,
  StatsQuery,
  TestResult,
  WebhookAttempt,
  WebhookStats,
} from '@gatehouse/shared';
import { EVENT_CATALOG, type EventType } from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../../audit/audit.service.js';
import type { WebhookAttemptRow } from '../../db/schema.js';
import { inScope, type Trx } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { cursorPage, decodeCursor } from '../../http/cursor.js';
import { invalid, notFound } from '../../http/errors.js';
import { withTenantCipher } from '../../keys/tenant-keys.js';
import * as deliveries from './deliveries.repository.js';
import { newMessageId } from './emit.js';
import { findEndpoint } from './endpoints.repository.js';
import { signingSecretFields } from './secrets.js';
import { sendMessage } from './send.js';

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

/** The attempt log of one endpoint, newest first (keyset pagination). */
export async function listAttempts(deps: Deps, tenantId: string, endpointId: string, q: AttemptListQuery) {
  const rows = await inScope(deps.db, { tenantId }, async (trx) => {
    await endpointOr404(trx, tenantId, endpointId);
    return deliveries.listAttempts(trx, tenantId, endpointId, {
      success: q.outcome === undefined ? undefined : q.outcome === 'succeeded',
      messageId: q.message_id,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
  });
  const { page, nextCursor } = cursorPage(rows, q.limit, (r) => ({ at: r.created_at, id: r.id }));
  return { data: page.map(toAttempt), meta: { next_cursor: nextCursor, limit: q.limit } };
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
    const secrets = await withTenantCipher(deps, trx, tenantId, (c) =>
      Promise.all(signingSecretFields(row).map(([field, value]) => c.decrypt(place, field, value))),
    );
    await deliveries.insertMessage(trx, {
      id: messageId,
      tenant_id: tenantId,
      event_type: type,
      payload: entry.example,
    });
    return { endpoint: row, secrets };
  });
  const result = await sendMessage(deps.webhookHttp, endpoint, secrets, {
    id: messageId,
    eventType: type,
    payload: entry.example,
    createdAt: new Date(),
  });
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
    if (!(await deliveries.findMessage(trx, tenantId, messageId))) throw notFound('Message');
    await deliveries.requeue(trx, tenantId, messageId, endpointId);
    await deliveries.notifyDeliveries(trx);
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
    const rows = await deliveries.attemptBuckets(trx, tenantId, endpointId, unit, q.days);
    const pending = await deliveries.countPending(trx, tenantId, endpointId);
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
      pending,
    };
  });
}
