import { dataKeyContext, type KeyRing, rewrap } from '@gatehouse/crypto';

import { createKysely } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import { inScope } from '../db/scope.js';
import * as dataKeys from '../tenants/data-keys.repository.js';
import { secretContext } from './key-ring.js';
import * as secrets from './platform-secrets.repository.js';

/**
 * Master-key rotation: every tenant data key and platform secret still wrapped by an older master
 * key is unwrapped and wrapped again by the primary. Field ciphertexts are untouched (they are
 * encrypted by the data keys, which do not change). Idempotent: run it again and nothing moves.
 */
export async function rotateMasterKey(
  ownerUrl: string,
  keyRing: KeyRing,
): Promise<{ dataKeys: number; platformSecrets: number }> {
  const db = createKysely<DB>(ownerUrl, 1);
  const primary = keyRing.primaryKeyId;
  try {
    return await inScope(db, { platform: true }, async (trx) => {
      let dataKeyCount = 0;
      for (const key of await dataKeys.listDataKeys(trx)) {
        if (key.kek_id === primary) continue;
        const next = await rewrap(keyRing, key.kek_id, key.wrapped, dataKeyContext(key.tenant_id));
        await dataKeys.setWrappedDataKey(trx, key.id, next.kekId, next.wrapped);
        dataKeyCount++;
      }
      let secretCount = 0;
      for (const secret of await secrets.listPlatformSecrets(trx)) {
        if (secret.kek_id === primary) continue;
        const next = await rewrap(keyRing, secret.kek_id, secret.wrapped, secretContext(secret.name));
        await secrets.setWrappedPlatformSecret(trx, secret.name, next.kekId, next.wrapped);
        secretCount++;
      }
      return { dataKeys: dataKeyCount, platformSecrets: secretCount };
    });
  } finally {
    await db.destroy();
  }
}
