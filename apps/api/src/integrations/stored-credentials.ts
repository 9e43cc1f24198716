import type { IntegrationRow } from '../db/schema.js';
import type { Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { withTenantCipher } from '../keys/tenant-keys.js';
import type { Credentials } from '../providers/types.js';
import { hintOf } from './credentials.js';

const placeOf = (row: Pick<IntegrationRow, 'id' | 'tenant_id'>) => ({
  tenantId: row.tenant_id,
  table: 'integrations',
  rowId: row.id,
});

/** An integration's credentials in clear: its settings plus every decrypted secret. */
export async function decryptCredentials(
  deps: Deps,
  trx: Trx,
  row: Pick<IntegrationRow, 'id' | 'tenant_id' | 'settings' | 'secrets'>,
): Promise<Credentials> {
  const credentials: Credentials = { ...row.settings };
  if (Object.keys(row.secrets).length === 0) return credentials;
  await withTenantCipher(deps, trx, row.tenant_id, async (cipher) => {
    for (const [field, value] of Object.entries(row.secrets)) {
      credentials[field] = await cipher.decrypt(placeOf(row), field, value);
    }
  });
  return credentials;
}

/**
 * The row's `secrets` and `hints` after encrypting `changes` (an empty string erases a field).
 * Ciphertexts are bound to the row and field, so they can only be read back where they were written.
 */
export async function sealSecrets(
  deps: Deps,
  trx: Trx,
  row: Pick<IntegrationRow, 'id' | 'tenant_id' | 'secrets' | 'hints'>,
  changes: Record<string, string>,
): Promise<{ secrets: Record<string, string>; hints: Record<string, string> }> {
  const secrets = { ...row.secrets };
  const hints = { ...row.hints };
  for (const field of Object.keys(changes)) {
    delete secrets[field];
    delete hints[field];
  }
  const written = Object.entries(changes).filter(([, value]) => value !== '');
  if (written.length === 0) return { secrets, hints };
  await withTenantCipher(deps, trx, row.tenant_id, async (cipher) => {
    for (const [field, value] of written) {
      secrets[field] = cipher.encrypt(placeOf(row), field, value);
      const hint = hintOf(value);
      if (hint) hints[field] = hint;
    }
  });
  return { secrets, hints };
}
