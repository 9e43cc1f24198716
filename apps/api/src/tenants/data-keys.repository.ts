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
