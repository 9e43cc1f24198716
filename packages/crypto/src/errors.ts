/**
 * Error classes with stable `code` values so callers (HTTP layer, CLI, logs) can branch on them
 * without parsing messages. Messages never contain plaintext, key material, tokens or ciphertext.
 */

/** Base class for every error this package throws on purpose. */
export abstract class CryptoError extends Error {
  /** Stable machine-readable identifier; never changes between releases. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    // `new.target` keeps the subclass name in stack traces and `String(err)`.
    this.name = new.target.name;
  }
}

/**
 * Authenticated decryption failed: tampered data, wrong associated data (row/field/tenant) or
 * wrong key. Deliberately one generic message, so an attacker learns nothing about which check
 * failed and nothing about the data.
 */
export class DecryptionError extends CryptoError {
  readonly code = 'DECRYPTION_FAILED';

  constructor(options?: ErrorOptions) {
    super('Decryption failed', options);
  }
}

/** A ciphertext or wrapped key names a key id that the caller did not supply or does not hold. */
export class UnknownKeyError extends CryptoError {
  readonly code = 'UNKNOWN_KEY';

  /** Key ids are not secret, so keeping it on the error helps operators during rotation. */
  readonly keyId: string;

  constructor(keyId: string) {
    super(`Unknown key id "${keyId}"`);
    this.keyId = keyId;
  }
}

/** Why an inbound webhook was rejected; useful in delivery logs and metrics. */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'invalid_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature';

/** A Standard Webhooks message failed verification; `reason` says which check failed. */
export class WebhookVerificationError extends CryptoError {
  readonly code = 'WEBHOOK_VERIFICATION_FAILED';

  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** MASTER_KEY / MASTER_KEY_FILE / generated key file is missing or malformed. */
export class MasterKeyError extends CryptoError {
  readonly code = 'MASTER_KEY_INVALID';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
