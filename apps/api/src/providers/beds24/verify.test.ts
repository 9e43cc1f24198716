import { Beds24Fake, FakeServer } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { Credentials } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

const REFRESH = 'Ea6DftE50aYYRe/qAd9SkQaSmTF6kaLQxH6gtRxO1h10yVC64d4qIj4BGiQOU+y5';
const INVITE = 'inviteQ29kZTEyMzQ1Njc4OTA=';

const fakes = new FakeServer([new Beds24Fake()]);
const beds24 = () => fakes.get<Beds24Fake>('beds24');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (credentials: Credentials) => verify({ http, baseUrl: fakes.baseUrl('beds24'), credentials });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('Beds24 verification against the fake', () => {
  it('exchanges an invite code once and stores the refresh token in its place', async () => {
    beds24().addInviteCode(INVITE, REFRESH);
    const outcome = await run({ invite_code: INVITE });
    expect(outcome).toMatchObject({
      kind: 'valid',
      replaceCredentials: { refresh_token: REFRESH, invite_code: '' },
    });
    expect(beds24().requests.map((r) => r.path)).toEqual(['/v2/authentication/setup', '/v2/authentication/details']);
    expect(beds24().requests[0]?.headers.code).toBe(INVITE);
    expect(outcome.reason).not.toContain(REFRESH);
    // The code is single-use: the stored refresh token carries on.
    expect((await run({ invite_code: INVITE })).kind).toBe('rejected');
    expect(await run({ refresh_token: REFRESH, invite_code: '' })).toMatchObject({ kind: 'valid' });
  });

  it('keeps the refresh token of a spent invite code even when the next check fails', async () => {
    beds24().addInviteCode(INVITE, REFRESH, { tokenValid: false });
    const outcome = await run({ invite_code: INVITE });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      replaceCredentials: { refresh_token: REFRESH, invite_code: '' },
    });
  });

  it('turns a refresh token into a token and checks it, without replacing credentials', async () => {
    beds24().addRefreshToken(REFRESH);
    const outcome = await run({ refresh_token: REFRESH });
    expect(outcome).toMatchObject({ kind: 'valid', account: 'Beds24 account 12345' });
    expect(outcome).not.toHaveProperty('replaceCredentials');
    const [token, details] = beds24().requests;
    expect(token?.path).toBe('/v2/authentication/token');
    expect(token?.headers.refreshtoken).toBe(REFRESH);
    expect(details?.path).toBe('/v2/authentication/details');
    expect(details?.headers.token).toBeTruthy();
  });

  it('prefers the refresh token when both are given', async () => {
    beds24().addRefreshToken(REFRESH).addInviteCode(INVITE);
    const outcome = await run({ refresh_token: REFRESH, invite_code: INVITE });
    expect(outcome).toMatchObject({ kind: 'valid' });
    expect(outcome).not.toHaveProperty('replaceCredentials');
    expect(beds24().requests.map((r) => r.path)).not.toContain('/v2/authentication/setup');
  });

  it('rejects a token that details reports as validToken: false (200 answer)', async () => {
    beds24().addRefreshToken(REFRESH, { tokenValid: false });
    const outcome = await run({ refresh_token: REFRESH });
    expect(outcome.kind).toBe('rejected');
    expect(beds24().requests.at(-1)?.path).toBe('/v2/authentication/details');
  });

  it('rejects a bad invite code without echoing it', async () => {
    const outcome = await run({ invite_code: 'invite-bogus-777777' });
    expect(outcome).toMatchObject({ kind: 'rejected' });
    expect(outcome.reason).toMatch(/invite code/);
    expect(JSON.stringify(outcome)).not.toContain('777777');
  });

  it('rejects an unknown refresh token without echoing it', async () => {
    const outcome = await run({ refresh_token: 'refresh-revoked-999999' });
    expect(outcome.kind).toBe('rejected');
    expect(JSON.stringify(outcome)).not.toContain('999999');
  });

  it.each([
    ['down', /unavailable \(HTTP 503\)/],
    ['slow', /did not answer in time/],
    ['reset', /Could not reach Beds24/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    beds24().addRefreshToken(REFRESH);
    beds24().mode = mode;
    beds24().slowMs = 1_500;
    const outcome = await run({ refresh_token: REFRESH });
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(REFRESH);
  });

  it('refuses loopback when it is not allow-listed (SSRF guard)', async () => {
    const strict = createOutboundHttp({ timeoutMs: 500 });
    const outcome = await verify({
      http: strict,
      baseUrl: fakes.baseUrl('beds24'),
      credentials: { refresh_token: REFRESH },
    });
    await strict.close();
    expect(outcome).toMatchObject({ kind: 'unreachable' });
    expect(outcome.reason).toMatch(/not allowed/);
    expect(beds24().requests).toHaveLength(0);
  });
});

describe('Beds24 manifest', () => {
  it('asks for a refresh token or an invite code', () => {
    const check = manifest.crossCheck!;
    expect(check({})).toEqual({ refresh_token: 'Enter a refresh token or an invite code' });
    expect(check({ refresh_token: '', invite_code: ' ' })).toEqual({
      refresh_token: 'Enter a refresh token or an invite code',
    });
    expect(check({ refresh_token: REFRESH })).toEqual({});
    expect(check({ invite_code: INVITE })).toEqual({});
  });

  it('is a read-only legacy booking source with webhooks', () => {
    expect(manifest).toMatchObject({ category: 'booking', readOnly: true, sendsWebhooks: true });
    expect(manifest.capabilities).toEqual(['sync_reservations']);
    expect(manifest.credentialSchema.refresh_token).toMatchObject({ sensitive: true, required: false });
    expect(manifest.credentialSchema.invite_code).toMatchObject({ sensitive: true, required: false });
  });

  it.each([
    ['refresh_token', REFRESH],
    ['invite_code', INVITE],
  ])('the %s pattern compiles and matches a realistic value', (field, value) => {
    const pattern = manifest.credentialSchema[field]?.pattern;
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern!).test(value)).toBe(true);
    expect(new RegExp(pattern!).test(`${value} `)).toBe(false);
  });
});
