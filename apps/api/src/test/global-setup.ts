import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';

import { withDatabase } from '../db/database-url.js';
import { createKysely, prepareDatabase } from '../db/connect.js';
import { startEmbeddedPostgres } from '../db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; each test file clones the template into its own database. */
    testServerUrl: string;
    templateDatabase: string;
  }
}

/** The template is named after the migrations' content, so an edited migration builds a fresh one. */
function templateName(): string {
  const dir = new URL('../db/migrations/', import.meta.url);
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(new URL(file, dir)));
  hash.update(readFileSync(new URL('../db/connect.ts', import.meta.url)));
  return `gh_tpl_${hash.digest('hex').slice(0, 16)}`;
}

/**
 * One PostgreSQL for the run: TEST_DATABASE_URL (CI: the machine's server) or an embedded one.
 * One migrated template database; test files clone it (`CREATE DATABASE … TEMPLATE`).
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-test-pg-'));
    const embedded = await startEmbeddedPostgres(dir, () => {}, true);
    serverUrl = embedded.url;
    stop = async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = templateName();
  const admin = createKysely<unknown>(serverUrl, 1);
  try {
    await sql`select pg_advisory_lock(7312)`.execute(admin);
    const exists = await sql`select 1 from pg_database where datname = ${template}`.execute(admin);
    if (exists.rows.length === 0) {
      const building = `${template}_building`;
      await sql`drop database if exists ${sql.id(building)}`.execute(admin);
      await sql`create database ${sql.id(building)}`.execute(admin);
      await prepareDatabase(withDatabase(serverUrl, building));
      await sql`alter database ${sql.id(building)} rename to ${sql.id(template)}`.execute(admin);
    }
    await sql`select pg_advisory_unlock(7312)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  project.provide('testServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  return stop;
}
