import { FakeServer, NukiFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

const TOKEN = '1db3cb5fade30a2ec6ce1a8db1efcf68ccfd980390ec88bacdc2c5fc7f7084d5352e1ffcf1edd729';

const fakes = new FakeServer([new NukiFake()]);
const nuki = () => fakes.get<NukiFake>('nuki');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (api_token: string) => verify({ http, baseUrl: fakes.baseUrl('nuki'), credentials: { api_token } });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('Nuki verification against the fake', () => {
  it('accepts a known API token, sends it as a bearer token and names the account by email', async () => {
    nuki().addToken(TOKEN, { email: 'frontdesk@example.com' });
    expect(await run(TOKEN)).toMatchObject({ kind: 'valid', account: 'frontdesk@example.com' });
    expect(nuki().requests[0]).toMatchObject({ method: 'GET', path: '/account' });
    expect(nuki().requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('rejects an unknown token without echoing it', async () => {
    const outcome = await run('deadbeef00112233445566778899aabbccddeeff4242');
    expect(outcome.kind).toBe('rejected');
    expect(JSON.stringify(outcome)).not.toContain('deadbeef');
    expect(JSON.stringify(outcome)).not.toContain('4242');
  });

  it('reports a token without the account permission as under-scoped', async () => {
    nuki().addToken(TOKEN, { account: false });
    expect(await run(TOKEN)).toMatchObject({ kind: 'under_scoped', missing: 'account' });
  });

  it.each([
    ['down', /unavailable \(HTTP 503\)/],
    ['slow', /did not answer in time/],
    ['reset', /Could not reach Nuki/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    nuki().addToken(TOKEN);
    nuki().mode = mode;
    nuki().slowMs = 1_500;
    const outcome = await run(TOKEN);
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(TOKEN);
  });

  it('refuses loopback when it is not allow-listed (SSRF guard)', async () => {
    const strict = createOutboundHttp({ timeoutMs: 500 });
    const outcome = await verify({ http: strict, baseUrl: fakes.baseUrl('nuki'), credentials: { api_token: TOKEN } });
    await strict.close();
    expect(outcome).toMatchObject({ kind: 'unreachable' });
    expect(outcome.reason).toMatch(/not allowed/);
    expect(nuki().requests).toHaveLength(0);
  });
});

describe('Nuki manifest', () => {
  it('asks for a required API token and an optional webhook secret, both sensitive', () => {
    expect(Object.keys(manifest.credentialSchema)).toEqual(['api_token', 'webhook_secret']);
    expect(manifest.credentialSchema.api_token).toMatchObject({ required: true, sensitive: true });
    expect(manifest.credentialSchema.webhook_secret).toMatchObject({ required: false, sensitive: true });
    expect(manifest).toMatchObject({ category: 'access', sendsWebhooks: true, defaultBaseUrl: 'https://api.nuki.io' });
    expect(manifest.capabilities).toEqual(['lock_codes', 'lock_actions']);
  });

  it('the api_token pattern compiles and matches a realistic value', () => {
    const pattern = new RegExp(manifest.credentialSchema.api_token!.pattern!);
    expect(pattern.test(TOKEN)).toBe(true);
    expect(pattern.test(`Bearer ${TOKEN}`)).toBe(false);
  });
});
