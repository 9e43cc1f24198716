// Prints request latency and throughput of authenticated reads against a real Gatehouse process
// (embedded PostgreSQL, loopback only): session cookie vs API key, bounded request count.
// Usage: pnpm build && node bench/api-latency.mjs [requests] [concurrency]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 16);
const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));

const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
const child = spawn(process.execPath, [...nodeArgs, 'apps/api/dist/main.js'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
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
const email = /email:\s+(\S+)/.exec(out)[1];
const password = /password:\s+(\S+)/.exec(out)[1];

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password }),
});
const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
const cookie = cookies.join('; ');
const csrf = cookies.find((c) => c.startsWith('gh_csrf='))?.slice('gh_csrf='.length);
const created = await fetch(`${base}/api/v1/api-keys`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
  body: JSON.stringify({ name: 'bench', environment: 'production', scopes: ['api'] }),
}).then((r) => r.json());
const apiKey = created.data.secret;

async function measure(label, headers, path = '/api/v1/tenant') {
  const latencies = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t = performance.now();
        const res = await fetch(`${base}${path}`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(
    `${label}: ${total} requests, concurrency ${concurrency}: ${(total / seconds).toFixed(0)} req/s, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, non-200: ${errors}`,
  );
}

try {
  // The floor: the same client and server stack with no authentication and no database.
  await measure('GET /healthz (no auth, no database)', {}, '/healthz');
  await measure('GET /api/v1/tenant with session cookie', { cookie });
  await measure('GET /api/v1/tenant with API key', { 'x-api-key': apiKey });
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
