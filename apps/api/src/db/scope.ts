import { type Kysely, sql, type Transaction } from 'kysely';

import type { DB } from './schema.js';

export type Trx = Transaction<DB>;

/** What row-level security sees for one transaction. */
export interface Scope {
  tenantId?: string | null;
  userId?: string | null;
  /** The audited platform-superadmin path. */
  platform?: boolean;
  /** The public id of an API key being authenticated (lets exactly that row be read). */
  apiKeyId?: string | null;
}

/**
 * Runs `fn` in a transaction whose settings are transaction-local (`set_config(..., true)`),
 * so a pooled connection never carries one tenant's context into the next request.
 */
export function inScope<T>(db: Kysely<DB>, scope: Scope, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.tenant_id', ${scope.tenantId ?? ''}, true),
                     set_config('app.user_id', ${scope.userId ?? ''}, true),
                     set_config('app.platform', ${scope.platform ? 'on' : ''}, true),
                     set_config('app.api_key_id', ${scope.apiKeyId ?? ''}, true)`.execute(trx);
    return fn(trx);
  });
}
