import { FakeServer, PayPalFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials, InboundResult } from '../types.js';
import { inbound } from './inbound.js';

const CLIENT_ID = 'AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS';
const SECRET = 'EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL';
const WEBHOOK_ID = '8PT597110X687430LKGECATA';
const SIG =
  'thoAvBHXZuDGaTTLDudBDeqPdAz+9EgBqKKUJDUgdmUeyvMCFfN9EwbhLzLqFNUNYyMvz6XDeYXm9YsyZQkMTg7Yp4Wl/NqDjEFBu0Bv8Wlif0p0N7/RxC81Xd6kU8ZKyvAlYyVSnpRqZLHWvmT9mnXoWEpkNrGYBXWTsXxAlK3TMRpVHEqDsl4UR1g/uwRz3uk1V4zj6ERpNEzB8SuTwYrgVPAdH6dcBLFGVj1XWh1jcW7LXZa2+8/QqgAmi2fI5EdxXsm0tDQmvUwlzu0GBvIzC1DYwKLXSbZyv5ch/fYuU9QsT4gIAmOkcvJ4gOnIVeeW/qM9F+jCA5EOvWx0Ww==';

const fakes = new FakeServer([new PayPalFake()]);
const paypal = () => fakes.get<PayPalFake>('paypal');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const creds = (over: Credentials = {}): Credentials => ({
  environment: 'sandbox',
  client_id: CLIENT_ID,
  client_secret: SECRET,
  webhook_id: WEBHOOK_ID,
  ...over,
});
const transmission = (over: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  'paypal-auth-algo': 'SHA256withRSA',
  'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
  'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
  'paypal-transmission-sig': SIG,
  'paypal-transmission-time': '2026-03-01T11:59:58Z',
  ...over,
});
const run = (body: string, headers = transmission(), credentials = creds()): Promise<InboundResult> =>
  inbound({
    request: { method: 'POST', rawBody: Buffer.from(body), headers, query: {}, publicUrl: 'https://gh.test/x' },
    credentials,
    http,
    baseUrl: fakes.baseUrl('paypal'),
    now: new Date('2026-03-01T12:00:00Z'),
  });

/** A webhook event as PayPal sends it; `1.0` and the escaped é would not survive JSON.stringify. */
const capture = (eventType: string, resource: Record<string, unknown> = {}) =>
  `{"id":"WH-58D329510W468432D-8HN650336L201105X","event_version":1.0,"create_time":"2026-03-01T11:59:57.000Z",` +
  `"resource_type":"capture","resource_version":"2.0","event_type":"${eventType}",` +
  `"summary":"Payment for caf\\u00e9 booking","resource":${JSON.stringify({
    id: '42311647XV020574X',
    amount: { currency_code: 'EUR', value: '129.00' },
    final_capture: true,
    status: 'COMPLETED',
    ...resource,
  })}}`;

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => {
  fakes.resetAll();
  paypal().addClient(CLIENT_ID, SECRET).acceptSignature(SIG);
});

describe('PayPal inbound webhooks', () => {
  it('verifies through the API and normalizes PAYMENT.CAPTURE.COMPLETED', async () => {
    const body = capture('PAYMENT.CAPTURE.COMPLETED');
    expect(await run(body)).toEqual({
      kind: 'verified',
      eventId: 'WH-58D329510W468432D-8HN650336L201105X',
      eventType: 'PAYMENT.CAPTURE.COMPLETED',
      events: [
        {
          type: 'payment.succeeded',
          payload: {
            payment_id: '42311647XV020574X',
            provider: 'paypal',
            amount: 12900,
            currency: 'eur',
            failure_reason: null,
          },
        },
      ],
    });
    const [token, verify] = paypal().requests;
    expect(token).toMatchObject({ method: 'POST', path: '/v1/oauth2/token', body: 'grant_type=client_credentials' });
    expect(verify).toMatchObject({ method: 'POST', path: '/v1/notifications/verify-webhook-signature' });
    expect(verify?.headers.authorization).toMatch(/^Bearer A21AA/);
    expect(JSON.parse(verify?.body ?? '')).toEqual({
      auth_algo: 'SHA256withRSA',
      cert_url: 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      transmission_id: '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
      transmission_sig: SIG,
      transmission_time: '2026-03-01T11:59:58Z',
      webhook_id: WEBHOOK_ID,
      webhook_event: JSON.parse(body),
    });
    // The event goes to PayPal as the bytes received (PayPal checks their CRC32).
    expect(verify?.body.endsWith(`"webhook_event":${body}}`)).toBe(true);
  });

  it('normalizes PAYMENT.CAPTURE.DENIED and zero-decimal currencies', async () => {
    const body = capture('PAYMENT.CAPTURE.DENIED', {
      amount: { currency_code: 'JPY', value: '15000' },
      status: 'DECLINED',
      status_details: { reason: 'DECLINED_BY_RISK_FRAUD_FILTERS' },
    });
    expect(await run(body)).toMatchObject({
      kind: 'verified',
      events: [
        {
          type: 'payment.failed',
          payload: { amount: 15000, currency: 'jpy', failure_reason: 'DECLINED_BY_RISK_FRAUD_FILTERS' },
        },
      ],
    });
  });

  it('accepts unmapped event types without normalized events', async () => {
    expect(await run(capture('CHECKOUT.ORDER.APPROVED'))).toMatchObject({
      kind: 'verified',
      eventType: 'CHECKOUT.ORDER.APPROVED',
      events: [],
    });
  });

  it('rejects a signature PayPal does not confirm', async () => {
    const result = await run(
      capture('PAYMENT.CAPTURE.COMPLETED'),
      transmission({ 'paypal-transmission-sig': 'forged' }),
    );
    expect(result).toEqual({ kind: 'rejected', status: 401, reason: 'Signature does not match' });
  });

  it('answers 503 so PayPal retries when the verification API is down, slow or resets', async () => {
    for (const mode of ['down', 'slow', 'reset'] as const) {
      paypal().mode = mode;
      paypal().slowMs = 1_500;
      expect(await run(capture('PAYMENT.CAPTURE.COMPLETED'))).toEqual({
        kind: 'rejected',
        status: 503,
        reason: 'PayPal verification unavailable',
      });
    }
  });

  it('reports client credentials PayPal refuses as a configuration problem', async () => {
    const result = await run(
      capture('PAYMENT.CAPTURE.COMPLETED'),
      transmission(),
      creds({ client_secret: 'EOther0000000000000000000' }),
    );
    expect(result).toEqual({ kind: 'rejected', status: 403, reason: 'PayPal rejected the client ID and secret' });
    expect(JSON.stringify(result)).not.toContain(CLIENT_ID);
  });

  it.each<[string, () => Parameters<typeof run>, number, string]>([
    [
      'no configured webhook id',
      () => [capture('X'), transmission(), creds({ webhook_id: '' })],
      403,
      'Webhook ID not configured',
    ],
    [
      'no configured client',
      () => [capture('X'), transmission(), creds({ client_secret: '' })],
      403,
      'Client ID and secret not configured',
    ],
    [
      'a missing signature header',
      () => {
        const headers = transmission();
        delete headers['paypal-transmission-sig'];
        return [capture('X'), headers, creds()];
      },
      401,
      'Missing paypal-transmission-sig header',
    ],
    [
      'a missing cert URL header',
      () => [capture('X'), transmission({ 'paypal-cert-url': '' }), creds()],
      401,
      'Missing paypal-cert-url header',
    ],
    ['a body that is not JSON', () => ['{"id":', transmission(), creds()], 400, 'Body is not valid JSON'],
    ['a JSON body that is not an event', () => ['[1]', transmission(), creds()], 400, 'Body is not a PayPal event'],
  ])('rejects %s without calling PayPal', async (_name, args, status, reason) => {
    const result = await run(...args());
    expect(result).toEqual({ kind: 'rejected', status, reason });
    expect(paypal().requests).toHaveLength(0);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('PayPal fake: verify-webhook-signature', () => {
  it('refuses a bearer token it did not issue', async () => {
    const res = await http.request({
      method: 'POST',
      url: `${fakes.baseUrl('paypal')}/v1/notifications/verify-webhook-signature`,
      headers: { authorization: 'Bearer A21AAforged', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: 'invalid_token' });
  });
});
