import { FakeServer, PayPalFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials, VerifyOutcome } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

/** An outcome to match; `reason` is a pattern. */
type Expected = { kind: VerifyOutcome['kind']; reason?: RegExp; missing?: string };

const CLIENT_ID = 'AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS';
const SECRET = 'EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL';

const fakes = new FakeServer([new PayPalFake()]);
const paypal = () => fakes.get<PayPalFake>('paypal');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (credentials: Credentials) => verify({ http, baseUrl: fakes.baseUrl('paypal'), credentials });
const creds = (over: Credentials = {}): Credentials => ({
  environment: 'sandbox',
  client_id: CLIENT_ID,
  client_secret: SECRET,
  ...over,
});

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('PayPal verification against the fake', () => {
  it('exchanges the client credentials for a token with HTTP Basic and a form body', async () => {
    paypal().addClient(CLIENT_ID, SECRET, { appId: 'APP-80W284485P519543T' });
    expect(await run(creds())).toEqual({
      kind: 'valid',
      reason: 'PayPal accepted the client ID and secret',
      account: 'APP-80W284485P519543T',
    });
    const req = paypal().requests[0];
    expect(req).toMatchObject({ method: 'POST', path: '/v1/oauth2/token', body: 'grant_type=client_credentials' });
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`);
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it.each<[string, (fake: PayPalFake) => void, Credentials, Expected]>([
    ['a wrong secret', (f) => f.addClient(CLIENT_ID, 'EOtherSecret0000000000000000'), creds(), { kind: 'rejected' }],
    ['an unknown client', () => {}, creds(), { kind: 'rejected', reason: /same REST app and to Sandbox/ }],
    [
      'live credentials against the wrong environment',
      () => {},
      creds({ environment: 'live' }),
      { kind: 'rejected', reason: /to Live/ },
    ],
    ['a disabled app', (f) => f.addClient(CLIENT_ID, SECRET, { disabled: true }), creds(), { kind: 'rejected' }],
  ])('rejects %s without echoing credentials', async (_name, setup, credentials, expected) => {
    setup(paypal());
    const outcome = await run(credentials);
    expect(outcome.kind).toBe(expected.kind);
    if (expected.reason) expect(outcome.reason).toMatch(expected.reason);
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(outcome.reason).not.toContain(CLIENT_ID);
  });

  it.each([
    ['down', /PayPal is unavailable \(HTTP 503\)/],
    ['slow', /PayPal did not answer in time/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    paypal().addClient(CLIENT_ID, SECRET);
    paypal().mode = mode;
    paypal().slowMs = 1_500;
    const outcome = await run(creds());
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(SECRET);
  });
});

describe('PayPal manifest', () => {
  it('derives the base URL and mode from the environment', () => {
    const base = manifest.defaultBaseUrl as (c: Credentials) => string;
    expect(base({ environment: 'live' })).toBe('https://api-m.paypal.com');
    expect(base({ environment: 'sandbox' })).toBe('https://api-m.sandbox.paypal.com');
    expect(base({})).toBe('https://api-m.sandbox.paypal.com');
    expect(manifest.mode?.({ environment: 'live' })).toBe('live');
    expect(manifest.mode?.({ environment: 'sandbox' })).toBe('test');
  });

  it('declares the fields with labels, descriptions and only the secret as sensitive', () => {
    const schema = manifest.credentialSchema;
    expect(Object.keys(schema)).toEqual(['environment', 'client_id', 'client_secret', 'webhook_id']);
    for (const field of Object.values(schema)) expect(field.label && field.description).toBeTruthy();
    expect(Object.entries(schema).filter(([, f]) => f.sensitive)).toEqual([['client_secret', schema.client_secret]]);
    expect(schema.environment).toMatchObject({ type: 'select', required: true, default: 'sandbox' });
    expect(schema.environment?.options?.map((o) => o.value)).toEqual(['sandbox', 'live']);
    expect(schema.webhook_id?.required).toBe(false);
  });

  it('has only patterns that compile', () => {
    for (const field of Object.values(manifest.credentialSchema)) {
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
    }
  });

  it.each([
    ['client_id', CLIENT_ID, 'not a client id!'],
    ['client_secret', SECRET, 'short'],
    ['webhook_id', '8PT597110X687430LKGECATA', 'https://example.com/hook'],
  ])('the %s pattern compiles and tells a real value from a wrong one', (field, good, bad) => {
    const pattern = new RegExp(manifest.credentialSchema[field]?.pattern ?? '(?!)');
    expect(pattern.test(good)).toBe(true);
    expect(pattern.test(bad)).toBe(false);
  });
});
