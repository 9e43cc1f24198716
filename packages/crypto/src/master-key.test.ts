import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MasterKeyError } from './errors.js';
import { generateMasterKey, loadMasterKeys, parseMasterKeys } from './master-key.js';

/** Runs `fn`, expecting a MasterKeyError, and returns its message. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MasterKeyError);
    expect((err as MasterKeyError).code).toBe('MASTER_KEY_INVALID');
    return (err as MasterKeyError).message;
  }
  throw new Error('expected a MasterKeyError');
}

describe('parseMasterKeys', () => {
  it('accepts base64 and base64url keys, first one primary, ids derived from sha256', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const keys = parseMasterKeys(` ${a.toString('base64')} , ${b.toString('base64url')}`);
    expect(keys.map((k) => k.key.equals(a) || k.key.equals(b))).toEqual([true, true]);
    expect(keys[0]?.key.equals(a)).toBe(true);
    expect(keys[0]?.id).toBe(createHash('sha256').update(a).digest('hex').slice(0, 12));
    expect(keys[1]?.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('accepts explicit ids and rejects duplicates and bad ids', () => {
    const k1 = generateMasterKey();
    const k2 = generateMasterKey();
    expect(parseMasterKeys(`2025-06:${k1},2024-01:${k2}`).map((k) => k.id)).toEqual(['2025-06', '2024-01']);
    expect(failure(() => parseMasterKeys(`a:${k1},a:${k2}`))).toMatch(/duplicate key id "a"/);
    expect(failure(() => parseMasterKeys(`${k1},${k1}`))).toMatch(/duplicate/);
    expect(failure(() => parseMasterKeys(`bad id:${k1}`))).toMatch(/key id must be/);
  });

  it('explains wrong length, bad encoding, empty values and stray commas', () => {
    expect(failure(() => parseMasterKeys(''))).toMatch(/empty/);
    expect(failure(() => parseMasterKeys(`${generateMasterKey()},`))).toMatch(/#2 is empty/);
    expect(failure(() => parseMasterKeys(randomBytes(16).toString('base64')))).toMatch(/16 bytes; expected 32/);
    expect(failure(() => parseMasterKeys(randomBytes(32).toString('hex')))).toMatch(/48 bytes; expected 32/);
    expect(failure(() => parseMasterKeys('not a key!'))).toMatch(/not valid base64/);
  });

  it('never puts key material in error messages', () => {
    const wrongLength = fc
      .integer({ min: 6, max: 64 })
      .filter((n) => n !== 32)
      .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
      .chain((b) => fc.constantFrom(Buffer.from(b).toString('base64'), Buffer.from(b).toString('base64url')));
    const garbage = fc
      .string({ minLength: 8, maxLength: 80 })
      .filter((s) => !/[,:]/.test(s) && /[^A-Za-z0-9+/_=-]/.test(s.trim()) && s.trim().length >= 8);
    fc.assert(
      fc.property(fc.oneof(wrongLength, garbage), fc.boolean(), (secret, withId) => {
        const message = failure(() => parseMasterKeys(withId ? `k1:${secret}` : secret));
        expect(message).not.toContain(secret.trim());
        expect(message).not.toContain(secret.trim().slice(0, 8));
      }),
    );
  });
});

describe('loadMasterKeys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-crypto-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers MASTER_KEY, then MASTER_KEY_FILE (trimmed)', () => {
    const env = generateMasterKey();
    const file = join(dir, 'key');
    const fromFile = generateMasterKey();
    writeFileSync(file, `\n  k2:${fromFile}\n`);
    const first = loadMasterKeys({ masterKey: env, masterKeyFile: file, dataDir: dir, allowGenerate: true });
    expect(first.keys[0]?.key.toString('base64')).toBe(env);
    expect(first.generatedAt).toBeUndefined();
    const second = loadMasterKeys({ masterKey: ' ', masterKeyFile: file, dataDir: dir, allowGenerate: false });
    expect(second.keys.map((k) => [k.id, k.key.toString('base64')])).toEqual([['k2', fromFile]]);
  });

  it('fails clearly when nothing is configured or the file is unreadable', () => {
    expect(failure(() => loadMasterKeys({ dataDir: dir, allowGenerate: false }))).toMatch(/set MASTER_KEY/);
    const missing = join(dir, 'missing.key');
    expect(failure(() => loadMasterKeys({ masterKeyFile: missing, dataDir: dir, allowGenerate: true }))).toContain(
      `${missing} (ENOENT)`,
    );
  });

  it('creates a 0600 development key file once and reuses it', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = loadMasterKeys({ dataDir, allowGenerate: true });
    const path = join(dataDir, 'master.key');
    expect(first.generatedAt).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    const second = loadMasterKeys({ dataDir, allowGenerate: true });
    expect(second.generatedAt).toBe(path);
    expect(second.keys[0]?.key.equals(first.keys[0]?.key ?? Buffer.alloc(0))).toBe(true);
  });

  it('generateMasterKey returns distinct base64 32-byte keys', () => {
    const a = generateMasterKey();
    expect(a).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(generateMasterKey());
  });
});
