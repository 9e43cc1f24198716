import type { ApiKeyStatus } from '@gatehouse/shared';
import { type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';

import { escapeLike } from '../db/like.js';
import type { ApiKeyRow, ApiKeysTable, DB } from '../db/schema.js';

type Executor = Kysely<DB>;

const statusFilter = (status: ApiKeyStatus) => (eb: ExpressionBuilder<DB, 'api_keys'>) => {
  const notExpired = eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]);
  if (status === 'revoked') return eb('revoked_at', 'is not', null);
  if (status === 'expired') return eb.and([eb('revoked_at', 'is', null), eb('expires_at', '<=', sql<Date>`now()`)]);
  return eb.and([eb('revoked_at', 'is', null), notExpired]);
};

export async function listApiKeys(
  db: Executor,
  tenantId: string,
  filter: { name?: string | undefined; status?: ApiKeyStatus | undefined; page: number; perPage: number },
): Promise<{ rows: ApiKeyRow[]; total: number }> {
  let q = db.selectFrom('api_keys').where('tenant_id', '=', tenantId);
  if (filter.name) q = q.where('name', 'ilike', `%${escapeLike(filter.name)}%`);
  if (filter.status) q = q.where(statusFilter(filter.status));
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const findApiKey = (db: Executor, tenantId: string, id: string): Promise<ApiKeyRow | undefined> =>
  db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

/** Lookup by the key's public id during authentication (RLS admits exactly this row). */
export const findApiKeyByKeyId = (db: Executor, keyId: string): Promise<ApiKeyRow | undefined> =>
  db.selectFrom('api_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();

export const insertApiKey = (db: Executor, row: Insertable<ApiKeysTable>): Promise<ApiKeyRow> =>
  db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();

export const updateApiKey = (
  db: Executor,
  tenantId: string,
  id: string,
  patch: Partial<Pick<ApiKeyRow, 'name' | 'description' | 'environment' | 'scopes'>>,
): Promise<ApiKeyRow | undefined> =>
  db
    .updateTable('api_keys')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Revokes the given keys that are not revoked yet and returns them. */
export const revokeApiKeys = (db: Executor, tenantId: string, ids: string[]): Promise<ApiKeyRow[]> =>
  db
    .updateTable('api_keys')
    .set({ revoked_at: new Date(), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .returningAll()
    .execute();

/** Records use at most once a minute per key, so authentication stays cheap. */
export const touchApiKey = (db: Executor, id: string, ip: string | null): Promise<unknown> =>
  db
    .updateTable('api_keys')
    .set({ last_used_at: new Date(), last_used_ip: ip })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]))
    .execute();
