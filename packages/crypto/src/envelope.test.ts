import { createDecipheriv, randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  type DataKey,
  type FieldContext,
  decryptField,
  encryptField,
  generateDataKey,
  parseCiphertext,
} from './envelope.js';
import { DecryptionError, UnknownKeyError } from './errors.js';

const part = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('|'));
const context: fc.Arbitrary<FieldContext> = fc.record({ tenantId: part, table: part, rowId: part, field: part });
const dekId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const dataKey: fc.Arbitrary<DataKey> = fc.record({
  id: dekId,
  key: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b)),
});
const plaintext = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const ctxKeys = ['tenantId', 'table', 'rowId', 'field'] as const;

/** Rebuilds a value from a parsed ciphertext's parts (for tamper tests). */
function assemble(id: string, nonce: Buffer, sealed: Buffer): string {
  return `v1.${id}.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
}

describe('envelope encryption', () => {
  it('round-trips arbitrary Unicode text under arbitrary contexts', () => {
    fc.assert(
      fc.property(dataKey, plaintext, context, (dek, text, ctx) => {
        expect(decryptField(dek, encryptField(dek, text, ctx), ctx)).toBe(text);
      }),
    );
  });

  it('produces v1.<dekId>.<nonce>.<ciphertext+tag> with a fresh 96-bit nonce each time', () => {
    const dek = { id: 'dek_1', key: generateDataKey() };
    const ctx = { tenantId: 't1', table: 'integrations', rowId: 'r1', field: 'api_key' };
    const a = encryptField(dek, 'secret', ctx);
    const b = encryptField(dek, 'secret', ctx);
    expect(a).toMatch(/^v1\.dek_1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    const parsed = parseCiphertext(a);
    expect(parsed).toMatchObject({ version: 'v1', dekId: 'dek_1' });
    expect(parsed.nonce).toHaveLength(12);
    expect(parsed.sealed).toHaveLength('secret'.length + 16);
    expect(parseCiphertext(b).nonce.equals(parsed.nonce)).toBe(false);
  });

  it('binds exactly the documented AAD v1|tenantId|table|rowId|field (independent decrypt)', () => {
    const dek = { id: 'k', key: randomBytes(32) };
    const { nonce, sealed } = parseCiphertext(
      encryptField(dek, 'héllo', { tenantId: 'T', table: 'tab', rowId: 'R', field: 'f' }),
    );
    const d = createDecipheriv('aes-256-gcm', dek.key, nonce);
    d.setAAD(Buffer.from('v1|T|tab|R|f'));
    d.setAuthTag(sealed.subarray(-16));
    expect(Buffer.concat([d.update(sealed.subarray(0, -16)), d.final()]).toString()).toBe('héllo');
  });

  it('rejects a flip of any byte of the nonce, ciphertext or tag', () => {
    fc.assert(
      fc.property(dataKey, plaintext, context, fc.nat(), fc.integer({ min: 1, max: 255 }), (dek, text, ctx, i, x) => {
        const { dekId: id, nonce, sealed } = parseCiphertext(encryptField(dek, text, ctx));
        const bytes = Buffer.concat([nonce, sealed]);
        const at = i % bytes.length;
        bytes[at] = (bytes[at] as number) ^ x;
        const tampered = assemble(id, bytes.subarray(0, 12), bytes.subarray(12));
        expect(() => decryptField(dek, tampered, ctx)).toThrow(DecryptionError);
      }),
    );
  });

  it('rejects any single-character change in the encoded nonce/ciphertext text', () => {
    const b64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/';
    fc.assert(
      fc.property(dataKey, plaintext, context, fc.nat(), fc.constantFrom(...b64url), (dek, text, ctx, i, ch) => {
        const value = encryptField(dek, text, ctx);
        const start = value.indexOf('.', 3) + 1; // first char of the nonce part
        const at = start + (i % (value.length - start));
        fc.pre(value[at] !== ch);
        const tampered = value.slice(0, at) + ch + value.slice(at + 1);
        expect(() => decryptField(dek, tampered, ctx)).toThrow(DecryptionError);
      }),
    );
  });

  it('rejects the ciphertext under a context differing in any one of tenantId/table/rowId/field', () => {
    fc.assert(
      fc.property(dataKey, plaintext, context, fc.constantFrom(...ctxKeys), part, (dek, text, ctx, key, other) => {
        fc.pre(ctx[key] !== other);
        const value = encryptField(dek, text, ctx);
        expect(() => decryptField(dek, value, { ...ctx, [key]: other })).toThrow(DecryptionError);
      }),
    );
  });

  it('does not confuse contexts whose joined parts look alike', () => {
    const dek = { id: 'k', key: generateDataKey() };
    const value = encryptField(dek, 'x', { tenantId: 'ab', table: 'c', rowId: 'r', field: 'f' });
    expect(() => decryptField(dek, value, { tenantId: 'a', table: 'bc', rowId: 'r', field: 'f' })).toThrow(
      DecryptionError,
    );
    expect(() => encryptField(dek, 'x', { tenantId: 'a|b', table: 'c', rowId: 'r', field: 'f' })).toThrow(TypeError);
    expect(() => encryptField(dek, 'x', { tenantId: 't', table: 'c', rowId: '', field: 'f' })).toThrow(TypeError);
  });

  it('rejects a different data key with the same id, and reports an id mismatch as UnknownKeyError', () => {
    fc.assert(
      fc.property(dataKey, dataKey, plaintext, context, (dek, other, text, ctx) => {
        fc.pre(!dek.key.equals(other.key));
        const value = encryptField(dek, text, ctx);
        expect(() => decryptField({ id: dek.id, key: other.key }, value, ctx)).toThrow(DecryptionError);
        if (other.id !== dek.id) expect(() => decryptField(other, value, ctx)).toThrow(UnknownKeyError);
      }),
    );
  });

  it('rejects malformed values with DecryptionError and hides details', () => {
    const dek = { id: 'k', key: generateDataKey() };
    const ctx = { tenantId: 't', table: 'x', rowId: 'r', field: 'f' };
    const good = encryptField(dek, 'secret', ctx);
    for (const bad of [
      '',
      'secret',
      'v2' + good.slice(2),
      good + '.x',
      good.replace('.k.', '.k!.'),
      'v1.k.AAAA.AAAA',
    ]) {
      expect(() => decryptField(dek, bad, ctx)).toThrow(DecryptionError);
    }
    expect(() => decryptField(dek, good, { ...ctx, field: 'g' })).toThrow(
      expect.objectContaining({ name: 'DecryptionError', message: 'Decryption failed', code: 'DECRYPTION_FAILED' }),
    );
  });

  it('rejects non-canonical base64url (unused trailing bits set), not just invalid characters', () => {
    const dek = { id: 'k', key: generateDataKey() };
    const ctx = { tenantId: 't', table: 'x', rowId: 'r', field: 'f' };
    // 1 byte of plaintext + 16 of tag = 17 bytes: the last base64url char carries 2 unused bits.
    const value = encryptField(dek, 'a', ctx);
    const last = value.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1); // same data bits, different padding bits
    const tampered = value.slice(0, -1) + sibling;
    expect(Buffer.from(tampered.split('.')[3] ?? '', 'base64url')).toEqual(parseCiphertext(value).sealed);
    expect(() => decryptField(dek, tampered, ctx)).toThrow(DecryptionError);
  });

  it('refuses plaintext that UTF-8 cannot represent instead of corrupting it', () => {
    const dek = { id: 'k', key: generateDataKey() };
    expect(() => encryptField(dek, 'a\uD800b', { tenantId: 't', table: 'x', rowId: 'r', field: 'f' })).toThrow(
      TypeError,
    );
  });

  it('generateDataKey returns 32 random bytes', () => {
    const a = generateDataKey();
    expect(a).toHaveLength(32);
    expect(a.equals(generateDataKey())).toBe(false);
  });
});
