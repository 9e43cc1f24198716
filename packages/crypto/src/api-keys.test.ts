import * as zlib from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { crc32, generateApiKey, hashApiKey, parseApiKey, verifyApiKeyHash } from './api-keys.js';

const env = fc.constantFrom('live' as const, 'test' as const);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

describe('API key tokens', () => {
  it('have the documented shape', () => {
    const key = generateApiKey();
    expect(key.token).toMatch(/^gth_live_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/);
    expect(key.token).toHaveLength(60);
    expect(key.keyId).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(key.prefix).toBe(`gth_live_${key.keyId}`);
    expect(key.token.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key.last4).toBe(key.token.slice(-4));
    expect(generateApiKey('test').prefix).toMatch(/^gth_test_[0-9A-Za-z]{12}$/);
    expect(generateApiKey().keyId).not.toBe(key.keyId);
  });

  it('end with the CRC32 of the body as 6 zero-padded base62 chars', () => {
    const { token } = generateApiKey();
    const body = token.slice(0, -6);
    const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const value = [...token.slice(-6)].reduce((n, c) => n * 62 + digits.indexOf(c), 0);
    expect(value).toBe(crc32(body));
  });

  it('round-trip through parseApiKey', () => {
    fc.assert(
      fc.property(env, fc.nat(), (e, _run) => {
        const key = generateApiKey(e);
        expect(parseApiKey(key.token)).toEqual({ env: e, keyId: key.keyId, prefix: key.prefix });
      }),
      { numRuns: 300 },
    );
  });

  it('any single-character substitution anywhere makes the token invalid', () => {
    fc.assert(
      fc.property(env, fc.nat(), anyChar, (e, i, ch) => {
        const { token } = generateApiKey(e);
        const at = i % token.length;
        fc.pre(token[at] !== ch);
        expect(parseApiKey(token.slice(0, at) + ch + token.slice(at + 1))).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects junk without throwing', () => {
    const { token } = generateApiKey();
    for (const bad of ['', 'gth_live_', token + 'a', token.slice(0, -1), token.replace('live', 'prod'), ` ${token}`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
    expect(parseApiKey(42 as unknown as string)).toBeNull();
  });
});

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array(), (b) => {
        expect(crc32(b)).toBe(zlib.crc32(b));
      }),
    );
  });
});

describe('API key hashing', () => {
  const pepper = Buffer.from('0123456789abcdef0123456789abcdef');

  it('verifies the right token and rejects another token, pepper or malformed hash', () => {
    const { token } = generateApiKey();
    const other = generateApiKey().token;
    const stored = hashApiKey(pepper, token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyApiKeyHash(pepper, token, stored)).toBe(true);
    expect(verifyApiKeyHash(pepper, token, stored.toUpperCase())).toBe(true);
    expect(verifyApiKeyHash(pepper, other, stored)).toBe(false);
    expect(verifyApiKeyHash('another pepper', token, stored)).toBe(false);
    expect(verifyApiKeyHash(pepper, token, stored.slice(0, 62))).toBe(false);
    expect(verifyApiKeyHash(pepper, token, '')).toBe(false);
    expect(hashApiKey(pepper.toString(), token)).toBe(stored);
    expect(() => hashApiKey('', token)).toThrow(TypeError);
  });

  it('hash differs for every distinct token (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(verifyApiKeyHash(pepper, b, hashApiKey(pepper, a))).toBe(false);
        expect(verifyApiKeyHash(pepper, a, hashApiKey(pepper, a))).toBe(true);
      }),
    );
  });
});
