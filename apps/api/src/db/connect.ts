import { randomBytes } from 'node:crypto';

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

import { migrateToLatest } from './migrator.js';
import type { DB } from './schema.js';

// Timestamps come back as Date objects (the default), bigint counts as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export function createKysely<T = DB>(url: string, max = 10): Kysely<T> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', () => {});
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}

/** The application role is per database, so several databases on one server never share a password. */
const appRoleName = (database: string): string =>
  `${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_app`.slice(0, 63);

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs migrations as the owner, then makes sure a login role without BYPASSRLS exists for the API,
 * with a password kept in an owner-only table, and grants it the data privileges it needs.
 * Returns the connection URL for that role.
 */
export async function prepareDatabase(ownerUrl: string): Promise<{ appUrl: string; migrated: string[] }> {
  const owner = createKysely<unknown>(ownerUrl, 2);
  try {
    const migrated = await migrateToLatest(owner);
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(owner);
    const role = appRoleName(rows[0]!.db);
    const password = await owner.transaction().execute(async (trx) => {
      // Serialise concurrent boots of several API processes.
      await sql`select pg_advisory_xact_lock(7311)`.execute(trx);
      await sql`create table if not exists app_role_secret (id int primary key, password text not null)`.execute(trx);
      await sql`revoke all on app_role_secret from public`.execute(trx);
      await sql`insert into app_role_secret (id, password) values (1, ${randomBytes(24).toString('base64url')})
                on conflict (id) do nothing`.execute(trx);
      const secret = await sql<{ password: string }>`select password from app_role_secret where id = 1`.execute(trx);
      const pw = secret.rows[0]!.password;
      const ident = sql.raw(quoteIdent(role));
      const exists = await sql`select 1 from pg_roles where rolname = ${role}`.execute(trx);
      // Role passwords cannot be bind parameters; the value is our own base64url, so it is safe to inline.
      const literal = sql.raw(`'${pw}'`);
      if (exists.rows.length === 0) {
        await sql`create role ${ident} login nosuperuser nobypassrls nocreatedb nocreaterole password ${literal}`.execute(
          trx,
        );
      } else {
        await sql`alter role ${ident} login nosuperuser nobypassrls password ${literal}`.execute(trx);
      }
      await sql`grant connect on database ${sql.raw(quoteIdent(rows[0]!.db))} to ${ident}`.execute(trx);
      await sql`grant usage on schema public to ${ident}`.execute(trx);
      await sql`grant select, insert, update, delete on all tables in schema public to ${ident}`.execute(trx);
      await sql`grant usage, select on all sequences in schema public to ${ident}`.execute(trx);
      await sql`revoke all on app_role_secret, platform_secrets, kysely_migration, kysely_migration_lock from ${ident}`.execute(
        trx,
      );
      await sql`grant select on plan_entitlements to ${ident}`.execute(trx);
      await sql`revoke insert, update, delete on plan_entitlements from ${ident}`.execute(trx);
      return pw;
    });
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password;
    return { appUrl: url.toString(), migrated };
  } finally {
    await owner.destroy();
  }
}

/** Refuses to run the API on a connection that would bypass row-level security. */
export async function assertRlsEnforced(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ user: string; bypass: boolean; superuser: boolean }>`
    select current_user as user, rolbypassrls as bypass, rolsuper as superuser
    from pg_roles where rolname = current_user`.execute(db);
  const me = rows[0];
  if (!me || me.bypass || me.superuser) {
    throw new Error(
      `The API database role ${me?.user ?? '?'} bypasses row-level security; use a role without BYPASSRLS.`,
    );
  }
}
