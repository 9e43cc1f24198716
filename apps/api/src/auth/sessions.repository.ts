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

export const findLiveSession = (db: Executor, tokenHash: string): Promise<SessionRow | undefined> =>
  db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();

/** Updates last-seen at most once a minute, so reads stay reads. */
export const touchSession = (db: Executor, id: string): Promise<unknown> =>
  db
    .updateTable('sessions')
    .set({ last_seen_at: new Date() })
    .where('id', '=', id)
    .where('last_seen_at', '<', new Date(Date.now() - 60_000))
    .execute();

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
