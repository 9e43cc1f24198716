import { FakeServer, HospitableFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { VerifyOutcome } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiI5YTM4In0.c2lnbmF0dXJlX2hvc3BpdGFibGU';
const WEBHOOK_SECRET = 'whs-3b1f8e0c5d7a';

const fakes = new FakeServer([new HospitableFake()]);
const hospitable = () => fakes.get<HospitableFake>('hospitable');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (api_key = TOKEN) =>
  verify({ http, baseUrl: fakes.baseUrl('hospitable'), credentials: { api_key, webhook_secret: WEBHOOK_SECRET } });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('Hospitable verification against the fake', () => {
  it('reads the user with the bearer token, asking for JSON, and names them', async () => {
    hospitable().addToken(TOKEN, { user: { name: 'Jane Host', email: 'jane@example.com' } });
    expect(await run()).toEqual({
      kind: 'valid',
      reason: 'Hospitable accepted the personal access token',
      account: 'Jane Host',
    });
    const req = hospitable().requests[0];
    expect(req).toMatchObject({ method: 'GET', path: '/v2/user' });
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers.accept).toBe('application/json');
  });

  it.each<[string, (fake: HospitableFake) => void, Partial<VerifyOutcome>]>([
    [
      'a user without a name (falls back to the email)',
      (f) => f.addToken(TOKEN, { user: { name: '', email: 'jane@example.com' } }),
      { kind: 'valid', account: 'jane@example.com' },
    ],
    ['an unknown or revoked token', () => {}, { kind: 'rejected' }],
    [
      'a token without user:read',
      (f) => f.addToken(TOKEN, { scopes: ['reservation:read'] }),
      { kind: 'under_scoped', missing: 'user:read' },
    ],
  ])('classifies %s', async (_name, setup, expected) => {
    setup(hospitable());
    const outcome = await run();
    expect(outcome).toMatchObject(expected);
    for (const secret of [TOKEN, WEBHOOK_SECRET]) expect(JSON.stringify(outcome)).not.toContain(secret);
    expect(outcome.reason).not.toMatch(/Unauthenticated\.|Invalid scope/);
  });

  it.each([
    ['down', /Hospitable is unavailable \(HTTP 503\)/],
    ['slow', /Hospitable did not answer in time/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    hospitable().addToken(TOKEN);
    hospitable().mode = mode;
    hospitable().slowMs = 1_500;
    const outcome = await run();
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(TOKEN);
  });
});

describe('Hospitable manifest', () => {
  it('declares two required secrets with labels and descriptions', () => {
    const schema = manifest.credentialSchema;
    expect(Object.keys(schema)).toEqual(['api_key', 'webhook_secret']);
    for (const field of Object.values(schema)) {
      expect(field).toMatchObject({ sensitive: true, required: true });
      expect(field.label && field.description).toBeTruthy();
    }
    expect(manifest.capabilities).toEqual(['sync_reservations', 'receive_reservation_events']);
    expect(manifest.sendsWebhooks).toBe(true);
  });

  it('has only patterns that compile', () => {
    for (const field of Object.values(manifest.credentialSchema)) {
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
    }
  });
});
