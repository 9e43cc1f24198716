import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { decodeBase64url } from './encoding.js';
import { DecryptionError, UnknownKeyError } from './errors.js';
import { type KeyRing } from './keyring.js';

/** A per-tenant data-encryption key (DEK) in clear, as loaded and unwrapped by the caller. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** Where an encrypted value lives; bound into the ciphertext as associated data. */
export interface FieldContext {
  tenantId: string;
  table: string;
  rowId: string;
  field: string;
}

/** The parts of a stored `v1.<dekId>.<nonce>.<ciphertext+tag>` value. */
export interface ParsedCiphertext {
  version: 'v1';
  dekId: string;
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  sealed: Buffer;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** No '.', so the dotted format splits unambiguously. UUIDs fit. */
const DEK_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** In unicode mode this only matches unpaired surrogates, which UTF-8 cannot represent. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Returns 32 random bytes: a fresh AES-256 data key. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The wrap context for a tenant's data keys, so a wrapped DEK cannot be moved to another tenant. */
export function dataKeyContext(tenantId: string): string {
  return `dek|${tenantId}`;
}

/**
 * Associated data `v1|tenantId|table|rowId|field`. Parts may not contain '|' (else `a|b`+`c`
 * and `a`+`b|c` would collide) nor be empty (an empty rowId usually means "row not inserted
 * yet", and such a ciphertext would not be bound to its row).
 */
function associatedData(ctx: FieldContext): Buffer {
  const parts = [ctx.tenantId, ctx.table, ctx.rowId, ctx.field];
  const names = ['tenantId', 'table', 'rowId', 'field'];
  parts.forEach((part, i) => {
    if (typeof part !== 'string' || part === '' || part.includes('|')) {
      throw new TypeError(`FieldContext.${names[i]} must be a non-empty string without "|"`);
    }
  });
  return Buffer.from([VERSION, ...parts].join('|'), 'utf8');
}

function checkKey(dek: DataKey): void {
  if (!DEK_ID.test(dek.id)) throw new TypeError('Data key id must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"');
  if (dek.key.length !== KEY_BYTES) throw new TypeError(`Data key must be ${KEY_BYTES} bytes`);
}

/**
 * Encrypts one field value with AES-256-GCM under `dek`, bound to `ctx`. Output:
 * `v1.<dekId>.<nonce b64url>.<ciphertext+tag b64url>`. The nonce is random (96 bits); per-tenant
 * keys keep each key far below the 2^32-messages limit for random GCM nonces.
 */
export function encryptField(dek: DataKey, plaintext: string, ctx: FieldContext): string {
  checkKey(dek);
  // Buffer.from would silently turn a lone surrogate into U+FFFD, breaking the round trip.
  if (LONE_SURROGATE.test(plaintext)) throw new TypeError('Plaintext is not well-formed Unicode');
  const aad = associatedData(ctx);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dek.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, dek.id, nonce.toString('base64url'), sealed.toString('base64url')].join('.');
}

/**
 * Splits a stored value so the caller knows which data key to load (`dekId`).
 * @throws DecryptionError when the value is not a well-formed v1 ciphertext.
 */
export function parseCiphertext(value: string): ParsedCiphertext {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError();
  const [, dekId = '', nonceText = '', sealedText = ''] = parts;
  const nonce = decodeBase64url(nonceText);
  const sealed = decodeBase64url(sealedText);
  if (!DEK_ID.test(dekId) || nonce?.length !== NONCE_BYTES || sealed === undefined || sealed.length < TAG_BYTES) {
    throw new DecryptionError();
  }
  return { version: VERSION, dekId, nonce, sealed };
}

/**
 * Decrypts a value produced by {@link encryptField} with the same key and context.
 * @throws UnknownKeyError when the value was encrypted under another data key id.
 * @throws DecryptionError on malformed or tampered data, wrong context or wrong key material.
 */
export function decryptField(dek: DataKey, value: string, ctx: FieldContext): string {
  checkKey(dek);
  const aad = associatedData(ctx);
  const { dekId, nonce, sealed } = parseCiphertext(value);
  if (dekId !== dek.id) throw new UnknownKeyError(dekId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dek.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}

/**
 * Re-wraps one data key under the key ring's primary KEK: unwrap with whichever KEK wrapped it
 * (`kekId`), wrap again with the primary. Master-key rotation calls this per DEK row; field
 * ciphertexts never change because the DEK itself stays the same.
 */
export async function rewrap(
  keyRing: KeyRing,
  kekId: string,
  wrapped: string,
  context: string,
): Promise<{ kekId: string; wrapped: string }> {
  const dek = await keyRing.unwrap(kekId, wrapped, context);
  try {
    return await keyRing.wrap(dek, context);
  } finally {
    // Don't leave the clear DEK lying around in memory longer than needed.
    dek.fill(0);
  }
}
