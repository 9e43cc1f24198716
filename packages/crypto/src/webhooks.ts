import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { WebhookVerificationError } from './errors.js';

/**
 * Standard Webhooks v1 (symmetric) signing and verification, compatible with the official
 * `standardwebhooks` library: signature = `v1,` + base64(HMAC-SHA256(key, `id.timestamp.body`)),
 * key = base64-decoded part of the `whsec_…` secret.
 */

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Unix seconds; digits only (parseInt would accept "123abc"). 12 digits reach year 33658. */
const TIMESTAMP = /^[0-9]{1,12}$/;
const DEFAULT_TOLERANCE_SECONDS = 300;

/** Headers as sent; Node's lower-cased `IncomingHttpHeaders` fits too. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Returns a new secret: `whsec_` + base64 of 24 random bytes (the spec allows 24–64). */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

/** Decodes `whsec_<base64>` (the prefix is optional, as in the official library). */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  // Configuration error, not a bad request; the message must not echo the secret.
  if (!BASE64.test(encoded)) throw new TypeError('Webhook secret must be "whsec_" followed by base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new TypeError('Webhook secret must not be empty');
  return key;
}

function signature(key: Buffer, msgId: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(`${msgId}.${timestamp}.`).update(body).digest('base64');
}

/**
 * Signs a message: returns the `webhook-signature` header value `v1,<base64>`.
 * `body` must be the exact bytes that are sent.
 */
export function signWebhook(
  secret: string,
  msgId: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): string {
  // The spec forbids '.' in id and timestamp: the signed content is split on '.'.
  if (msgId === '' || msgId.includes('.')) throw new TypeError('Webhook message id must be non-empty without "."');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new TypeError('Webhook timestamp must be whole unix seconds');
  }
  return `v1,${signature(secretKey(secret), msgId, String(timestampSeconds), body)}`;
}

/**
 * Signs with every secret, space-separated, for the rotation grace period in which receivers
 * may hold either the old or the new secret.
 */
export function signWebhookMulti(
  secrets: readonly string[],
  msgId: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): string {
  if (secrets.length === 0) throw new TypeError('At least one webhook secret is required');
  return secrets.map((s) => signWebhook(s, msgId, timestampSeconds, body)).join(' ');
}

/** Options for {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** Accepted clock difference either way, in seconds. Default 300, as the official library. */
  toleranceSeconds?: number;
  /** Current time, as a Date or unix seconds; defaults to the system clock. */
  now?: Date | number;
}

function header(headers: WebhookHeaders, name: string): string {
  // HTTP header names are case-insensitive; plain objects may use any case.
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  if (value === undefined || value === '') {
    throw new WebhookVerificationError('missing_header', `Missing ${name} header`);
  }
  if (typeof value !== 'string') throw new WebhookVerificationError('invalid_header', `Repeated ${name} header`);
  return value;
}

/**
 * Verifies a Standard Webhooks message against one secret or several (rotation). Checks, in
 * order: required headers, timestamp within ±`toleranceSeconds` (replay protection), then that
 * some `v1` signature matches some secret, compared in constant time.
 * @returns the message id (the idempotency key) and timestamp.
 * @throws WebhookVerificationError with a specific `reason`.
 */
export function verifyWebhook(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): { msgId: string; timestamp: number } {
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).map(secretKey);
  if (keys.length === 0) throw new TypeError('At least one webhook secret is required');
  const msgId = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');

  if (!TIMESTAMP.test(timestampText)) {
    throw new WebhookVerificationError('invalid_timestamp', 'Invalid webhook-timestamp header');
  }
  const timestamp = Number(timestampText);
  const { now = new Date(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = options;
  const nowSeconds = Math.floor(typeof now === 'number' ? now : now.getTime() / 1000);
  // NaN would make both comparisons below false and silently disable replay protection.
  if (!Number.isFinite(nowSeconds) || !Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new TypeError('verifyWebhook: now and toleranceSeconds must be finite, tolerance >= 0');
  }
  if (nowSeconds - timestamp > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_too_old', 'Message timestamp too old');
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_too_new', 'Message timestamp too new');
  }

  // Compare base64 strings rather than decoded bytes: Node's base64 decoder is lenient, and only
  // the canonical encoding should match. Every expected value has the same fixed length (44).
  const expected = keys.map((key) => Buffer.from(signature(key, msgId, timestampText, body)));
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    // Other versions (e.g. v1a, ed25519) are skipped, as the spec asks.
    if (comma === -1 || entry.slice(0, comma) !== 'v1') continue;
    const candidate = Buffer.from(entry.slice(comma + 1));
    for (const want of expected) {
      if (candidate.length === want.length && timingSafeEqual(candidate, want)) return { msgId, timestamp };
    }
  }
  throw new WebhookVerificationError('no_matching_signature', 'No matching signature found');
}
