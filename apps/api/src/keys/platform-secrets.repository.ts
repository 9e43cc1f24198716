import type { Kysely } from 'kysely';

import type { DB } from '../db/schema.js';

type Executor = Kysely<DB>;

export const findPlatformSecret = (db: Executor, name: string) =>
  db.selectFrom('platform_secrets').selectAll().where('name', '=', name).executeTakeFirst();

/** Inserts unless another process won the race; the caller re-reads. */
export const insertPlatformSecret = (
  db: Executor,
  row: { name: string; kek_id: string; wrapped: string },
): Promise<unknown> =>
  db
    .insertInto('platform_secrets')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();

export const listPlatformSecrets = (db: Executor) => db.selectFrom('platform_secrets').selectAll().execute();

export const setWrappedPlatformSecret = (
  db: Executor,
  name: string,
  kekId: string,
  wrapped: string,
): Promise<unknown> =>
  db.updateTable('platform_secrets').set({ kek_id: kekId, wrapped }).where('name', '=', name).execute();
