import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { MasterKeyError } from './errors.js';

/** A key-encryption key (KEK). The id is stored next to every wrapped data key. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Master keys are AES-256 keys. */
export const MASTER_KEY_BYTES = 32;

/** Ids end up in database rows and log lines, so keep them short and boring. */
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Standard base64 or base64url, padding optional. Anything else is a typo, not a key. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Derived id: stable for the same key, reveals nothing useful (sha256 of a 256-bit random key). */
function deriveKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/**
 * Parses MASTER_KEY: one or more comma-separated base64/base64url 32-byte keys, each optionally
 * written as `id:key`. The first key is the primary (used to wrap new data keys); the others
 * are only used to unwrap while a rotation is in progress.
 *
 * Error messages name the entry by position (and explicit id), never by its content, because
 * these messages end up in logs.
 */
export function parseMasterKeys(value: string): MasterKey[] {
  const entries = value.split(',').map((e) => e.trim());
  if (entries.length === 1 && entries[0] === '') {
    throw new MasterKeyError('Master key is empty: expected one or more base64-encoded 32-byte keys');
  }
  const keys: MasterKey[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `master key entry #${index + 1}`;
    if (entry === '') throw new MasterKeyError(`${where} is empty (check for a stray comma)`);
    // base64 never contains ':', so the first ':' can only separate an explicit id.
    const colon = entry.indexOf(':');
    const explicitId = colon === -1 ? undefined : entry.slice(0, colon).trim();
    const encoded = colon === -1 ? entry : entry.slice(colon + 1).trim();
    if (explicitId !== undefined && !KEY_ID.test(explicitId)) {
      throw new MasterKeyError(`${where}: key id must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"`);
    }
    const label = explicitId === undefined ? where : `${where} (id "${explicitId}")`;
    if (!BASE64.test(encoded)) {
      throw new MasterKeyError(`${label} is not valid base64 or base64url`);
    }
    // Buffer's decoder accepts both alphabets; the regex above already rejected stray characters.
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== MASTER_KEY_BYTES) {
      throw new MasterKeyError(
        `${label} decodes to ${key.length} bytes; expected ${MASTER_KEY_BYTES} (generate one with \`openssl rand -base64 32\`)`,
      );
    }
    const id = explicitId ?? deriveKeyId(key);
    if (seen.has(id)) throw new MasterKeyError(`${label}: duplicate key id "${id}"`);
    seen.add(id);
    keys.push({ id, key });
  });
  return keys;
}

/** Returns a fresh random 32-byte master key, base64-encoded (the MASTER_KEY format). */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}

/** Where the master keys come from; see {@link loadMasterKeys}. */
export interface LoadMasterKeysOptions {
  /** Value of MASTER_KEY. Empty or blank counts as unset. */
  masterKey?: string | undefined;
  /** Value of MASTER_KEY_FILE: path of a file holding the MASTER_KEY value. */
  masterKeyFile?: string | undefined;
  /** Directory for the development key file `<dataDir>/master.key`. */
  dataDir: string;
  /** Allow reading/creating `<dataDir>/master.key` when nothing is configured (development only). */
  allowGenerate: boolean;
}

/**
 * Loads master keys: MASTER_KEY wins, then MASTER_KEY_FILE, then (only when `allowGenerate`) a
 * development key file `<dataDir>/master.key`, created with mode 0600 on first use. When that
 * file is used its path is returned as `generatedAt` so the caller can log a loud warning:
 * a key sitting next to the data it protects is fine for development only.
 */
export function loadMasterKeys(options: LoadMasterKeysOptions): { keys: MasterKey[]; generatedAt?: string } {
  if (options.masterKey !== undefined && options.masterKey.trim() !== '') {
    return { keys: parseMasterKeys(options.masterKey) };
  }
  if (options.masterKeyFile !== undefined && options.masterKeyFile.trim() !== '') {
    return { keys: parseMasterKeys(readKeyFile(options.masterKeyFile, 'MASTER_KEY_FILE')) };
  }
  if (!options.allowGenerate) {
    throw new MasterKeyError(
      'No master key configured: set MASTER_KEY (base64 32-byte key, e.g. `openssl rand -base64 32`) or MASTER_KEY_FILE',
    );
  }
  const path = join(options.dataDir, 'master.key');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two processes starting at once cannot overwrite each other's key.
    writeFileSync(path, `${generateMasterKey()}\n`, { flag: 'wx', mode: 0o600 });
    // The mode passed to open() is filtered by the umask; make sure it really is 0600.
    chmodSync(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new MasterKeyError(`Cannot create development master key file ${path}`, { cause: err });
    }
  }
  return { keys: parseMasterKeys(readKeyFile(path, 'development master key file')), generatedAt: path };
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new MasterKeyError(`Cannot read ${what} ${path} (${code})`, { cause: err });
  }
}
