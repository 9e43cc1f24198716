import { type Kysely, sql } from 'kysely';

import type { DB } from '../db/schema.js';

/**
 * Counts one hit in a fixed window shared by every API process (the counter lives in PostgreSQL).
 * Returns the count in the current window and when the window ends.
 */
export async function hitRateLimit(
  db: Kysely<DB>,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; resetAt: Date }> {
  const { rows } = await sql<{ count: number; window_start: Date }>`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
    returning count, window_start`.execute(db);
  const row = rows[0]!;
  return { count: row.count, resetAt: new Date(row.window_start.getTime() + windowSeconds * 1000) };
}

export const peekRateLimit = async (db: Kysely<DB>, key: string, windowSeconds: number): Promise<number> => {
  const row = await db
    .selectFrom('rate_limits')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '>=', new Date(Date.now() - windowSeconds * 1000))
    .executeTakeFirst();
  return row?.count ?? 0;
};

export const clearRateLimit = (db: Kysely<DB>, key: string): Promise<unknown> =>
  db.deleteFrom('rate_limits').where('key', '=', key).execute();

/** Windows older than a day can no longer limit anything. */
export const deleteStaleRateLimits = (db: Kysely<DB>): Promise<unknown> =>
  db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(Date.now() - 86_400_000))
    .execute();
