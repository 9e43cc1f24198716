import { FakeServer, StripeFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import { verify } from './verify.js';

const fakes = new FakeServer([new StripeFake()]);
const stripe = () => fakes.get<StripeFake>('stripe');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (secret_key: string) =>
  verify({ http, baseUrl: fakes.baseUrl('stripe'), credentials: { publishable_key: 'pk_test_1', secret_key } });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('Stripe verification against the fake', () => {
  it('accepts a known secret key and sends it as a bearer token', async () => {
    stripe().addKey('sk_test_good4242');
    expect(await run('sk_test_good4242')).toMatchObject({ kind: 'valid' });
    expect(stripe().requests[0]?.headers.authorization).toBe('Bearer sk_test_good4242');
  });

  it('rejects an unknown key without echoing it', async () => {
    const outcome = await run('sk_test_revoked9999');
    expect(outcome.kind).toBe('rejected');
    expect(JSON.stringify(outcome)).not.toContain('9999');
  });

  it('reports a restricted key without Balance read as under-scoped', async () => {
    stripe().addKey('rk_test_narrow', { balance: false });
    expect(await run('rk_test_narrow')).toMatchObject({ kind: 'under_scoped', missing: 'Balance: Read' });
  });

  it.each([
    ['down', /unavailable \(HTTP 503\)/],
    ['slow', /did not answer in time/],
    ['reset', /Could not reach Stripe/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    stripe().mode = mode;
    stripe().slowMs = 2_000;
    const outcome = await run('sk_test_good4242');
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
  });

  it('refuses loopback when it is not allow-listed (SSRF guard)', async () => {
    const strict = createOutboundHttp({ timeoutMs: 500 });
    const outcome = await verify({
      http: strict,
      baseUrl: fakes.baseUrl('stripe'),
      credentials: { secret_key: 'sk_test_x' },
    });
    await strict.close();
    expect(outcome).toMatchObject({ kind: 'unreachable' });
    expect(outcome.reason).toMatch(/not allowed/);
    expect(stripe().requests).toHaveLength(0);
  });
});
