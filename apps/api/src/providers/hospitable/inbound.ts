import { createHmac, timingSafeEqual } from 'node:crypto';

import { pick } from '../outcome.js';
import type { InboundHandler, InboundResult, NormalizedEvent } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/**
 * `Signature: <hex HMAC-SHA256(webhook secret, raw body)>` (developer.hospitable.com/docs/webhooks).
 * The payload is `{id (ULID), action, data, created, version}`; reservation actions become booking
 * events, everything else is accepted with no normalized events.
 */
export const inbound: InboundHandler = async (ctx) => {
  const secret = ctx.credentials.webhook_secret;
  if (!secret) return rejected(403, 'Webhook secret not configured');
  const header = ctx.request.headers.signature;
  if (!header) return rejected(401, 'Missing Signature header');

  const expected = createHmac('sha256', secret).update(ctx.request.rawBody).digest();
  const received = /^[0-9a-f]{64}$/i.test(header.trim()) ? Buffer.from(header.trim(), 'hex') : Buffer.alloc(0);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return rejected(401, 'Signature does not match');
  }

  let body: unknown;
  try {
    body = JSON.parse(ctx.request.rawBody.toString('utf8'));
  } catch {
    return rejected(400, 'Body is not valid JSON');
  }
  const id = pick(body, 'id');
  const action = pick(body, 'action');
  const eventType = typeof action === 'string' ? action : null;
  return {
    kind: 'verified',
    eventId: typeof id === 'string' && id !== '' ? id : null,
    eventType,
    events: normalize(eventType, pick(body, 'data')),
  };
};

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const idOf = (value: unknown): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : str(value);
/** `2026-12-01` from `2026-12-01` or `2026-12-01T16:00:00-05:00` (the property's local date, not UTC). */
const dateOf = (value: unknown): string | null => /^\d{4}-\d{2}-\d{2}/.exec(str(value) ?? '')?.[0] ?? null;

type BookingStatus = 'confirmed' | 'cancelled' | 'pending';

/**
 * Hospitable's reservation status: `reservation_status.current.category` (v2) or the older flat
 * `status`, e.g. accepted, cancelled, request, checkpoint, not accepted.
 */
function statusOf(data: unknown): BookingStatus {
  const raw = str(pick(data, 'reservation_status', 'current', 'category')) ?? str(pick(data, 'status')) ?? '';
  const status = raw.toLowerCase().replace(/[\s-]+/g, '_');
  if (['cancelled', 'canceled', 'not_accepted', 'declined', 'denied', 'expired'].includes(status)) return 'cancelled';
  if (['request', 'requested', 'pending', 'inquiry', 'checkpoint', 'unknown'].includes(status)) return 'pending';
  return 'confirmed';
}

function guestName(data: unknown): string | null {
  const full =
    str(pick(data, 'guest', 'full_name')) ?? str(pick(data, 'guest', 'name')) ?? str(pick(data, 'guest_name'));
  if (full) return full;
  const parts = [str(pick(data, 'guest', 'first_name')), str(pick(data, 'guest', 'last_name'))].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

function normalize(action: string | null, data: unknown): NormalizedEvent[] {
  if (action === null || !action.startsWith('reservation.')) return [];
  const bookingId = idOf(pick(data, 'id')) ?? idOf(pick(data, 'code'));
  if (bookingId === null) return [];
  const status = action === 'reservation.cancelled' ? 'cancelled' : statusOf(data);
  let type: string;
  if (action === 'reservation.created') type = 'booking.created';
  else if (action === 'reservation.changed' || action === 'reservation.updated') {
    // Hospitable reports a cancellation as a change whose status is cancelled.
    type = status === 'cancelled' ? 'booking.cancelled' : 'booking.updated';
  } else if (action === 'reservation.cancelled') type = 'booking.cancelled';
  else return [];
  return [
    {
      type,
      payload: {
        booking_id: bookingId,
        provider: 'hospitable',
        property_id: idOf(pick(data, 'property_id')) ?? idOf(pick(data, 'properties', 0, 'id')),
        status,
        check_in: dateOf(pick(data, 'arrival_date')) ?? dateOf(pick(data, 'check_in')),
        check_out: dateOf(pick(data, 'departure_date')) ?? dateOf(pick(data, 'check_out')),
        guest_name: guestName(data),
      },
    },
  ];
}
