import { describe, expect, it } from 'vitest';

import * as crypto from './index.js';

describe('package entry point', () => {
  it('exports the public API', () => {
    const functions = [
      'parseMasterKeys',
      'loadMasterKeys',
      'generateMasterKey',
      'generateDataKey',
      'dataKeyContext',
      'encryptField',
      'decryptField',
      'parseCiphertext',
      'rewrap',
      'generateApiKey',
      'parseApiKey',
      'hashApiKey',
      'verifyApiKeyHash',
      'crc32',
      'randomToken',
      'sha256Hex',
      'oneTimePassword',
      'hmacSha256Hex',
      'constantTimeEqual',
      'generateWebhookSecret',
      'signWebhook',
      'signWebhookMulti',
      'verifyWebhook',
      'LocalKeyRing',
      'DecryptionError',
      'UnknownKeyError',
      'WebhookVerificationError',
      'MasterKeyError',
    ] as const;
    for (const name of functions) expect(typeof crypto[name], name).toBe('function');
  });

  it('errors carry stable codes', () => {
    expect(new crypto.DecryptionError().code).toBe('DECRYPTION_FAILED');
    expect(new crypto.UnknownKeyError('k1')).toMatchObject({
      code: 'UNKNOWN_KEY',
      keyId: 'k1',
      name: 'UnknownKeyError',
    });
    expect(new crypto.MasterKeyError('m').code).toBe('MASTER_KEY_INVALID');
    const err = new crypto.WebhookVerificationError('missing_header', 'Missing webhook-id header');
    expect(err).toMatchObject({ code: 'WEBHOOK_VERIFICATION_FAILED', reason: 'missing_header' });
    expect(err).toBeInstanceOf(crypto.CryptoError);
    expect(err).toBeInstanceOf(Error);
  });
});
