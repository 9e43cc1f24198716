import { createHmac, timingSafeEqual } from 'node:crypto';

import { randomString } from './encoding.js';

/**
 * Tenant API key tokens: `gth_<env>_<keyid>_<secret><checksum>`.
 * - keyid: 12 base62 chars, stored in clear and used for lookup;
 * - secret: 32 base62 chars (~190 bits);
 * - checksum: CRC32 of `gth_<env>_<keyid>_<secret>` as 6 base62 chars, so typos and random
 *   strings are rejected offline (before any database query) and secret scanners can match.
 */

/** Key environment; `live` unless asked otherwise. */
export type ApiKeyEnv = 'live' | 'test';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_ID_LENGTH = 12;
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 6; // 62^6 ≈ 5.7e10 > 2^32, so any CRC32 fits.
const TOKEN = /^(gth_(live|test)_([0-9A-Za-z]{12})_[0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) lookup table, built once. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of the UTF-8 bytes of `value` (same result as zlib's crc32). */
export function crc32(value: string | Uint8Array): number {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Big-endian base62, left-padded with '0' to `length`. */
function toBase62(value: number, length: number): string {
  let out = '';
  for (let v = value; v > 0; v = Math.floor(v / 62)) out = BASE62.charAt(v % 62) + out;
  return out.padStart(length, '0');
}

function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

/** A freshly generated key. `token` is shown to the user once; store only its hash. */
export interface GeneratedApiKey {
  token: string;
  keyId: string;
  /** `gth_<env>_<keyid>`: safe to display and log. */
  prefix: string;
  /** Last 4 characters of the token, for "…abcd" hints in lists. */
  last4: string;
}

/** Generates a new API key token with unbiased base62 randomness. */
export function generateApiKey(env: ApiKeyEnv = 'live'): GeneratedApiKey {
  if (env !== 'live' && env !== 'test') throw new TypeError('API key env must be "live" or "test"');
  const keyId = randomString(BASE62, KEY_ID_LENGTH);
  const prefix = `gth_${env}_${keyId}`;
  const body = `${prefix}_${randomString(BASE62, SECRET_LENGTH)}`;
  const token = body + checksum(body);
  return { token, keyId, prefix, last4: token.slice(-4) };
}

/**
 * Checks a presented token's exact shape and checksum without any lookup, so typos and junk
 * never reach the database. Returns null when invalid; never throws on any input.
 */
export function parseApiKey(token: string): { env: ApiKeyEnv; keyId: string; prefix: string } | null {
  if (typeof token !== 'string') return null;
  const match = TOKEN.exec(token);
  if (match === null) return null;
  const [, body = '', env, keyId = '', sum] = match;
  if (checksum(body) !== sum) return null;
  return { env: env as ApiKeyEnv, keyId, prefix: `gth_${env}_${keyId}` };
}

function hmacHex(pepper: Buffer | string, token: string): string {
  // An empty pepper would quietly degrade the stored hash to a plain keyed-by-nothing HMAC.
  if (pepper.length === 0) throw new TypeError('API key pepper must not be empty');
  return createHmac('sha256', pepper).update(token, 'utf8').digest('hex');
}

/** The value to store: HMAC-SHA256(pepper, token) as lowercase hex. */
export function hashApiKey(pepper: Buffer | string, token: string): string {
  return hmacHex(pepper, token);
}

/** Compares a presented token with a stored {@link hashApiKey} value in constant time. */
export function verifyApiKeyHash(pepper: Buffer | string, token: string, storedHex: string): boolean {
  const actual = Buffer.from(hmacHex(pepper, token), 'hex');
  // Malformed stored value: not a match, and timingSafeEqual needs equal lengths anyway.
  if (!HEX_SHA256.test(storedHex)) return false;
  return timingSafeEqual(actual, Buffer.from(storedHex, 'hex'));
}
