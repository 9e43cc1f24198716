import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hashPassword } from '../auth/passwords.js';
import * as users from '../auth/users.repository.js';
import { TestApp, TEST_MASTER_KEY, TEST_PASSWORD } from '../test/harness.js';

const run = promisify(execFile);
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  await users.insertUser(app.deps.db, {
    email: 'root@platform.test',
    name: 'Root',
    password_hash: await hashPassword(TEST_PASSWORD),
    must_change_password: false,
    is_platform_admin: true,
  });
});
afterAll(() => app.close());

describe('platform superadmin', () => {
  it('creates a tenant with an owner who signs in with a one-time password', async () => {
    const root = await app.login('root@platform.test');
    const res = await root.post('/api/v1/platform/tenants', {
      slug: 'harbour-lofts',
      name: 'Harbour Lofts',
      country: 'NL',
      plan: 'pro',
      owner_email: 'ops@harbour.test',
      owner_name: 'Ops',
    });
    expect(res.status).toBe(201);
    expect(res.body.data.tenant).toMatchObject({ slug: 'harbour-lofts', plan: 'pro', country: 'NL' });
    const owner = await app.login('ops@harbour.test', res.body.data.one_time_password);
    expect((await owner.get('/api/v1/auth/me')).body.data).toMatchObject({
      role: 'owner',
      tenant: { slug: 'harbour-lofts' },
    });

    const duplicate = await root.post('/api/v1/platform/tenants', {
      slug: 'harbour-lofts',
      name: 'x',
      country: 'NL',
      owner_email: 'a@b.test',
      owner_name: 'a',
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors.slug).toEqual(['This slug is already taken']);

    const bad = await root.post('/api/v1/platform/tenants', {
      slug: 'No Spaces',
      name: '',
      country: 'Germany',
      owner_email: 'nope',
      owner_name: 'a',
    });
    expect(Object.keys(bad.body.errors).sort()).toEqual(['country', 'name', 'owner_email', 'slug']);

    const list = await root.get('/api/v1/platform/tenants');
    expect(list.body.data.map((t: { slug: string }) => t.slug)).toContain('harbour-lofts');
  });

  it('creates a tenant from the CLI', async () => {
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [
        '--conditions=@gatehouse/source',
        '--import',
        'tsx',
        cli,
        'tenant',
        'create',
        '--slug',
        'cli-made',
        '--name',
        'CLI Made',
        '--country',
        'AT',
        '--plan',
        'enterprise',
        '--owner-email',
        'cli@owner.test',
        '--owner-name',
        'Cli',
      ],
      { env: { ...process.env, DATABASE_URL: app.runtime.ownerUrl, MASTER_KEY: TEST_MASTER_KEY, NODE_ENV: 'test' } },
    );
    expect(stdout).toContain('Created tenant cli-made');
    const password = /one-time password \(shown once\): (\S+)/.exec(stdout)![1]!;
    const owner = await app.login('cli@owner.test', password);
    expect((await owner.get('/api/v1/auth/me')).body.data.tenant.plan).toBe('enterprise');
  });

  it('explains bad CLI input field by field', async () => {
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const failed = await run(
      process.execPath,
      ['--conditions=@gatehouse/source', '--import', 'tsx', cli, 'tenant', 'create', '--slug', 'X'],
      {
        env: { ...process.env, DATABASE_URL: app.runtime.ownerUrl, MASTER_KEY: TEST_MASTER_KEY, NODE_ENV: 'test' },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain('--slug');
  });
});
