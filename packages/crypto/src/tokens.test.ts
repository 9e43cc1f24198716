import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeBase64url, randomString } from './encoding.js';
import { constantTimeEqual, hmacSha256Hex, oneTimePassword, randomToken, sha256Hex } from './tokens.js';

describe('tokens', () => {
  it('randomToken is unpadded base64url of the requested size', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeBase64url(randomToken(16))).toHaveLength(16);
    expect(randomToken()).not.toBe(randomToken());
    for (const bad of [0, -1, 1.5, Number.NaN, 2000]) expect(() => randomToken(bad)).toThrow(RangeError);
  });

  it('sha256Hex and hmacSha256Hex match published test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4231 test case 2.
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('oneTimePassword is 4 groups of 5 unambiguous characters with >= 80 bits of entropy', () => {
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    const otp = oneTimePassword();
    expect(otp).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
    expect(otp).not.toMatch(/[ilo01]/);
    expect(20 * Math.log2(alphabet.length)).toBeGreaterThanOrEqual(80);
    expect(new Set(Array.from({ length: 50 }, oneTimePassword)).size).toBe(50);
  });

  it('constantTimeEqual agrees with === for any strings, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
    expect(constantTimeEqual('a\uD800', 'a\uDFFF')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('randomString (rejection sampling)', () => {
  const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

  it('skips bytes at or above the largest multiple of the alphabet size', () => {
    let calls = 0;
    const source = (n: number) => {
      calls++;
      // First call: only rejectable bytes (248..255); then 0, 61, 62, 247.
      return calls === 1 ? Buffer.alloc(n, 248 + (calls % 8)) : Buffer.from([0, 61, 62, 247, 255].slice(0, n));
    };
    expect(randomString(base62, 4, source)).toBe('0z0' + base62.charAt(247 % 62));
    expect(calls).toBe(2);
  });

  it('is uniform: no character is favoured (modulo bias would give 25% more to the first 8)', () => {
    const counts = new Map<string, number>();
    for (const ch of randomString(base62, 62 * 2000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(1750);
      expect(n).toBeLessThan(2250);
    }
  });

  it('rejects invalid lengths and alphabets', () => {
    expect(randomString(base62, 0)).toBe('');
    expect(() => randomString(base62, 1.5)).toThrow(RangeError);
    expect(() => randomString('a', 3)).toThrow(RangeError);
  });
});
