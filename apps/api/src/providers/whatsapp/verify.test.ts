import { FakeServer, WhatsAppFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials, VerifyOutcome } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

/** An outcome to match; `reason` is a pattern. */
type Expected = { kind: VerifyOutcome['kind']; reason?: RegExp; missing?: string };

const PHONE_ID = '106540352242922';
const TOKEN = 'EAAGm0PX4ZCpsBAKZAZBpxk7ZCvzW6rXhZCZAZC7mZBdZCZBz9ZA1qZCfZBpZAZCQZDZD';
const SECRETS = { verify_token: 'gh-verify-7d1c0f2e9a', app_secret: '0f3a9c2b7e1d4f6a8b5c9d0e1f2a3b4c' };

const fakes = new FakeServer([new WhatsAppFake()]);
const whatsapp = () => fakes.get<WhatsAppFake>('whatsapp');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const creds = (over: Credentials = {}): Credentials => ({
  phone_number_id: PHONE_ID,
  access_token: TOKEN,
  ...SECRETS,
  ...over,
});
const run = (credentials = creds()) => verify({ http, baseUrl: fakes.baseUrl('whatsapp'), credentials });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('WhatsApp Cloud API verification against the fake', () => {
  it('reads the phone number with the bearer token and names it', async () => {
    whatsapp()
      .addPhoneNumber(PHONE_ID, { verifiedName: 'Gatehouse Hotel', displayPhoneNumber: '+1 555-010-0000' })
      .addToken(TOKEN, [PHONE_ID]);
    expect(await run()).toEqual({
      kind: 'valid',
      reason: 'WhatsApp accepted the access token and phone number ID',
      account: 'Gatehouse Hotel (+1 555-010-0000)',
    });
    const req = whatsapp().requests[0];
    expect(req).toMatchObject({ method: 'GET', path: `/${PHONE_ID}` });
    expect(req?.query.get('fields')).toBe('display_phone_number,verified_name,quality_rating');
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it.each<[string, (fake: WhatsAppFake) => void, Credentials, Expected]>([
    [
      'an unknown token (190)',
      (f) => f.addPhoneNumber(PHONE_ID),
      creds(),
      { kind: 'rejected', reason: /access token/ },
    ],
    [
      'an expired token (190/463)',
      (f) => f.addPhoneNumber(PHONE_ID).addToken(TOKEN, [PHONE_ID], { state: 'expired' }),
      creds(),
      { kind: 'rejected', reason: /expired/ },
    ],
    [
      'an invalidated token (190/460)',
      (f) => f.addPhoneNumber(PHONE_ID).addToken(TOKEN, [PHONE_ID], { state: 'invalidated' }),
      creds(),
      { kind: 'rejected', reason: /access token/ },
    ],
    [
      'no token (104)',
      (f) => f.addPhoneNumber(PHONE_ID),
      creds({ access_token: '' }),
      { kind: 'rejected', reason: /access token/ },
    ],
    [
      'an unknown phone number id (100)',
      (f) => f.addToken(TOKEN, [PHONE_ID]),
      creds(),
      { kind: 'rejected', reason: /Phone number ID field/ },
    ],
    [
      'a phone number the token cannot see (100)',
      (f) => f.addPhoneNumber(PHONE_ID).addToken(TOKEN, ['999999999999']),
      creds(),
      { kind: 'rejected', reason: /Phone number ID/ },
    ],
    [
      'a token without whatsapp_business_management (200)',
      (f) => f.addPhoneNumber(PHONE_ID).addToken(TOKEN, [PHONE_ID], { scopes: ['whatsapp_business_messaging'] }),
      creds(),
      { kind: 'under_scoped', missing: 'whatsapp_business_management' },
    ],
    [
      'a token without whatsapp_business_management (10)',
      (f) => f.addPhoneNumber(PHONE_ID).addToken(TOKEN, [PHONE_ID], { scopes: [], permissionCode: 10 }),
      creds(),
      { kind: 'under_scoped', missing: 'whatsapp_business_management' },
    ],
  ])('classifies %s', async (_name, setup, credentials, { reason, ...expected }) => {
    setup(whatsapp());
    const outcome = await run(credentials);
    expect(outcome).toMatchObject(expected);
    if (reason) expect(outcome.reason).toMatch(reason);
    for (const secret of [TOKEN, ...Object.values(SECRETS)]) expect(JSON.stringify(outcome)).not.toContain(secret);
    expect(outcome.reason).not.toMatch(/OAuthException|fbtrace|Unsupported get request/);
  });

  it.each([
    ['down', /WhatsApp is unavailable \(HTTP 503\)/],
    ['slow', /WhatsApp did not answer in time/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    whatsapp().addPhoneNumber(PHONE_ID).addToken(TOKEN, [PHONE_ID]);
    whatsapp().mode = mode;
    whatsapp().slowMs = 1_500;
    const outcome = await run();
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(TOKEN);
  });
});

describe('WhatsApp manifest', () => {
  it('declares the routing key and secrets with labels and descriptions', () => {
    const schema = manifest.credentialSchema;
    expect(Object.keys(schema)).toEqual([
      'phone_number_id',
      'business_account_id',
      'verify_token',
      'access_token',
      'app_secret',
    ]);
    for (const field of Object.values(schema)) expect(field.label && field.description).toBeTruthy();
    expect(Object.keys(schema).filter((k) => schema[k]?.sensitive)).toEqual([
      'verify_token',
      'access_token',
      'app_secret',
    ]);
    expect(Object.keys(schema).filter((k) => !schema[k]?.required)).toEqual(['business_account_id']);
    expect(schema.phone_number_id?.description).toMatch(/inbound routing key/);
    expect(manifest.capabilities).toEqual(['send_whatsapp', 'receive_whatsapp']);
    expect(manifest.defaultBaseUrl).toBe('https://graph.facebook.com/v21.0');
  });

  it('has only patterns that compile', () => {
    for (const field of Object.values(manifest.credentialSchema)) {
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
    }
  });

  it.each([
    ['phone_number_id', PHONE_ID, true],
    ['phone_number_id', '+1 555-010-0000', false],
    ['phone_number_id', '15550100000x', false],
    ['business_account_id', '102290129340398', true],
    ['business_account_id', 'waba-1', false],
    ['app_secret', SECRETS.app_secret, true],
    ['app_secret', 'EAAGm0PX4ZCpsBA', false],
  ])('the %s pattern on %s is %s', (field, value, ok) => {
    expect(new RegExp(manifest.credentialSchema[field]!.pattern!).test(value)).toBe(ok);
  });
});
