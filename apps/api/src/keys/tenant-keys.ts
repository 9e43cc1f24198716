import { type DataKey, dataKeyContext, decryptField, encryptField, parseCiphertext } from '@gatehouse/crypto';

import type { Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import * as dataKeys from '../tenants/data-keys.repository.js';

/** Where a field lives; bound into its ciphertext so it cannot be moved to another row or tenant. */
export interface FieldPlace {
  tenantId: string;
  table: string;
  rowId: string;
}

async function unwrap(deps: Deps, tenantId: string, row: { id: string; kek_id: string; wrapped: string }) {
  const key = await deps.keyRing.unwrap(row.kek_id, row.wrapped, dataKeyContext(tenantId));
  return { id: row.id, key } satisfies DataKey;
}

/**
 * Encrypts and decrypts one tenant's fields inside a scoped transaction. Data keys are unwrapped
 * once per use and wiped afterwards, so no clear key outlives the request or job that needed it.
 */
export async function withTenantCipher<T>(
  deps: Deps,
  trx: Trx,
  tenantId: string,
  fn: (cipher: {
    encrypt(place: FieldPlace, field: string, value: string): string;
    decrypt(place: FieldPlace, field: string, value: string): Promise<string>;
  }) => Promise<T>,
): Promise<T> {
  const loaded = new Map<string, DataKey>();
  const keyFor = async (id?: string): Promise<DataKey> => {
    const cached = id ? loaded.get(id) : [...loaded.values()][0];
    if (cached) return cached;
    const row = id ? await dataKeys.findDataKey(trx, tenantId, id) : await dataKeys.findLatestDataKey(trx, tenantId);
    if (!row) throw new Error(`Tenant ${tenantId} has no data key${id ? ` ${id}` : ''}`);
    const key = await unwrap(deps, tenantId, row);
    loaded.set(key.id, key);
    return key;
  };
  const latest = await keyFor();
  try {
    return await fn({
      encrypt: (place, field, value) => encryptField(latest, value, { ...place, field }),
      decrypt: async (place, field, value) =>
        decryptField(await keyFor(parseCiphertext(value).dekId), value, { ...place, field }),
    });
  } finally {
    for (const key of loaded.values()) key.key.fill(0);
  }
}
