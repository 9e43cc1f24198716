import type { Kysely } from 'kysely';
import { sql } from 'kysely';

import type { DB, UserRow } from '../db/schema.js';

type Executor = Kysely<DB>;

export const findUserByEmail = (db: Executor, email: string): Promise<UserRow | undefined> =>
  db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();

export const findUserById = (db: Executor, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUser = (
  db: Executor,
  user: {
    email: string;
    name: string;
    password_hash: string;
    must_change_password: boolean;
    is_platform_admin?: boolean;
  },
): Promise<UserRow> => db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();

export const setPassword = (db: Executor, id: string, passwordHash: string): Promise<unknown> =>
  db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false })
    .where('id', '=', id)
    .execute();

export const touchLogin = (db: Executor, id: string): Promise<unknown> =>
  db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
