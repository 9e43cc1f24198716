// Prints how long credential verification takes end to end against a real Gatehouse process
// (embedded PostgreSQL, pg-boss workers, loopback fake providers): from POST /integrations to
// `active`, for many tenants connecting Stripe at once, plus list latency of GET /integrations.
// Usage: pnpm build && node bench/verification.mjs [tenants] [concurrency]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AllFakes } from '@gatehouse/provider-fakes';

const root = fileURLToPath(new URL('..', import.meta.url));
const tenants = Number(process.argv[2] ?? 40);
const concurrency = Number(process.argv[3] ?? 8);
const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
const fakes = await new AllFakes().start();

const env = { ...process.env, ...fakes.env(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
Object.assign(env, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
delete env.DATABASE_URL;
const child = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
await new Promise((resolve, reject) => {
  const onData = (d) => {
    out += d.toString();
    if (/password:\s+\S+/.test(out)) resolve();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
});
const base = /ready at (\S+)/.exec(out)[1];

/** A signed-in JSON client (cookie + CSRF echo). */
async function session(email, password) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('gh_csrf='))?.slice('gh_csrf='.length);
  return async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() };
  };
}

const superadmin = await session(/email:\s+(\S+)/.exec(out)[1], /password:\s+(\S+)/.exec(out)[1]);
const owners = [];
for (let i = 0; i < tenants; i++) {
  const created = await superadmin('POST', '/api/v1/platform/tenants', {
    slug: `bench-${i}`,
    name: `Bench ${i}`,
    country: 'DE',
    plan: 'enterprise',
    owner_email: `owner@bench-${i}.test`,
    owner_name: 'Bench Owner',
  });
  const otp = created.body.data.one_time_password;
  const owner = await session(`owner@bench-${i}.test`, otp);
  await owner('POST', '/api/v1/auth/password', { current_password: otp, new_password: 'bench passphrase long enough' });
  owners.push(owner);
}

const seconds = [];
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < owners.length) {
      const owner = owners[next++];
      const t0 = performance.now();
      const created = await owner('POST', '/api/v1/integrations', {
        provider: 'stripe',
        credentials: fakes.credentials('stripe'),
      });
      const id = created.body.data.id;
      for (;;) {
        const got = await owner('GET', `/api/v1/integrations/${id}`);
        if (got.body.data.status !== 'pending_verify') break;
        await new Promise((r) => setTimeout(r, 10));
      }
      seconds.push((performance.now() - t0) / 1000);
    }
  }),
);
const wall = (performance.now() - started) / 1000;

const listMs = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  await owners[i % owners.length]('GET', '/api/v1/integrations');
  listMs.push(performance.now() - t0);
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
console.log(`POST /integrations → active, ${tenants} tenants, ${concurrency} at a time (Stripe fake, pg-boss worker):`);
console.log(
  `  p50 ${(pct(seconds, 50) * 1000).toFixed(0)} ms, p95 ${(pct(seconds, 95) * 1000).toFixed(0)} ms, max ${(Math.max(...seconds) * 1000).toFixed(0)} ms`,
);
console.log(`  ${(tenants / wall).toFixed(1)} verifications/s over ${wall.toFixed(1)} s`);
console.log(
  `GET /api/v1/integrations (session, 200 sequential): p50 ${pct(listMs, 50).toFixed(1)} ms, p95 ${pct(listMs, 95).toFixed(1)} ms`,
);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await fakes.close();
rmSync(dataDir, { recursive: true, force: true });
