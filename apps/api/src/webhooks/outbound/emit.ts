import { randomBytes } from 'node:crypto';

import type { EventPayload, EventType } from '@gatehouse/shared';

import type { Trx } from '../../db/scope.js';
import { insertDeliveries, insertMessage, notifyDeliveries } from './deliveries.repository.js';
import { insertEventLog, subscribedEndpoints } from './endpoints.repository.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `msg_` + 24 base62 characters: the `webhook-id` receivers deduplicate on (no '.' allowed). */
export function newMessageId(): string {
  const bytes = randomBytes(24);
  let id = 'msg_';
  for (const b of bytes) id += BASE62[b % 62];
  return id;
}

/**
 * Records an event in the caller's transaction: the event log row, and when any enabled endpoint
 * subscribes to it, the message and one pending delivery per endpoint. The change and its
 * deliveries commit (or roll back) together, so no event is lost between them.
 */
export async function emitEvent<T extends EventType>(
  trx: Trx,
  tenantId: string,
  type: T,
  payload: EventPayload<T>,
): Promise<string | null> {
  await insertEventLog(trx, tenantId, type, payload);
  const endpoints = await subscribedEndpoints(trx, tenantId, type);
  if (endpoints.length === 0) return null;
  const messageId = newMessageId();
  await insertMessage(trx, { id: messageId, tenant_id: tenantId, event_type: type, payload });
  await insertDeliveries(
    trx,
    tenantId,
    messageId,
    endpoints.map((e) => e.id),
  );
  await notifyDeliveries(trx);
  return messageId;
}
