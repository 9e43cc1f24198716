import type { IntegrationRow } from '../db/schema.js';
import type { Trx } from '../db/scope.js';
import { emitEvent } from '../webhooks/outbound/emit.js';
import * as repo from './integrations.repository.js';

type Status = IntegrationRow['status'];

/**
 * Records a status change: the history row and the `integration.status_changed` event (with its
 * webhook deliveries) commit with the change itself. No-op when the status stays the same.
 */
export async function recordTransition(
  trx: Trx,
  row: Pick<IntegrationRow, 'id' | 'tenant_id' | 'provider'>,
  from: Status | null,
  to: Status,
  reason: string,
): Promise<void> {
  if (from === to) return;
  await repo.insertStatusEvent(trx, {
    tenant_id: row.tenant_id,
    integration_id: row.id,
    from_status: from,
    to_status: to,
    reason,
  });
  await emitEvent(trx, row.tenant_id, 'integration.status_changed', {
    integration_id: row.id,
    provider: row.provider,
    from_status: from,
    to_status: to,
    reason,
  });
}
