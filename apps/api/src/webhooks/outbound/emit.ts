import { randomBytes } from 'node:crypto';

import type { EventPayload, EventType } from '@gatehouse/shared';
import { sql } from 'kysely';

import type { Trx } from '../../db/scope.js';
import { subscribedEndpoints } from './endpoints.repository.js';

/** The channel delivery workers LISTEN on; a NOTIFY is delivered only when the transaction commits. */
export const DELIVERY_CHANNEL = 'gatehouse_webhook_deliveries';

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
  await trx
    .insertInto('events')
    .values({ tenant_id: tenantId, type, payload: JSON.stringify(payload) })
    .execute();
  const endpoints = await subscribedEndpoints(trx, tenantId, type);
  if (endpoints.length === 0) return null;
  const messageId = newMessageId();
  await trx
    .insertInto('webhook_messages')
    .values({ id: messageId, tenant_id: tenantId, event_type: type, payload: JSON.stringify(payload) })
    .execute();
  await trx
    .insertInto('webhook_deliveries')
    .values(
      endpoints.map((e) => ({
        tenant_id: tenantId,
        message_id: messageId,
        endpoint_id: e.id,
        status: 'pending' as const,
        next_attempt_at: sql<Date>`now()`,
      })),
    )
    .execute();
  await sql`select pg_notify(${DELIVERY_CHANNEL}, '')`.execute(trx);
  return messageId;
}
