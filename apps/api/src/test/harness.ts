import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import type { CreateTenantBody, Plan, Role } from '@gatehouse/shared';
import { sql } from 'kysely';
import { inject } from 'vitest';

import { createApp } from '../app.js';
import { startWorkers } from '../jobs/workers.js';
import { hashPassword } from '../auth/passwords.js';
import * as users from '../auth/users.repository.js';
import { bootstrap, type Runtime } from '../bootstrap.js';
import { parseEnv } from '../config/env.js';
import { withDatabase } from '../db/database-url.js';
import { createKysely } from '../db/connect.js';
import { inScope } from '../db/scope.js';
import { createLogger } from '../logger.js';
import { insertMembership } from '../tenants/tenants.repository.js';
import { createTenant } from '../tenants/tenants.service.js';
import { HttpClient } from './http-client.js';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestTenant {
  id: string;
  slug: string;
  /** One signed-in user per role, all with TEST_PASSWORD. */
  users: Record<Role, { email: string; userId: string }>;
}

/**
 * A real API on a free loopback port over its own database cloned from the migrated template.
 * Captures every log line and every response body, so tests can look for leaked secrets.
 */
export class TestApp {
  readonly responses: string[] = [];
  /**
   * Secrets this run has seen revealed (API key secrets, one-time passwords) plus the test
   * password. Every test file checks at close that none appears in a log line or in any other
   * response body, so the whole suite doubles as a leak canary.
   */
  readonly secrets = new Set<string>([TEST_PASSWORD]);
  private readonly reveals = new Set<string>();
  private constructor(
    readonly url: string,
    readonly runtime: Runtime,
    private readonly server: Server,
    private readonly database: string,
    /** Every log line the app wrote, as JSON text. */
    readonly logs: string[],
    private readonly workers: { stop(): Promise<void> },
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<TestApp> {
    const serverUrl = inject('testServerUrl');
    const database = `gh_t_${randomBytes(6).toString('hex')}`;
    const admin = createKysely<unknown>(serverUrl, 1);
    await sql`create database ${sql.id(database)} template ${sql.id(inject('templateDatabase'))}`.execute(admin);
    await admin.destroy();
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const env = parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: withDatabase(serverUrl, database),
      MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-test-data-')),
      LOG_LEVEL: 'info',
      // Fake providers listen on loopback, which the SSRF guard blocks unless allow-listed.
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      OUTBOUND_TIMEOUT_MS: '2000',
      VERIFY_RETRY_DELAY_SECONDS: '1',
      ...overrides,
    });
    const runtime = await bootstrap(env, createLogger(env.LOG_LEVEL, sink));
    const workers = await startWorkers(runtime.deps);
    const server: Server = await new Promise((ok) => {
      const s = createApp(runtime.deps).listen(0, '127.0.0.1', () => ok(s));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestApp(`http://127.0.0.1:${port}`, runtime, server, database, logs, workers);
  }

  get deps() {
    return this.runtime.deps;
  }

  /** An anonymous client; `login` turns it into a signed-in one. */
  client(): HttpClient {
    return new HttpClient(this.url, (body) => this.record(body));
  }

  async login(email: string, password = TEST_PASSWORD): Promise<HttpClient> {
    const client = this.client();
    const res = await client.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  /** A tenant with one member per role, created through the same service the platform API uses. */
  async createTenant(plan: Plan = 'enterprise', slug = `t-${randomBytes(4).toString('hex')}`): Promise<TestTenant> {
    const who = { principal: null, ip: null, requestId: null };
    const ownerEmail = `owner@${slug}.test`;
    const body: CreateTenantBody = {
      slug,
      name: `Tenant ${slug}`,
      country: 'DE',
      plan,
      owner_email: ownerEmail,
      owner_name: 'Owner',
    };
    const created = await createTenant(this.deps, body, who);
    const tenantId = created.tenant.id;
    const hash = await hashPassword(TEST_PASSWORD);
    const out = {} as TestTenant['users'];
    for (const role of ['owner', 'admin', 'manager', 'staff'] as const) {
      const email = `${role}@${slug}.test`;
      let user = await users.findUserByEmail(this.deps.db, email);
      if (role === 'owner') {
        await users.setPassword(this.deps.db, user!.id, hash);
      } else {
        user = await users.insertUser(this.deps.db, {
          email,
          name: `${role} of ${slug}`,
          password_hash: hash,
          must_change_password: false,
        });
        await inScope(this.deps.db, { tenantId }, (trx) =>
          insertMembership(trx, { tenant_id: tenantId, user_id: user!.id, role }),
        );
      }
      out[role] = { email, userId: user!.id };
    }
    return { id: tenantId, slug, users: out };
  }

  private record(body: string): void {
    const revealed = [...body.matchAll(/"(?:secret|one_time_password)":"([^"]+)"/g)].map((m) => m[1]!);
    for (const secret of revealed) this.secrets.add(secret);
    if (revealed.length > 0) this.reveals.add(body);
    this.responses.push(body);
  }

  /** Throws when a known secret shows up where it must not: a log line or a non-reveal response. */
  assertNoLeaks(): void {
    for (const secret of this.secrets) {
      const inLog = this.logs.find((line) => line.includes(secret));
      if (inLog) throw new Error(`A secret leaked into a log line: ${inLog.slice(0, 200)}`);
      const inBody = this.responses.find((body) => !this.reveals.has(body) && body.includes(secret));
      if (inBody) throw new Error(`A secret leaked into a response body: ${inBody.slice(0, 200)}`);
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((ok) => this.server.close(ok));
    await this.workers.stop();
    await this.runtime.close();
    const admin = createKysely<unknown>(inject('testServerUrl'), 1);
    try {
      await sql`drop database if exists ${sql.id(this.database)} with (force)`.execute(admin);
      await sql`drop role if exists ${sql.id(`${this.database}_app`)}`.execute(admin);
    } finally {
      await admin.destroy();
    }
    this.assertNoLeaks();
  }
}
