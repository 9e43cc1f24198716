import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });

export interface RunningGatehouse {
  url: string;
  demo: { email: string; password: string } | null;
  output: () => string;
  /** Seconds the process reported from start to ready. */
  readySeconds: number;
  stop(): Promise<number | null>;
  /** kill -9 of the whole process group, as a crash would. */
  kill(): Promise<void>;
}

/**
 * Starts Gatehouse as a user would, as a separate process: `command` (default `node
 * apps/api/dist/main.js`), waits for its ready line and reads the demo credentials it prints.
 */
export async function startGatehouse(
  opts: { command?: string[]; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<RunningGatehouse> {
  const port = await freePort();
  const [cmd, ...args] = opts.command ?? [process.execPath, 'apps/api/dist/main.js'];
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child: ChildProcess = spawn(cmd!, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!/ready at (\S+) in ([\d.]+)s/.test(out)) {
    if (child.exitCode !== null) throw new Error(`Gatehouse exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`Gatehouse did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = /ready at (\S+) in ([\d.]+)s/.exec(out)!;
  const email = /email:\s+(\S+)/.exec(out)?.[1];
  const password = /password:\s+(\S+)/.exec(out)?.[1];
  return {
    url: `http://127.0.0.1:${port}`,
    demo: email && password ? { email, password } : null,
    output: () => out,
    readySeconds: Number(ready[2]),
    kill: async () => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      // Wait for the whole process group (pnpm, node, the embedded PostgreSQL) to be gone.
      const deadline = Date.now() + 20_000;
      while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
      return exited;
    },
  };
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A fresh database on TEST_DATABASE_URL's server, or null to use the embedded PostgreSQL. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return null;
  const name = `gh_e2e_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`drop role if exists ${name}_app`);
      await c.end();
    },
  };
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** A minimal JSON client with a cookie jar and the CSRF echo, for driving the API over HTTP. */
export class Api {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('gh_csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const value = pair!.slice(i + 1);
      if (value) this.cookies.set(pair!.slice(0, i), value);
      else this.cookies.delete(pair!.slice(0, i));
    }
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }
}
