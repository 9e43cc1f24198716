import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { decodeBase64url } from './encoding.js';
import { DecryptionError, MasterKeyError, UnknownKeyError } from './errors.js';
import { MASTER_KEY_BYTES, type MasterKey } from './master-key.js';

/**
 * Key-encryption-key (KEK) adapter. {@link LocalKeyRing} wraps with master keys from env/file;
 * a KMS or Vault Transit adapter implements the same three members. Methods are async because
 * remote adapters are.
 */
export interface KeyRing {
  /** Id of the KEK that {@link KeyRing.wrap} uses. */
  readonly primaryKeyId: string;
  /**
   * Encrypts a data key with the primary KEK. `context` is authenticated associated data
   * (e.g. `dek|<tenantId>`) and must be given again to unwrap.
   */
  wrap(dek: Buffer, context: string): Promise<{ kekId: string; wrapped: string }>;
  /**
   * Decrypts a wrapped data key with the KEK named `kekId`. Returns a fresh buffer that the
   * caller owns and may zero (adapters that cache keys must return a copy).
   * @throws UnknownKeyError when this key ring does not hold `kekId`.
   * @throws DecryptionError when `wrapped` was tampered with or `context` differs.
   */
  unwrap(kekId: string, wrapped: string, context: string): Promise<Buffer>;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * {@link KeyRing} over local master keys (see `parseMasterKeys`). AES-256-GCM with a random
 * 96-bit nonce; `wrapped` = base64url(nonce | ciphertext | tag). The first key is the primary.
 */
export class LocalKeyRing implements KeyRing {
  readonly primaryKeyId: string;
  readonly #keys = new Map<string, Buffer>();

  constructor(keys: readonly MasterKey[]) {
    const primary = keys[0];
    if (primary === undefined) throw new MasterKeyError('LocalKeyRing needs at least one master key');
    for (const { id, key } of keys) {
      if (key.length !== MASTER_KEY_BYTES) {
        throw new MasterKeyError(`Master key "${id}" must be ${MASTER_KEY_BYTES} bytes`);
      }
      if (this.#keys.has(id)) throw new MasterKeyError(`Duplicate master key id "${id}"`);
      // Copy, so a caller zeroing or reusing its buffer cannot change our keys.
      this.#keys.set(id, Buffer.from(key));
    }
    this.primaryKeyId = primary.id;
  }

  /** Ids of every KEK this ring can unwrap with, primary first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  async wrap(dek: Buffer, context: string): Promise<{ kekId: string; wrapped: string }> {
    if (dek.length === 0) throw new TypeError('Data key must not be empty');
    const kek = this.#keys.get(this.primaryKeyId) as Buffer;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(dek), cipher.final()]);
    const wrapped = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64url');
    return { kekId: this.primaryKeyId, wrapped };
  }

  async unwrap(kekId: string, wrapped: string, context: string): Promise<Buffer> {
    const kek = this.#keys.get(kekId);
    if (kek === undefined) throw new UnknownKeyError(kekId);
    const raw = decodeBase64url(wrapped);
    if (raw === undefined || raw.length <= NONCE_BYTES + TAG_BYTES) throw new DecryptionError();
    const nonce = raw.subarray(0, NONCE_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // OpenSSL's message ("Unsupported state or unable to authenticate data") adds nothing useful.
      throw new DecryptionError();
    }
  }
}
