import type { Kysely } from 'kysely';

import type { DB, SessionRow } from '../db/schema.js';

type Executor = Kysely<DB>;

export const insertSession = (
  db: Executor,
  session: {
    token_hash: string;
    user_id: string;
    tenant_id: string | null;
    csrf_token: string;
    ip: string | null;
    user_agent: string | null;
    expires_at: Date;
  },
): Promise<SessionRow> => db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();

/** A live session with its user, in one query (every cookie-authenticated request runs it). */
export const findLiveSessionWithUser = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.tenant_id',
      's.csrf_token',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.is_platform_admin',
      'u.must_change_password',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();

export const touchSession = (db: Executor, id: string): Promise<unknown> =>
  db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();

export const setSessionTenant = (db: Executor, id: string, tenantId: string): Promise<unknown> =>
  db.updateTable('sessions').set({ tenant_id: tenantId }).where('id', '=', id).execute();

export const deleteSession = (db: Executor, id: string): Promise<unknown> =>
  db.deleteFrom('sessions').where('id', '=', id).execute();

/** Ends every other session of a user (after a password change or removal). */
export const deleteUserSessions = (db: Executor, userId: string, exceptId?: string): Promise<unknown> => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

export const deleteExpiredSessions = (db: Executor): Promise<unknown> =>
  db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
