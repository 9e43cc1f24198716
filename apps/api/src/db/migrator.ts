import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_integrations.js';
import * as m0003 from './migrations/0003_webhooks.js';
import * as m0004 from './migrations/0004_inbound.js';

/** Migrations listed explicitly so the compiled build and the test runner see the same set. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_integrations': m0002,
  '0003_webhooks': m0003,
  '0004_inbound': m0004,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
