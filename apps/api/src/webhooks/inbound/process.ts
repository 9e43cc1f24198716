import type { EventType } from '@gatehouse/shared';
import { EVENT_CATALOG } from '@gatehouse/shared';

import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { findIntegrationByProvider } from '../../integrations/integrations.repository.js';
import { baseUrlFor } from '../../integrations/verification.js';
import type { InboundJob } from '../../jobs/queue.js';
import { withTenantCipher } from '../../keys/tenant-keys.js';
import { type Beds24NotifyHint, fetchBooking } from '../../providers/beds24/booking.js';
import { findProvider } from '../../providers/registry.js';
import type { Credentials, NormalizedEvent } from '../../providers/types.js';
import { emitEvent } from '../outbound/emit.js';
import * as repo from './inbound.repository.js';

/** Thrown so the queue retries the job later (the provider API was unreachable). */
class RetryProcessing extends Error {}

/**
 * Beds24 notifications are unsigned: only the booking id is taken from them, and the booking is
 * fetched through the Beds24 API (outside any transaction) before an event is emitted.
 */
async function beds24Events(deps: Deps, tenantId: string, bookingId: string, hint: Beds24NotifyHint | undefined) {
  const provider = findProvider('beds24')!;
  const credentials = await inScope(deps.db, { tenantId }, async (trx) => {
    const row = await findIntegrationByProvider(trx, tenantId, 'beds24');
    if (!row) return null;
    const out: Credentials = { ...row.settings };
    await withTenantCipher(deps, trx, tenantId, async (c) => {
      const place = { tenantId, table: 'integrations', rowId: row.id };
      for (const [field, value] of Object.entries(row.secrets)) out[field] = await c.decrypt(place, field, value);
    });
    return out;
  });
  if (!credentials) return { events: [], result: 'The Beds24 integration was removed; not processed' };
  const fetched = await fetchBooking(
    { http: deps.http, baseUrl: baseUrlFor(deps, provider, credentials), credentials },
    bookingId,
    hint,
  );
  if (fetched.ok) return { events: [fetched.event], result: null };
  if (fetched.retry) throw new RetryProcessing(fetched.reason);
  return { events: [], result: `Not processed: ${fetched.reason}` };
}

/**
 * Processes one verified inbound request (a job, so the provider got its 2xx at once): emits its
 * normalized events, which fan out to the tenant's outbound webhooks in the same transaction.
 * Marking it processed in that transaction makes a retried or duplicated job a no-op.
 */
export async function processInbound(deps: Deps, job: InboundJob): Promise<void> {
  const row = await inScope(deps.db, { tenantId: job.tenantId }, (trx) =>
    repo.findInbound(trx, job.tenantId, job.inboundId),
  );
  if (!row || row.processed_at || row.status !== 'verified') return;
  let events: NormalizedEvent[] = row.normalized.filter((e) => e.type in EVENT_CATALOG);
  let fixedResult: string | null = null;
  const notify = /^booking\.notify:(.+)$/.exec(row.event_type ?? '');
  if (row.provider === 'beds24' && notify) {
    const hint = row.provider_event_id?.split(':')[1];
    const fetched = await beds24Events(
      deps,
      job.tenantId,
      notify[1]!,
      hint === 'new' || hint === 'modify' || hint === 'cancel' ? hint : undefined,
    );
    events = fetched.events;
    fixedResult = fetched.result;
  }
  await inScope(deps.db, { tenantId: job.tenantId }, async (trx) => {
    const result =
      fixedResult ??
      (events.length === 0
        ? 'Verified; nothing to emit for this event type'
        : `Emitted ${events.map((e) => e.type).join(', ')}`);
    if (!(await repo.markProcessed(trx, row.id, result))) return;
    for (const event of events) await emitEvent(trx, job.tenantId, event.type as EventType, event.payload as never);
  });
}

/**
 * Queues again every verified request left unprocessed (a process died between logging it and
 * queueing its job). Safe to overlap with running jobs: processing is idempotent.
 */
export async function requeueUnprocessed(deps: Deps, olderThanSeconds: number): Promise<number> {
  const rows = await inScope(deps.db, { platform: true }, (trx) => repo.listUnprocessed(trx, olderThanSeconds));
  for (const row of rows) await deps.jobs.requestInboundProcessing({ tenantId: row.tenant_id, inboundId: row.id });
  return rows.length;
}
