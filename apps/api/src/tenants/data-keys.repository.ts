import type { Kysely } from 'kysely';

import type { DB } from '../db/schema.js';

type Executor = Kysely<DB>;

export const insertDataKey = (
  db: Executor,
  row: { tenant_id: string; kek_id: string; wrapped: string },
): Promise<unknown> => db.insertInto('data_keys').values(row).execute();

export const listDataKeys = (db: Executor) =>
  db.selectFrom('data_keys').select(['id', 'tenant_id', 'kek_id', 'wrapped']).execute();

export const setWrappedDataKey = (db: Executor, id: string, kekId: string, wrapped: string): Promise<unknown> =>
  db.updateTable('data_keys').set({ kek_id: kekId, wrapped }).where('id', '=', id).execute();

/** The tenant's newest data key: new ciphertexts are written under it. */
export const findLatestDataKey = (db: Executor, tenantId: string) =>
  db
    .selectFrom('data_keys')
    .select(['id', 'kek_id', 'wrapped'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findDataKey = (db: Executor, tenantId: string, id: string) =>
  db
    .selectFrom('data_keys')
    .select(['id', 'kek_id', 'wrapped'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
