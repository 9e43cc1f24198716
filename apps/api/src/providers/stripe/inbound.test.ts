import { createHmac } from 'node:crypto';

import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import type { Credentials, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const SECRET = 'whsec_9e0b1c2d3f4a5b6c7d8e9f0a1b2c3d4e';
const NOW = new Date('2026-03-01T12:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const stripe = new Stripe('sk_test_x');

const http: OutboundHttp = {
  request: () => Promise.reject(new Error('no HTTP in Stripe inbound')),
  resolveAllowed: () => Promise.reject(new Error('no HTTP in Stripe inbound')),
};

const run = (
  body: string,
  headers: Record<string, string>,
  credentials: Credentials = { webhook_secret: SECRET },
  now = NOW,
): Promise<InboundResult> =>
  inbound({
    request: { method: 'POST', rawBody: Buffer.from(body), headers, query: {}, publicUrl: 'https://gh.test/x' },
    credentials,
    http,
    baseUrl: 'https://api.stripe.com',
    now,
  });

const sign = (payload: string, secret = SECRET, timestamp = T) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

const event = (type: string, object: Record<string, unknown>) =>
  JSON.stringify({
    id: 'evt_3PqR7s2eZvKYlo2C0abcdEFG',
    object: 'event',
    api_version: '2024-06-20',
    created: T - 2,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });

const succeeded = event('payment_intent.succeeded', {
  id: 'pi_3PqR7s2eZvKYlo2C1xyz',
  object: 'payment_intent',
  amount: 12900,
  amount_received: 12900,
  currency: 'eur',
  status: 'succeeded',
  last_payment_error: null,
});

describe('Stripe inbound webhooks', () => {
  it('verifies a header made by the stripe library and normalizes payment_intent.succeeded', async () => {
    expect(await run(succeeded, { 'stripe-signature': sign(succeeded) })).toEqual({
      kind: 'verified',
      eventId: 'evt_3PqR7s2eZvKYlo2C0abcdEFG',
      eventType: 'payment_intent.succeeded',
      events: [
        {
          type: 'payment.succeeded',
          payload: {
            payment_id: 'pi_3PqR7s2eZvKYlo2C1xyz',
            provider: 'stripe',
            amount: 12900,
            currency: 'eur',
            failure_reason: null,
          },
        },
      ],
    });
  });

  it('agrees with the local reference vector', async () => {
    const body = '{"id":"evt_test","object":"event"}';
    const header = 't=1700000000,v1=8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724';
    expect(sign(body, 'whsec_test_secret', 1700000000)).toBe(header);
    const result = await run(
      body,
      { 'stripe-signature': header },
      { webhook_secret: 'whsec_test_secret' },
      new Date(1700000000_000),
    );
    expect(result).toEqual({ kind: 'verified', eventId: 'evt_test', eventType: null, events: [] });
  });

  it('normalizes payment_intent.payment_failed with the error code', async () => {
    const body = event('payment_intent.payment_failed', {
      id: 'pi_3PqR7s2eZvKYlo2C1fail',
      object: 'payment_intent',
      amount: 5000,
      currency: 'usd',
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', type: 'card_error' },
    });
    const result = await run(body, { 'stripe-signature': sign(body) });
    expect(result).toMatchObject({
      kind: 'verified',
      eventType: 'payment_intent.payment_failed',
      events: [
        {
          type: 'payment.failed',
          payload: {
            payment_id: 'pi_3PqR7s2eZvKYlo2C1fail',
            amount: 5000,
            currency: 'usd',
            failure_reason: 'card_declined',
          },
        },
      ],
    });
  });

  it('accepts unmapped event types with no normalized events', async () => {
    const body = event('customer.created', { id: 'cus_Q1', object: 'customer' });
    expect(await run(body, { 'stripe-signature': sign(body) })).toMatchObject({
      kind: 'verified',
      eventType: 'customer.created',
      events: [],
    });
  });

  it('accepts a header whose second v1 matches (secret roll)', async () => {
    const good = createHmac('sha256', SECRET).update(`${T}.${succeeded}`).digest('hex');
    const old = createHmac('sha256', 'whsec_old_secret').update(`${T}.${succeeded}`).digest('hex');
    const result = await run(succeeded, { 'stripe-signature': `t=${T},v1=${old},v1=${good},v0=deadbeef` });
    expect(result.kind).toBe('verified');
  });

  it.each<[string, () => [string, Record<string, string>], Credentials | undefined, number, string]>([
    [
      'a tampered body',
      () => [succeeded.replace('12900', '1'), { 'stripe-signature': sign(succeeded) }],
      undefined,
      401,
      'Signature does not match',
    ],
    [
      'a wrong secret',
      () => [succeeded, { 'stripe-signature': sign(succeeded, 'whsec_other') }],
      undefined,
      401,
      'Signature does not match',
    ],
    [
      'a stale timestamp',
      () => [succeeded, { 'stripe-signature': sign(succeeded, SECRET, T - 301) }],
      undefined,
      401,
      'Timestamp outside the 300 s tolerance',
    ],
    [
      'a timestamp from the future',
      () => [succeeded, { 'stripe-signature': sign(succeeded, SECRET, T + 301) }],
      undefined,
      401,
      'Timestamp outside the 300 s tolerance',
    ],
    ['a missing header', () => [succeeded, {}], undefined, 401, 'Missing Stripe-Signature header'],
    [
      'a header without v1',
      () => [succeeded, { 'stripe-signature': `t=${T},v0=abc` }],
      undefined,
      401,
      'Stripe-Signature header has no timestamp or v1 signature',
    ],
    [
      'a header without t',
      () => [succeeded, { 'stripe-signature': sign(succeeded).replace(/^t=\d+,/, '') }],
      undefined,
      401,
      'Stripe-Signature header has no timestamp or v1 signature',
    ],
    [
      'no configured secret',
      () => [succeeded, { 'stripe-signature': sign(succeeded) }],
      {},
      403,
      'Webhook secret not configured',
    ],
    [
      'a signed body that is not JSON',
      () => ['not json', { 'stripe-signature': sign('not json') }],
      undefined,
      400,
      'Body is not valid JSON',
    ],
    [
      'a signed body without an id',
      () => ['{"type":"x"}', { 'stripe-signature': sign('{"type":"x"}') }],
      undefined,
      400,
      'Body is not a Stripe event (no id)',
    ],
  ])('rejects %s', async (_name, make, credentials, status, reason) => {
    const [body, headers] = make();
    const result = await run(body, headers, credentials);
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('signs over the exact bytes, not a re-serialization', async () => {
    const pretty = JSON.stringify(JSON.parse(succeeded), null, 2);
    expect(await run(pretty, { 'stripe-signature': sign(succeeded) })).toMatchObject({ kind: 'rejected', status: 401 });
    expect(await run(pretty, { 'stripe-signature': sign(pretty) })).toMatchObject({ kind: 'verified' });
  });
});
