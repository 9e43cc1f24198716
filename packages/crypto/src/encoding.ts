import { randomBytes } from 'node:crypto';

// Internal helpers; not exported from the package entry point.

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Strict base64url decoding. Node's decoder silently skips invalid characters and ignores
 * trailing bits, which would let many strings decode to the same bytes; requiring the canonical
 * encoding keeps stored values one-to-one with their bytes. Returns undefined when not canonical.
 */
export function decodeBase64url(value: string): Buffer | undefined {
  if (!BASE64URL.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64url');
  return bytes.toString('base64url') === value ? bytes : undefined;
}

/**
 * Rejection sampling over random bytes so every alphabet character is equally likely
 * (`byte % alphabet.length` alone would favour the first `256 % length` characters).
 */
export function randomString(alphabet: string, length: number, random: (size: number) => Buffer = randomBytes): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError('Alphabet must have 2-256 characters');
  // A fractional or negative length would never be reached and loop forever.
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError('Length must be a non-negative integer');
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    // Ask for a little more than needed so one call usually suffices despite rejections.
    for (const byte of random(Math.ceil((length - out.length) * 1.25) + 4)) {
      if (byte >= limit) continue;
      out += alphabet.charAt(byte % alphabet.length);
      if (out.length === length) break;
    }
  }
  return out;
}
