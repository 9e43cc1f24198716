import { createHmac, timingSafeEqual } from 'node:crypto';

import { pick } from '../outcome.js';
import type { InboundHandler, InboundResult, NormalizedEvent } from '../types.js';

/** Stripe's `constructEvent` default: a signed timestamp older (or newer) than this is a replay. */
const TOLERANCE_S = 300;

const rejected = (status: number, reason: string): InboundResult => ({ kind: 'rejected', status, reason });

/**
 * `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]`: HMAC-SHA256 keyed with the whole `whsec_…` string
 * (used as is, not base64-decoded) over `${t}.${rawBody}`. Every `v1` is tried, so deliveries
 * signed during a secret roll verify; other schemes (`v0`) are ignored like Stripe's library does.
 */
export const inbound: InboundHandler = async (ctx) => {
  const secret = ctx.credentials.webhook_secret;
  if (!secret) return rejected(403, 'Webhook secret not configured');
  const header = ctx.request.headers['stripe-signature'];
  if (!header) return rejected(401, 'Missing Stripe-Signature header');

  let timestamp: string | null = null;
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === null || signatures.length === 0) {
    return rejected(401, 'Stripe-Signature header has no timestamp or v1 signature');
  }

  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(ctx.request.rawBody).digest();
  // Compare against every candidate (no early exit), each comparison constant-time and length-checked.
  let matched = false;
  for (const signature of signatures) {
    if (signature.length === expected.length && timingSafeEqual(signature, expected)) matched = true;
  }
  if (!matched) return rejected(401, 'Signature does not match');
  if (Math.abs(ctx.now.getTime() / 1000 - Number(timestamp)) > TOLERANCE_S) {
    return rejected(401, `Timestamp outside the ${TOLERANCE_S} s tolerance`);
  }

  let body: unknown;
  try {
    body = JSON.parse(ctx.request.rawBody.toString('utf8'));
  } catch {
    return rejected(400, 'Body is not valid JSON');
  }
  const id = pick(body, 'id');
  const type = pick(body, 'type');
  if (typeof id !== 'string' || id === '') return rejected(400, 'Body is not a Stripe event (no id)');
  const eventType = typeof type === 'string' ? type : null;
  return { kind: 'verified', eventId: id, eventType, events: normalize(eventType, pick(body, 'data', 'object')) };
};

const PAYMENT_EVENTS: Record<string, string> = {
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
};

/** PaymentIntent events → PaymentEvent (amount in the smallest currency unit, as Stripe sends it). */
function normalize(type: string | null, object: unknown): NormalizedEvent[] {
  const mapped = type === null ? undefined : PAYMENT_EVENTS[type];
  if (!mapped) return [];
  const id = pick(object, 'id');
  const amount = pick(object, 'amount');
  const currency = pick(object, 'currency');
  if (typeof id !== 'string' || !Number.isSafeInteger(amount) || typeof currency !== 'string') return [];
  const code = pick(object, 'last_payment_error', 'code');
  return [
    {
      type: mapped,
      payload: {
        payment_id: id,
        provider: 'stripe',
        amount: amount as number,
        currency,
        failure_reason: typeof code === 'string' ? code : null,
      },
    },
  ];
}
