import { type Kysely, sql } from 'kysely';

import type { DB } from './schema.js';

/** A connection inside a scoped transaction; repositories take it like any Kysely instance. */
export type Trx = Kysely<DB>;

/** What row-level security sees for one transaction. */
export interface Scope {
  tenantId?: string | null;
  userId?: string | null;
  /** The audited platform-superadmin path. */
  platform?: boolean;
  /** The public id of an API key being authenticated (lets exactly that row be read). */
  apiKeyId?: string | null;
}

/** A SQL string literal (standard_conforming_strings is on by default since PostgreSQL 9.1). */
const literal = (value: string): string => {
  if (value.includes('\0')) throw new Error('NUL byte in a scope value');
  return `'${value.replace(/'/g, "''")}'`;
};

/**
 * Runs `fn` in a transaction whose settings are transaction-local (`set_config(..., true)`), so a
 * pooled connection never carries one tenant's context into the next request. BEGIN and the
 * settings travel in one round trip: on this hot path every request pays for each one.
 */
export function inScope<T>(db: Kysely<DB>, scope: Scope, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const settings = [
    ['app.tenant_id', scope.tenantId ?? ''],
    ['app.user_id', scope.userId ?? ''],
    ['app.platform', scope.platform ? 'on' : ''],
    ['app.api_key_id', scope.apiKeyId ?? ''],
  ]
    .map(([name, value]) => `set_config(${literal(name!)}, ${literal(value!)}, true)`)
    .join(', ');
  return db.connection().execute(async (conn) => {
    await sql.raw(`begin; select ${settings}`).execute(conn);
    try {
      const result = await fn(conn);
      await sql.raw('commit').execute(conn);
      return result;
    } catch (error) {
      // A broken connection cannot roll back either; the original error is the one worth seeing.
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => {});
      throw error;
    }
  });
}
