import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { randomString } from './encoding.js';

/** No i/l/o/0/1: one-time passwords are read and typed by humans. */
const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const OTP_GROUPS = 4;
const OTP_GROUP_LENGTH = 5;

/**
 * Random opaque token (sessions, invitations, reset links), base64url without padding.
 * 32 bytes = 256 bits by default.
 */
export function randomToken(bytes = 32): string {
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > 1024) {
    throw new RangeError('randomToken: bytes must be an integer from 1 to 1024');
  }
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as lowercase hex; for storing lookups of high-entropy tokens (not passwords). */
export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/** HMAC-SHA256 as lowercase hex. */
export function hmacSha256Hex(key: string | Uint8Array, value: string | Uint8Array): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/**
 * Human-friendly one-time password such as `k3mfp-x7qaz-9dtrh-2wneu`: 4 groups of 5 characters
 * from a 31-character alphabet, 20·log2(31) ≈ 99 bits of entropy, unbiased (rejection sampling).
 */
export function oneTimePassword(): string {
  const chars = randomString(OTP_ALPHABET, OTP_GROUPS * OTP_GROUP_LENGTH);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += OTP_GROUP_LENGTH) groups.push(chars.slice(i, i + OTP_GROUP_LENGTH));
  return groups.join('-');
}

/**
 * Compares two strings without leaking where they differ or (beyond equality) their lengths:
 * both sides are hashed to 32 bytes first, which also satisfies timingSafeEqual's equal-length
 * rule. UTF-16 code units are hashed, so strings differing only in lone surrogates still differ.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(Buffer.from(s, 'utf16le')).digest();
  return timingSafeEqual(digest(a), digest(b));
}
