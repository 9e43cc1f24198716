import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { pick } from '../outcome.js';
import type { InboundHandler, InboundResult, NormalizedEvent } from '../types.js';

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/** Constant-time string equality; hashing first gives equal lengths, so the length is not leaked either. */
function sameSecret(received: string, expected: string): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * WhatsApp Cloud API webhooks (Meta Graph API webhooks).
 * - GET: the subscription handshake `?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`,
 *   answered with the raw challenge when the token matches, else 403.
 * - POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. Meta signs the
 *   escaped-unicode bytes it sends, so only the raw body is hashed. Then every change's
 *   `metadata.phone_number_id` must be this tenant's number: one app secret can serve many
 *   numbers, so a delivery for another number is refused with a reason, never silently dropped.
 */
export const inbound: InboundHandler = async (ctx) => {
  const { request, credentials } = ctx;
  if (request.method === 'GET') {
    const token = credentials.verify_token;
    if (!token) return rejected(403, 'Verify token not configured');
    if (request.query['hub.mode'] !== 'subscribe') return rejected(403, 'hub.mode is not subscribe');
    if (!sameSecret(request.query['hub.verify_token'] ?? '', token))
      return rejected(403, 'Verify token does not match');
    const challenge = request.query['hub.challenge'] ?? '';
    // Meta sends a number; anything else printable is echoed only within bounds.
    if (!/^[\x21-\x7e]{1,512}$/.test(challenge)) return rejected(400, 'Missing or invalid hub.challenge');
    return { kind: 'handshake', status: 200, body: challenge };
  }

  const secret = credentials.app_secret;
  if (!secret) return rejected(403, 'App secret not configured');
  const configuredNumber = credentials.phone_number_id;
  if (!configuredNumber) return rejected(403, 'Phone number ID not configured');
  const header = request.headers['x-hub-signature-256'];
  if (!header) return rejected(401, 'Missing X-Hub-Signature-256 header');
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header.trim())?.[1];
  if (!hex) return rejected(401, 'X-Hub-Signature-256 header is not sha256=<hex>');
  const expected = createHmac('sha256', secret).update(request.rawBody).digest();
  const received = Buffer.from(hex, 'hex');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return rejected(401, 'Signature does not match');
  }

  let body: unknown;
  try {
    body = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return rejected(400, 'Body is not valid JSON');
  }
  const entries = pick(body, 'entry');
  if (!Array.isArray(entries)) return rejected(400, 'Body has no entry list');

  const values: unknown[] = [];
  let field: string | null = null;
  for (const entry of entries) {
    const changes = pick(entry, 'changes');
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const value = pick(change, 'value');
      const changeField = pick(change, 'field');
      if (typeof changeField === 'string') field ??= changeField;
      const numberId = pick(value, 'metadata', 'phone_number_id');
      const carriesMessages = changeField === 'messages' || pick(value, 'messages') !== undefined;
      if (numberId === undefined && !carriesMessages) continue; // WABA-level change (templates, account)
      if (typeof numberId !== 'string' || numberId === '') {
        return rejected(400, 'A messages change has no metadata.phone_number_id');
      }
      if (numberId !== configuredNumber) {
        return rejected(403, `phone_number_id ${numberId.slice(0, 32)} does not match the configured number`);
      }
      values.push(value);
    }
  }

  const events: NormalizedEvent[] = [];
  let firstMessageId: string | null = null;
  let firstStatus: string | null = null;
  for (const value of values) {
    const messages = pick(value, 'messages');
    for (const message of Array.isArray(messages) ? messages : []) {
      const id = pick(message, 'id');
      const from = pick(message, 'from');
      if (typeof id !== 'string' || id === '') continue;
      firstMessageId ??= id;
      const text = pick(message, 'text', 'body');
      if (pick(message, 'type') !== 'text' || typeof text !== 'string' || typeof from !== 'string') continue;
      events.push({
        type: 'message.received',
        payload: { message_id: id, provider: 'whatsapp', channel: 'whatsapp', from: e164(from), text },
      });
    }
    const statuses = pick(value, 'statuses');
    for (const status of Array.isArray(statuses) ? statuses : []) {
      const id = pick(status, 'id');
      const state = pick(status, 'status');
      // sent, delivered and read share the message id: the state keeps them distinct for dedup.
      if (typeof id === 'string' && id !== '') firstStatus ??= typeof state === 'string' ? `${id}:${state}` : id;
    }
  }

  const eventId = firstMessageId ?? firstStatus ?? createHash('sha256').update(request.rawBody).digest('hex');
  const eventType = firstMessageId !== null ? 'messages' : firstStatus !== null ? 'statuses' : field;
  return { kind: 'verified', eventId, eventType, events };
};

/** WhatsApp `from` is the wa_id, digits without `+`; the catalog uses E.164. */
const e164 = (waId: string): string => (/^\d+$/.test(waId) ? `+${waId}` : waId);
