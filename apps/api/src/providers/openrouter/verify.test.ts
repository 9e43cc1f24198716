import { FakeServer, OpenRouterFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createOutboundHttp } from '../../net/outbound-http.js';
import type { VerifyOutcome } from '../types.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

const KEY = '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';

const fakes = new FakeServer([new OpenRouterFake()]);
const openrouter = () => fakes.get<OpenRouterFake>('openrouter');
const http = createOutboundHttp({ allow: ['127.0.0.1/32'], timeoutMs: 500 });
const run = (api_key?: string) =>
  verify({ http, baseUrl: fakes.baseUrl('openrouter'), credentials: api_key === undefined ? {} : { api_key } });

beforeAll(() => fakes.start());
afterAll(async () => {
  await http.close();
  await fakes.close();
});
beforeEach(() => fakes.resetAll());

describe('OpenRouter verification against the fake', () => {
  it('accepts a known key sent as a bearer token and names its label', async () => {
    openrouter().addKey(KEY, { label: 'Gatehouse production', limit: 100, usage: 25.5 });
    expect(await run(KEY)).toEqual({
      kind: 'valid',
      reason: 'OpenRouter accepted the API key',
      account: 'Gatehouse production',
    });
    expect(openrouter().requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/key' });
    expect(openrouter().requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each<[string, (fake: OpenRouterFake) => void, string | undefined, Partial<VerifyOutcome>]>([
    ['an unknown or deleted key', () => {}, KEY, { kind: 'rejected' }],
    ['no key at all', () => {}, undefined, { kind: 'rejected' }],
    [
      'a management key',
      (f) => f.addKey(KEY, { isManagementKey: true }),
      KEY,
      { kind: 'under_scoped', missing: 'inference (chat completions)' },
    ],
    ['a free-tier key', (f) => f.addKey(KEY, { isFreeTier: true }), KEY, { kind: 'valid' }],
  ])('classifies %s', async (_name, setup, key, expected) => {
    setup(openrouter());
    const outcome = await run(key);
    expect(outcome).toMatchObject(expected);
    expect(outcome.reason).not.toContain(KEY);
    expect(outcome.reason).not.toMatch(/User not found|No auth credentials/);
  });

  it.each([
    ['down', /OpenRouter is unavailable \(HTTP 503\)/],
    ['slow', /OpenRouter did not answer in time/],
  ] as const)('treats a %s provider as unreachable', async (mode, reason) => {
    openrouter().addKey(KEY);
    openrouter().mode = mode;
    openrouter().slowMs = 1_500;
    const outcome = await run(KEY);
    expect(outcome.kind).toBe('unreachable');
    expect(outcome.reason).toMatch(reason);
    expect(outcome.reason).not.toContain(KEY);
  });
});

describe('OpenRouter manifest', () => {
  it('declares one sensitive, required API key with a label and description', () => {
    expect(manifest.capabilities).toEqual(['chat_completion']);
    expect(manifest.credentialSchema.api_key).toMatchObject({ sensitive: true, required: true });
    for (const field of Object.values(manifest.credentialSchema)) expect(field.label && field.description).toBeTruthy();
  });

  it('has only patterns that compile', () => {
    for (const field of Object.values(manifest.credentialSchema)) {
      if (field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
    }
  });

  it.each([
    [KEY, true],
    ['sk-or-v1-abc123', true],
    ['sk-proj-0123456789abcdef', false],
    ['sk-or-v1-', false],
    [' sk-or-v1-abc', false],
  ])('the api_key pattern on %s is %s', (value, ok) => {
    expect(new RegExp(manifest.credentialSchema.api_key!.pattern!).test(value)).toBe(ok);
  });
});
