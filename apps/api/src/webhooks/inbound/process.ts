import type { EventType } from '@gatehouse/shared';
import { EVENT_CATALOG } from '@gatehouse/shared';

import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import type { InboundJob } from '../../jobs/queue.js';
import { emitEvent } from '../outbound/emit.js';
import * as repo from './inbound.repository.js';

/**
 * Processes one verified inbound request (a job, so the provider got its 2xx at once): emits its
 * normalized events, which fan out to the tenant's outbound webhooks in the same transaction.
 * Marking it processed in that transaction makes a retried job a no-op.
 */
export async function processInbound(deps: Deps, job: InboundJob): Promise<void> {
  await inScope(deps.db, { tenantId: job.tenantId }, async (trx) => {
    const row = await repo.findInbound(trx, job.tenantId, job.inboundId);
    if (!row || row.processed_at || row.status !== 'verified') return;
    const events = row.normalized.filter((e) => e.type in EVENT_CATALOG);
    const claimed = await repo.markProcessed(
      trx,
      row.id,
      events.length === 0
        ? 'Verified; nothing to emit for this event type'
        : `Emitted ${events.map((e) => e.type).join(', ')}`,
    );
    if (!claimed) return;
    for (const event of events) {
      await emitEvent(trx, job.tenantId, event.type as EventType, event.payload as never);
    }
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
