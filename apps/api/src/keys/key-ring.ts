import { randomBytes } from 'node:crypto';

import { type KeyRing, loadMasterKeys, LocalKeyRing } from '@gatehouse/crypto';

import type { Env } from '../config/env.js';
import { createKysely } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import * as secrets from './platform-secrets.repository.js';

/** The master key(s) from MASTER_KEY / MASTER_KEY_FILE, or a generated development key in DATA_DIR. */
export function loadKeyRing(env: Env, warn: (message: string) => void): KeyRing {
  const loaded = loadMasterKeys({
    masterKey: env.MASTER_KEY,
    masterKeyFile: env.MASTER_KEY_FILE,
    dataDir: env.DATA_DIR,
    allowGenerate: env.NODE_ENV !== 'production',
  });
  if (loaded.generatedAt) {
    warn(
      `No MASTER_KEY set: using a development master key stored at ${loaded.generatedAt}. Set MASTER_KEY in production.`,
    );
  }
  return new LocalKeyRing(loaded.keys);
}

export const secretContext = (name: string) => `platform|${name}`;

/**
 * Reads a platform secret (creating it on first boot) with the owner connection: the application
 * role cannot read the table at all.
 */
export async function platformSecret(ownerUrl: string, keyRing: KeyRing, name: string): Promise<Buffer> {
  const db = createKysely<DB>(ownerUrl, 1);
  try {
    let row = await secrets.findPlatformSecret(db, name);
    if (!row) {
      const { kekId, wrapped } = await keyRing.wrap(randomBytes(32), secretContext(name));
      await secrets.insertPlatformSecret(db, { name, kek_id: kekId, wrapped });
      row = (await secrets.findPlatformSecret(db, name))!;
    }
    return await keyRing.unwrap(row.kek_id, row.wrapped, secretContext(name));
  } finally {
    await db.destroy();
  }
}
