import { createHash, timingSafeEqual } from 'node:crypto';

import { pick } from '../outcome.js';
import type { InboundHandler, InboundResult } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/** Constant-time string equality; hashing first gives equal lengths, so the length is not leaked either. */
function sameSecret(received: string, expected: string): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const idOf = (value: unknown): string | null =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? String(value)
    : typeof value === 'string' && /^[0-9A-Za-z_-]{1,64}$/.test(value)
      ? value
      : null;
const wordOf = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z_]{1,32}$/.test(value) ? value.toLowerCase() : null;

/**
 * Beds24 booking webhooks carry no signature (wiki: Setting/propertiesnotifyurl). The tenant's
 * `inbound_token` authenticates them instead, as `?token=…` in the URL entered in Beds24 or as the
 * `X-Gatehouse-Token` custom header.
 *
 * V1 appends `?bookid=…&status=new|modify|cancel|message` to the URL (a POST body, if any, is form
 * data); V2 posts API V2 booking JSON. Either way the payload is only a notification: anyone who
 * learned the URL could forge its details, and Beds24 itself says `modify` may hide a new or
 * cancelled booking. So no booking event is normalized here: `eventType` carries the booking id as
 * `booking.notify:<bookid>` and processing re-fetches the booking through the API before emitting
 * booking.created/updated/cancelled.
 */
export const inbound: InboundHandler = async (ctx) => {
  const { request } = ctx;
  const token = ctx.credentials.inbound_token;
  if (!token) return rejected(403, 'Inbound token not configured');
  const received = request.query.token ?? request.headers['x-gatehouse-token'];
  if (!received) return rejected(401, 'Missing inbound token');
  if (!sameSecret(received, token)) return rejected(401, 'Inbound token does not match');

  const text = request.rawBody.toString('utf8').trim();
  let body: unknown = {};
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      body = JSON.parse(text);
    } catch {
      return rejected(400, 'Body is not valid JSON');
    }
  } else if (text !== '') {
    body = Object.fromEntries(new URLSearchParams(text));
  }

  const bookId =
    idOf(request.query.bookid) ??
    idOf(pick(body, 'bookid')) ??
    idOf(pick(body, 'booking', 'id')) ??
    idOf(pick(body, 'bookId')) ??
    idOf(pick(body, 'id'));
  const status =
    wordOf(request.query.status) ??
    wordOf(pick(body, 'status')) ??
    wordOf(pick(body, 'booking', 'status')) ??
    'unknown';
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex').slice(0, 16);
  if (bookId !== null) {
    // V1 notifications usually have an empty body, so two real changes to one booking would hash
    // alike: the minute of receipt keeps them apart, while Beds24's quick retries still dedupe.
    const minute = Math.floor(ctx.now.getTime() / 60_000);
    return {
      kind: 'verified',
      eventId: `${bookId}:${status}:${bodyHash}:${minute}`,
      eventType: `booking.notify:${bookId}`,
      events: [],
    };
  }

  // Inventory webhooks: {"roomId","propId","ownerId","action":"SYNC_ROOM"}.
  const roomId = idOf(pick(body, 'roomId'));
  const action = pick(body, 'action');
  if (roomId !== null && typeof action === 'string' && /^[A-Z_]{1,32}$/.test(action)) {
    return { kind: 'verified', eventId: `room:${roomId}:${action}:${bodyHash}`, eventType: action, events: [] };
  }
  return rejected(400, 'Notification has no booking id');
};
