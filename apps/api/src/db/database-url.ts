import { createKysely } from './connect.js';
import { startEmbeddedPostgres } from './embedded.js';
import { sql } from 'kysely';

export interface OwnerDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The same server and credentials, another database. */
export const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * The owner connection: `DATABASE_URL`, or an embedded PostgreSQL under the data dir with a
 * `gatehouse` database created on first start.
 */
export async function openOwnerDatabase(
  databaseUrl: string | undefined,
  dataDir: string,
  log: (line: string) => void,
): Promise<OwnerDatabase> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(dataDir, log);
  const admin = createKysely<unknown>(server.url, 1);
  try {
    const found = await sql`select 1 from pg_database where datname = 'gatehouse'`.execute(admin);
    if (found.rows.length === 0) await sql`create database gatehouse`.execute(admin);
  } finally {
    await admin.destroy();
  }
  return { url: withDatabase(server.url, 'gatehouse'), embedded: true, stop: server.stop };
}
