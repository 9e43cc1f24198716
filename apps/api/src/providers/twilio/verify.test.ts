import { FakeServer, TwilioFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { VerifyOutcome } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

/** An outcome to match; `reason` is a pattern. */
type Expected = { kind: VerifyOutcome['kind']; reason?: RegExp; missing?: string };

const SID = 'AC3f9c1a2b4d5e6f708192a3b4c5d6e7f8';
const TOKEN = 'b7e2c9d1f04a4e6b8c3d2e1f0a9b8c7d';

const fakes = new FakeServer([new TwilioFake()]);
const twilio = () => fakes.get<TwilioFake>('twilio');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (auth_token = TOKEN, account_sid = SID) =>
  verify({
    http,
    baseUrl: fakes.baseUrl('twilio'),
    credentials: { account_sid, auth_token, from_number: '+15550100000' },
  });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('Twilio verification against the fake', () => {
  it('reads the account with HTTP Basic SID:token and names it', async () => {
    twilio().addAccount(SID, TOKEN, { friendlyName: 'Gatehouse Hotel' });
    expect(await run()).toEqual({
      kind: 'valid',
      reason: 'Twilio accepted the Account SID and auth token',
      account: 'Gatehouse Hotel',
    });
    const req = twilio().requests[0];
    expect(req).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${SID}.json` });
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
  });

  it.each<[string, (fake: TwilioFake) => void, Expected]>([
    [
      'a wrong auth token',
      (f) => f.addAccount(SID, 'ffffffffffffffffffffffffffffffff'),
      { kind: 'rejected', reason: /token/ },
    ],
    ['an unknown account', () => {}, { kind: 'rejected', reason: /rejected the Account SID/ }],
    [
      'a suspended account',
      (f) => f.addAccount(SID, TOKEN).setStatus(SID, 'suspended'),
      { kind: 'rejected', reason: /^The Twilio account is suspended/ },
    ],
    ['a closed account', (f) => f.addAccount(SID, TOKEN, { status: 'closed' }), { kind: 'rejected', reason: /closed/ }],
    [
      'a deleted account (20404)',
      (f) => f.addAccount(SID, TOKEN, { status: 'deleted' }),
      { kind: 'rejected', reason: /found no account/ },
    ],
    ['a trial account', (f) => f.addAccount(SID, TOKEN, { type: 'Trial' }), { kind: 'valid' }],
  ])('classifies %s', async (_name, setup, { reason, ...expected }) => {
    setup(twilio());
    const outcome = await run();
    expect(outcome).toMatchObject(expected);
    if (reason) expect(outcome.reason).toMatch(reason);
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
    expect(outcome.reason).not.toContain(SID);
  });

  it.each([
    ['down', /Twilio is unavailable \(HTTP 503\)/],
    ['slow', /Twilio did not answer in time/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    twilio().addAccount(SID, TOKEN);
    twilio().mode = mode;
    twilio().slowMs = 1_500;
    const outcome = await run();
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(TOKEN);
  });
});

describe('Twilio manifest', () => {
  it('declares the fields with labels and descriptions, only the auth token sensitive', () => {
    const schema = manifest.credentialSchema;
    expect(Object.keys(schema)).toEqual(['account_sid', 'auth_token', 'from_number']);
    for (const field of Object.values(schema)) expect(field).toMatchObject({ required: true });
    for (const field of Object.values(schema)) expect(field.label && field.description).toBeTruthy();
    expect(Object.keys(schema).filter((k) => schema[k]?.sensitive)).toEqual(['auth_token']);
    expect(manifest.capabilities).toEqual(['send_sms', 'send_whatsapp']);
  });

  it('has only patterns that compile', () => {
    for (const field of Object.values(manifest.credentialSchema)) {
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
    }
  });

  it.each([
    ['account_sid', SID, true],
    ['account_sid', 'AC3F9C1A2B4D5E6F708192A3B4C5D6E7F8', true],
    ['account_sid', 'SK3f9c1a2b4d5e6f708192a3b4c5d6e7f8', false],
    ['account_sid', 'AC3f9c1a2b', false],
    ['from_number', '+15550100000', true],
    ['from_number', '+442071838750', true],
    ['from_number', '5550100000', false],
    ['from_number', '+0123456', false],
    ['from_number', '+1 555 010 0000', false],
  ])('the %s pattern on %s is %s', (field, value, ok) => {
    expect(new RegExp(manifest.credentialSchema[field]!.pattern!).test(value)).toBe(ok);
  });
});
