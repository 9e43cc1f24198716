import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { FakeServer, StripeFake } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_MASTER_KEY, TestApp } from '../test/harness.js';
import { eventually } from '../test/eventually.js';
import { waitForIntegration } from '../test/integrations.js';

const apiRoot = fileURLToPath(new URL('../..', import.meta.url));
const fakes = new FakeServer([new StripeFake()]);
const stripe = () => fakes.get<StripeFake>('stripe');
const SK = 'sk_test_51CrashTestSecretKey0042';
const jobEnv = { VERIFY_JOB_TIMEOUT_SECONDS: '2', VERIFY_RETRY_DELAY_SECONDS: '1', JOBS_SUPERVISE_SECONDS: '1' };
let app: TestApp;
const children: ChildProcess[] = [];

/** A separate worker process: the real `main.ts` entry point on the test database, workers on. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=@gatehouse/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: app.runtime.ownerUrl,
      MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gatehouse-worker-')),
      PORT: '0',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      OUTBOUND_TIMEOUT_MS: '120000',
      JOBS_WORKERS: 'true',
      ...jobEnv,
      ...fakes.env(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  await fakes.start();
  // This process serves the API only; verification runs in the worker processes below.
  app = await TestApp.start({ ...fakes.env(), ...jobEnv, JOBS_WORKERS: 'false' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app.close();
  await fakes.close();
});

describe('crash safety of verification', () => {
  it('finishes a verification whose worker process was killed mid-job, after a worker restarts', async () => {
    const tenant = await app.createTenant('enterprise');
    const admin = await app.login(tenant.users.admin.email);
    stripe().addKey(SK);
    stripe().mode = 'slow';
    stripe().slowMs = 120_000;

    const created = await admin.post('/api/v1/integrations', {
      provider: 'stripe',
      credentials: { publishable_key: 'pk_test_crash', secret_key: SK },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;

    const first = startWorkerProcess();
    // The worker has taken the job and is waiting on the provider: kill it there.
    await eventually(() => stripe().requests.length > 0, 'the first worker to call Stripe', 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await admin.get(`/api/v1/integrations/${id}`)).body.data.status).toBe('pending_verify');

    stripe().mode = 'normal';
    startWorkerProcess();
    const done = await waitForIntegration(admin, id, (i) => i.status !== 'pending_verify', 60_000);
    expect(done.status).toBe('active');
    expect(stripe().requests.length).toBeGreaterThanOrEqual(2);
  }, 150_000);
});
