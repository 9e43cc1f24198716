import { randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { dataKeyContext, decryptField, encryptField, generateDataKey, rewrap } from './envelope.js';
import { DecryptionError, MasterKeyError, UnknownKeyError } from './errors.js';
import { type KeyRing, LocalKeyRing } from './keyring.js';
import { type MasterKey, generateMasterKey, parseMasterKeys } from './master-key.js';

const masterKey = (id: string): MasterKey => ({ id, key: randomBytes(32) });
const bytes = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b));
const context = fc.string({ unit: 'binary', maxLength: 60 });

describe('LocalKeyRing', () => {
  it('wraps with the primary key and unwraps to the same bytes', async () => {
    const ring = new LocalKeyRing([masterKey('a'), masterKey('b')]);
    await fc.assert(
      fc.asyncProperty(bytes, context, async (dek, ctx) => {
        const { kekId, wrapped } = await ring.wrap(dek, ctx);
        expect(kekId).toBe('a');
        expect(wrapped).toMatch(/^[A-Za-z0-9_-]+$/);
        expect((await ring.unwrap(kekId, wrapped, ctx)).equals(dek)).toBe(true);
      }),
    );
  });

  it('refuses to unwrap under another context (e.g. another tenant)', async () => {
    const ring = new LocalKeyRing([masterKey('a')]);
    await fc.assert(
      fc.asyncProperty(bytes, context, context, async (dek, ctx, other) => {
        fc.pre(ctx !== other);
        const { kekId, wrapped } = await ring.wrap(dek, ctx);
        await expect(ring.unwrap(kekId, wrapped, other)).rejects.toThrow(DecryptionError);
      }),
    );
  });

  it('rejects tampering, an unknown KEK id and different key material under the same id', async () => {
    const a = masterKey('a');
    const ring = new LocalKeyRing([a]);
    const ctx = dataKeyContext('tenant-1');
    const { wrapped } = await ring.wrap(generateDataKey(), ctx);
    const raw = Buffer.from(wrapped, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const copy = Buffer.from(raw);
      copy[i] = (copy[i] as number) ^ 0x01;
      await expect(ring.unwrap('a', copy.toString('base64url'), ctx)).rejects.toThrow(DecryptionError);
    }
    await expect(ring.unwrap('a', 'not base64url!', ctx)).rejects.toThrow(DecryptionError);
    await expect(ring.unwrap('zzz', wrapped, ctx)).rejects.toThrow(UnknownKeyError);
    await expect(new LocalKeyRing([masterKey('a')]).unwrap('a', wrapped, ctx)).rejects.toThrow(DecryptionError);
  });

  it('validates its keys and copies them', async () => {
    expect(() => new LocalKeyRing([])).toThrow(MasterKeyError);
    expect(() => new LocalKeyRing([{ id: 'a', key: randomBytes(16) }])).toThrow(MasterKeyError);
    expect(() => new LocalKeyRing([masterKey('a'), masterKey('a')])).toThrow(MasterKeyError);
    const a = masterKey('a');
    const ring = new LocalKeyRing([a, masterKey('b')]);
    expect(ring.primaryKeyId).toBe('a');
    expect(ring.keyIds).toEqual(['a', 'b']);
    const { wrapped } = await ring.wrap(Buffer.from('dek'), 'c');
    a.key.fill(0);
    expect((await ring.unwrap('a', wrapped, 'c')).toString()).toBe('dek');
  });
});

describe('rewrap (master-key rotation)', () => {
  it('after adding a new primary, re-wrapped DEKs decrypt old data without the old master key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }),
        fc.stringMatching(/^[a-z0-9-]{1,36}$/),
        async (secret, tenantId) => {
          const [oldKey] = parseMasterKeys(`old:${generateMasterKey()}`);
          const [newKey] = parseMasterKeys(`new:${generateMasterKey()}`);
          if (oldKey === undefined || newKey === undefined) throw new Error('unreachable');
          const ctx = dataKeyContext(tenantId);
          const field = { tenantId, table: 'integrations', rowId: 'row-1', field: 'token' };

          // Before rotation: a DEK wrapped by the old master key encrypts a field.
          const before = new LocalKeyRing([oldKey]);
          const dek = { id: 'dek-1', key: generateDataKey() };
          const stored = await before.wrap(dek.key, ctx);
          const ciphertext = encryptField(dek, secret, field);

          // Rotation: new primary first, old key still present for unwrapping.
          const during = new LocalKeyRing([newKey, oldKey]);
          const rewrapped = await rewrap(during, stored.kekId, stored.wrapped, ctx);
          expect(rewrapped.kekId).toBe('new');
          expect(rewrapped.wrapped).not.toBe(stored.wrapped);

          // After: the old master key is gone; the untouched field ciphertext still decrypts.
          const after = new LocalKeyRing([newKey]);
          const key = await after.unwrap(rewrapped.kekId, rewrapped.wrapped, ctx);
          expect(decryptField({ id: dek.id, key }, ciphertext, field)).toBe(secret);
          await expect(after.unwrap(stored.kekId, stored.wrapped, ctx)).rejects.toThrow(UnknownKeyError);
          // The re-wrapped DEK stays bound to its tenant.
          await expect(rewrap(during, rewrapped.kekId, rewrapped.wrapped, dataKeyContext('other!'))).rejects.toThrow(
            DecryptionError,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('wipes the clear data key it unwrapped', async () => {
    const clear = generateDataKey();
    const ring: KeyRing = {
      primaryKeyId: 'p',
      wrap: async (dek) => ({ kekId: 'p', wrapped: dek.toString('base64url') }),
      unwrap: async () => clear,
    };
    const copy = Buffer.from(clear);
    expect(await rewrap(ring, 'old', 'x', 'ctx')).toEqual({ kekId: 'p', wrapped: copy.toString('base64url') });
    expect(clear.equals(Buffer.alloc(32))).toBe(true);
  });
});
