// Prints webhook throughput and latency figures for the built API (apps/api/dist) against loopback
// receivers, each beside a baseline measured in the same run (not a pass/fail test):
//   a1 outbound: deliveries/s for 20 000 deliveries (1 000 `payment.succeeded` events x 20 endpoints)
//   a2 outbound: event accepted -> delivered latency, p50/p99, at a steady 200 events/s
//   a3 baseline: a raw undici POST loop to the same receiver, same concurrency and body size
//   b  inbound:  verified-and-logged Stripe-signed requests/s vs a bare Koa endpoint
// The API (database pool, workers, Koa) runs on the main thread; the receiver and the inbound load
// generator run on a worker thread, so neither side's event loop is shared with the other.
// Database: BENCH_DATABASE_URL (a fresh database is created there and dropped) or, by default, an
// embedded PostgreSQL under a temporary DATA_DIR.
// Usage: pnpm build && node bench/webhooks.mjs
// Knobs (env): WEBHOOK_CONCURRENCY (default 128), BENCH_DATABASE_URL, BENCH_INBOUND_REQUESTS (5000),
// BENCH_INBOUND_CONCURRENCY (32), BENCH_LATENCY_SECONDS (10), BENCH_LATENCY_RATE (200); for digging:
// BENCH_APP_POOL_MAX (what-if: replaces the app pool's max of 10), BENCH_DEBUG_SQL=1 (top statements).
// Progress goes to stderr, the table and per-phase observations (round trips, pool waits, CPU of
// this process / its postgres backends / the machine, lock waits) to stdout.
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => import(pathToFileURL(join(root, 'apps/api/dist', path)).href);
// The API's own dependencies (undici, koa, raw-body, pg), exactly the versions it runs with.
const apiRequire = createRequire(join(root, 'apps/api/package.json'));

const ENDPOINTS = 20;
const FANOUT_EVENTS = 1_000; // x ENDPOINTS = 20 000 deliveries
const DELIVERIES = ENDPOINTS * FANOUT_EVENTS;
const EMIT_BATCH = 200; // emitEvent calls per transaction while enqueueing
const CONCURRENCY = Number(process.env.WEBHOOK_CONCURRENCY ?? 128);
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 200);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const INBOUND_REQUESTS = Number(process.env.BENCH_INBOUND_REQUESTS ?? 5_000);
const INBOUND_CONCURRENCY = Number(process.env.BENCH_INBOUND_CONCURRENCY ?? 32);
const INBOUND_WARMUP = 300;
const PHASE_TIMEOUT_MS = 120_000;

// Shared counters between the main thread and the helper thread.
const C = { fanoutDistinct: 0, fanoutTotal: 1, latencyCount: 2, baseline: 3, other: 4 };

const t0 = performance.now();
const progress = (line) =>
  process.stderr.write(`[webhooks bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (isMainThread) await main();
else await helper();

// ---------------------------------------------------------------------------------------------
// Helper thread: the outside world (webhook receiver, inbound load generator).
// ---------------------------------------------------------------------------------------------

async function helper() {
  const { request, Pool } = apiRequire('undici');
  let counters = null;
  let seen = new Set();
  let latencies = [];

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.startsWith('/fanout/')) {
        Atomics.add(counters, C.fanoutTotal, 1);
        const key = `${path}|${req.headers['webhook-id']}`;
        if (!seen.has(key)) {
          seen.add(key);
          Atomics.add(counters, C.fanoutDistinct, 1);
        }
      } else if (path.startsWith('/latency')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        latencies.push(Date.now() - Date.parse(body.timestamp));
        Atomics.add(counters, C.latencyCount, 1);
      } else if (path.startsWith('/baseline')) {
        Atomics.add(counters, C.baseline, 1);
      } else {
        Atomics.add(counters, C.other, 1);
      }
      res.statusCode = 204;
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  parentPort.on('message', async (msg) => {
    try {
      if (msg.cmd === 'init') {
        counters = new Int32Array(msg.shared);
        parentPort.postMessage({ id: msg.id, port: server.address().port });
      } else if (msg.cmd === 'latencies') {
        parentPort.postMessage({ id: msg.id, latencies });
        latencies = [];
        seen = new Set();
      } else if (msg.cmd === 'inbound') {
        parentPort.postMessage({ id: msg.id, ...(await inboundLoad(msg)) });
      } else if (msg.cmd === 'close') {
        server.closeAllConnections();
        server.close();
        parentPort.postMessage({ id: msg.id });
        parentPort.close();
      }
    } catch (error) {
      parentPort.postMessage({ id: msg.id, error: error.stack ?? String(error) });
    }
  });

  /** POSTs `n` Stripe-signed events (ids from `first`) with `concurrency` in flight; counts 200s. */
  async function inboundLoad({ url, n, first, concurrency, secret, prefix }) {
    const target = new URL(url);
    const pool = new Pool(target.origin, { connections: concurrency, keepAliveTimeout: 60_000 });
    const statuses = {};
    let ok = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = first + next++;
          const body = JSON.stringify(stripeEvent(`${prefix}${i}`, i));
          const t = Math.floor(Date.now() / 1000);
          const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
          const res = await request(target, {
            method: 'POST',
            dispatcher: pool,
            headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` },
            body,
          });
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode === 200) ok++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.close();
    return { ok, seconds, statuses };
  }
}

function stripeEvent(id, i) {
  const created = Math.floor(Date.now() / 1000);
  return {
    id: `evt_${id}`,
    object: 'event',
    api_version: '2024-06-20',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
    data: {
      object: {
        id: `pi_${id}`,
        object: 'payment_intent',
        amount: 1000 + (i % 9000),
        amount_received: 1000 + (i % 9000),
        currency: 'eur',
        status: 'succeeded',
        created,
        livemode: false,
        metadata: { booking: `bk_${i}` },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Main thread: Gatehouse itself, the baselines' servers, the measurements and the table.
// ---------------------------------------------------------------------------------------------

async function main() {
  const { AllFakes, VALID_CREDENTIALS } = await import('@gatehouse/provider-fakes');
  const { request, Agent } = apiRequire('undici');
  const { parseEnv } = await dist('config/env.js');
  const { createLogger } = await dist('logger.js');
  const { bootstrap } = await dist('bootstrap.js');
  const { createApp } = await dist('app.js');
  const { startWorkers } = await dist('jobs/workers.js');
  const { inScope } = await dist('db/scope.js');
  const { createTenant } = await dist('tenants/tenants.service.js');
  const { createEndpoint } = await dist('webhooks/outbound/endpoints.service.js');
  const { emitEvent } = await dist('webhooks/outbound/emit.js');
  const { createIntegration, getIntegration } = await dist('integrations/integrations.service.js');

  const cleanups = []; // run in reverse order, each once, whatever failed
  const cleanup = async () => {
    while (cleanups.length > 0) {
      const [label, fn] = cleanups.pop();
      await fn().catch((error) => progress(`cleanup ${label} failed: ${error.message}`));
    }
  };
  const stopOnSignal = () => {
    progress('interrupted; cleaning up');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const rows = [];
  const settings = [];
  const observations = [];
  const diag = installDiagnostics();
  const started = performance.now();
  try {
    // -- The outside world: receiver + inbound load generator on a worker thread.
    const shared = new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT);
    const counters = new Int32Array(shared);
    const thread = new Worker(fileURLToPath(import.meta.url));
    thread.on('error', (error) => progress(`helper thread error: ${error.stack ?? error}`));
    let nextId = 0;
    const ask = (msg, transfer) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        const onMessage = (m) => {
          if (m.id !== id) return;
          thread.off('message', onMessage);
          if (m.error) reject(new Error(`helper: ${m.error}`));
          else resolve(m);
        };
        thread.on('message', onMessage);
        thread.postMessage({ ...msg, id }, transfer);
      });
    cleanups.push(['helper thread', () => ask({ cmd: 'close' }).then(() => thread.terminate())]);
    const { port: receiverPort } = await ask({ cmd: 'init', shared });
    const receiver = `http://127.0.0.1:${receiverPort}`;

    // -- Gatehouse: database, runtime, workers, HTTP app.
    const fakes = await new AllFakes().start();
    cleanups.push(['provider fakes', () => fakes.close()]);
    const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-webhooks-'));
    cleanups.push(['temp dir', async () => rmSync(dataDir, { recursive: true, force: true })]);
    let databaseUrl;
    if (process.env.BENCH_DATABASE_URL) {
      databaseUrl = await freshDatabase(process.env.BENCH_DATABASE_URL, cleanups);
      settings.push(`database: ${redact(databaseUrl)} (created for this run, dropped after)`);
    } else {
      settings.push(`database: embedded PostgreSQL under ${dataDir}`);
    }
    const source = {
      ...fakes.env(),
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      MASTER_KEY: randomBytes(32).toString('base64'),
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const env = parseEnv(source);
    const log = createLogger('warn', process.stderr);
    progress(databaseUrl ? 'migrating the bench database' : 'starting embedded PostgreSQL (initdb in a temp dir)');
    const runtime = await bootstrap(env, log);
    cleanups.push(['runtime', () => runtime.close()]);
    await diag.attach(runtime.ownerUrl);
    cleanups.push(['sampler', () => diag.detach()]);
    const { deps } = runtime;
    const workers = await startWorkers(deps);
    cleanups.push(['workers', () => workers.stop()]);
    const app = createApp(deps);
    const api = app.listen(0, '127.0.0.1');
    await once(api, 'listening');
    cleanups.push(['api server', () => closeServer(api)]);
    const apiBase = `http://127.0.0.1:${api.address().port}`;
    settings.push(
      `WEBHOOK_CONCURRENCY=${CONCURRENCY}, JOBS_CONCURRENCY=${env.JOBS_CONCURRENCY}` +
        (process.env.BENCH_APP_POOL_MAX
          ? `, BENCH_APP_POOL_MAX=${process.env.BENCH_APP_POOL_MAX} (what-if override)`
          : ''),
    );
    const who = { principal: null, ip: null, requestId: null };

    // -- Setup: one tenant with 20 fan-out endpoints + 1 latency endpoint; another for inbound.
    const out = await createTenant(
      deps,
      {
        slug: 'bench-out',
        name: 'Bench outbound',
        country: 'DE',
        plan: 'enterprise',
        owner_email: 'owner@bench-out.test',
        owner_name: 'Bench',
      },
      who,
    );
    const outId = out.tenant.id;
    for (let i = 0; i < ENDPOINTS; i++) {
      await createEndpoint(
        deps,
        outId,
        {
          name: `Fan-out ${i}`,
          url: `${receiver}/fanout/${i}`,
          event_types: ['payment.succeeded'],
          headers: {},
          status: 'enabled',
        },
        who,
      );
    }
    await createEndpoint(
      deps,
      outId,
      {
        name: 'Latency',
        url: `${receiver}/latency`,
        event_types: ['payment.failed'],
        headers: {},
        status: 'enabled',
      },
      who,
    );

    const payment = (i, failed) => ({
      payment_id: `pi_bench_${i}`,
      provider: 'stripe',
      amount: 1000 + (i % 9000),
      currency: 'eur',
      failure_reason: failed ? 'card_declined' : null,
    });

    // -- a1: 1 000 events x 20 endpoints = 20 000 deliveries, enqueued in transactions of 200 emits.
    progress(`a1: enqueueing ${FANOUT_EVENTS} events x ${ENDPOINTS} endpoints, WEBHOOK_CONCURRENCY=${CONCURRENCY}`);
    const a1End = diag.begin();
    const a1Start = performance.now();
    for (let b = 0; b < FANOUT_EVENTS; b += EMIT_BATCH) {
      await inScope(deps.db, { tenantId: outId }, async (trx) => {
        for (let i = b; i < Math.min(FANOUT_EVENTS, b + EMIT_BATCH); i++)
          await emitEvent(trx, outId, 'payment.succeeded', payment(i, false));
      });
    }
    const enqueueSeconds = (performance.now() - a1Start) / 1000;
    progress(
      `a1: enqueued in ${enqueueSeconds.toFixed(2)} s; ${Atomics.load(counters, C.fanoutDistinct)} delivered so far`,
    );
    let lastReport = performance.now();
    while (Atomics.load(counters, C.fanoutDistinct) < DELIVERIES) {
      if (performance.now() - a1Start > PHASE_TIMEOUT_MS) {
        throw new Error(`a1: only ${Atomics.load(counters, C.fanoutDistinct)} of ${DELIVERIES} delivered in time`);
      }
      if (performance.now() - lastReport > 5_000) {
        lastReport = performance.now();
        progress(`a1: ${Atomics.load(counters, C.fanoutDistinct)} / ${DELIVERIES} delivered`);
      }
      await sleep(5);
    }
    const a1Seconds = (performance.now() - a1Start) / 1000;
    const a1Diag = await a1End();
    const a1Rate = DELIVERIES / a1Seconds;
    const duplicates = Atomics.load(counters, C.fanoutTotal) - Atomics.load(counters, C.fanoutDistinct);
    progress(`a1: ${DELIVERIES} delivered in ${a1Seconds.toFixed(2)} s (${duplicates} duplicate requests)`);
    // Let the last deliveries' bookkeeping commit before the next phase.
    await waitForIdle(deps, inScope);

    // -- a3: raw undici POST loop, same receiver, same concurrency, same body size and header set.
    const sampleBody = JSON.stringify({
      type: 'payment.succeeded',
      timestamp: new Date().toISOString(),
      data: payment(123, false),
    });
    progress(`a3: raw undici baseline, ${DELIVERIES} POSTs, concurrency ${CONCURRENCY}, body ${sampleBody.length} B`);
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    let sent = 0;
    const a3End = diag.begin();
    const a3Start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < DELIVERIES) {
          const i = sent++;
          const res = await request(`${receiver}/baseline/${i % ENDPOINTS}`, {
            method: 'POST',
            dispatcher: agent,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Gatehouse-Webhooks/1.0',
              'webhook-id': `msg_${String(i).padStart(24, '0')}`,
              'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
              'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
            },
            body: sampleBody,
          });
          await res.body.text();
        }
      }),
    );
    const a3Seconds = (performance.now() - a3Start) / 1000;
    const a3Diag = await a3End();
    const a3Rate = DELIVERIES / a3Seconds;
    await agent.close();
    progress(`a3: ${a3Rate.toFixed(0)} req/s (${Atomics.load(counters, C.baseline)} received)`);

    // -- a2: 200 events/s for 10 s, one event per transaction, each to the one latency endpoint.
    const latencyEvents = LATENCY_RATE * LATENCY_SECONDS;
    progress(`a2: ${latencyEvents} events at ${LATENCY_RATE}/s, one per transaction`);
    const emits = [];
    const emitErrors = [];
    const a2End = diag.begin();
    const a2Start = performance.now();
    for (let i = 0; i < latencyEvents; i++) {
      const due = a2Start + (i * 1000) / LATENCY_RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      emits.push(
        inScope(deps.db, { tenantId: outId }, (trx) =>
          emitEvent(trx, outId, 'payment.failed', payment(100_000 + i, true)),
        ).catch((error) => emitErrors.push(error)),
      );
    }
    const offeredRate = latencyEvents / ((performance.now() - a2Start) / 1000);
    await Promise.all(emits);
    if (emitErrors.length > 0) throw emitErrors[0];
    const a2Deadline = performance.now() + 30_000;
    while (Atomics.load(counters, C.latencyCount) < latencyEvents && performance.now() < a2Deadline) await sleep(10);
    const a2Diag = await a2End();
    const { latencies } = await ask({ cmd: 'latencies' });
    if (latencies.length < latencyEvents) progress(`a2: only ${latencies.length} of ${latencyEvents} arrived`);
    latencies.sort((a, b) => a - b);
    const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    const a2 = { p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) };
    progress(`a2: p50 ${a2.p50} ms, p99 ${a2.p99} ms, max ${a2.max} ms (offered ${offeredRate.toFixed(0)} events/s)`);
    await waitForIdle(deps, inScope);

    // -- b: inbound Stripe webhooks, verified and logged, vs a bare Koa endpoint.
    const inbound = await createTenant(
      deps,
      {
        slug: 'bench-in',
        name: 'Bench inbound',
        country: 'DE',
        plan: 'enterprise',
        owner_email: 'owner@bench-in.test',
        owner_name: 'Bench',
      },
      who,
    );
    const inId = inbound.tenant.id;
    const integration = await createIntegration(
      deps,
      inId,
      { provider: 'stripe', credentials: fakes.credentials('stripe') },
      who,
    );
    progress('b: waiting for the Stripe integration to verify');
    const verifyDeadline = performance.now() + 30_000;
    for (;;) {
      const { status } = await getIntegration(deps, inId, integration.id);
      if (status === 'active') break;
      if (performance.now() > verifyDeadline) throw new Error(`b: Stripe integration stuck in ${status}`);
      await sleep(100);
    }

    const Koa = apiRequire('koa');
    const rawBody = apiRequire('raw-body');
    const getRawBody = rawBody.getRawBody ?? rawBody.default ?? rawBody;
    const bare = new Koa();
    bare.silent = true;
    bare.use(async (ctx) => {
      await getRawBody(ctx.req, { limit: env.BODY_LIMIT_BYTES });
      ctx.status = 200;
      ctx.body = { received: true };
    });
    const bareServer = bare.listen(0, '127.0.0.1');
    await once(bareServer, 'listening');
    cleanups.push(['bare koa', () => closeServer(bareServer)]);
    const bareUrl = `http://127.0.0.1:${bareServer.address().port}/api/webhooks/stripe/t/bench-in`;
    const inboundUrl = `${apiBase}/api/webhooks/stripe/t/bench-in`;
    const secret = VALID_CREDENTIALS.stripe.webhook_secret;
    const load = (url, n, first, prefix) =>
      ask({ cmd: 'inbound', url, n, first, concurrency: INBOUND_CONCURRENCY, secret, prefix });

    progress(`b: warm-up (${INBOUND_WARMUP} requests each)`);
    await load(inboundUrl, INBOUND_WARMUP, 0, 'warm_');
    await load(bareUrl, INBOUND_WARMUP, 0, 'warm_');
    await waitForInboundProcessed(deps, inScope, inId, INBOUND_WARMUP);

    // The baseline first: afterwards the pg-boss workers are still working off Gatehouse's backlog.
    progress(`b: bare Koa, ${INBOUND_REQUESTS} requests, concurrency ${INBOUND_CONCURRENCY}`);
    const koaEnd = diag.begin();
    const koa = await load(bareUrl, INBOUND_REQUESTS, 0, 'bare_');
    const koaDiag = await koaEnd();
    const koaRate = koa.ok / koa.seconds;
    progress(`b: bare Koa ${koaRate.toFixed(0)} req/s`);

    progress(`b: Gatehouse, ${INBOUND_REQUESTS} Stripe-signed requests, concurrency ${INBOUND_CONCURRENCY}`);
    const ghEnd = diag.begin();
    const gh = await load(inboundUrl, INBOUND_REQUESTS, 0, 'bench_');
    const ghDiag = await ghEnd();
    const ghRate = gh.ok / gh.seconds;
    progress(`b: Gatehouse ${ghRate.toFixed(0)} verified req/s; statuses ${JSON.stringify(gh.statuses)}`);
    const logged = await countInbound(deps, inScope, inId);
    const loggedVerified = (logged.verified ?? 0) - INBOUND_WARMUP;
    const processedDuring = (await countProcessed(deps, inScope, inId)) - INBOUND_WARMUP;
    progress(`b: ${loggedVerified} verified rows logged, ${processedDuring} already processed by the pg-boss workers`);
    if (loggedVerified !== gh.ok) progress(`warning: ${gh.ok} answered 200 but ${loggedVerified} verified rows logged`);

    // -- The table.
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    rows.push(
      [
        'a1 outbound throughput',
        `${fmt(a1Rate)} deliveries/s`,
        '>= 1,000/s',
        `${fmt(a3Rate)} req/s (raw undici)`,
        a1Rate >= 1000 ? 'met' : 'MISSED',
      ],
      [
        '   (enqueue only)',
        `${fmt(DELIVERIES / enqueueSeconds)} deliveries/s`,
        '-',
        `${enqueueSeconds.toFixed(2)} s`,
        '',
      ],
      ['a2 outbound latency p50', `${a2.p50} ms`, '-', '-', ''],
      ['a2 outbound latency p99', `${a2.p99} ms`, '<= 250 ms', `max ${a2.max} ms`, a2.p99 <= 250 ? 'met' : 'MISSED'],
      [
        'b  inbound verified+logged',
        `${fmt(ghRate)} req/s`,
        '>= 2,000/s',
        `${fmt(koaRate)} req/s (bare Koa)`,
        ghRate >= 2000 ? 'met' : 'MISSED',
      ],
      [
        'b  inbound / bare Koa',
        `${(ghRate / koaRate).toFixed(2)} x`,
        '>= 0.40 x',
        '-',
        ghRate / koaRate >= 0.4 ? 'met' : 'MISSED',
      ],
    );
    settings.push(
      `a1: ${FANOUT_EVENTS} payment.succeeded events x ${ENDPOINTS} endpoints = ${DELIVERIES} deliveries, ` +
        `${EMIT_BATCH} emitEvent calls per transaction; timed from the first insert to the ${DELIVERIES}th distinct ` +
        `(endpoint, webhook-id) received; ${duplicates} duplicate requests`,
      `a2: ${latencyEvents} payment.failed events at ${LATENCY_RATE}/s (offered ${offeredRate.toFixed(0)}/s), one per ` +
        `transaction, one endpoint; latency = receive time - message created_at (body timestamp); ${latencies.length} received`,
      `a3: ${DELIVERIES} undici request() POSTs, concurrency ${CONCURRENCY}, ${sampleBody.length} B body, same receiver`,
      `b: ${INBOUND_REQUESTS} Stripe-signed payment_intent.succeeded POSTs (after ${INBOUND_WARMUP} warm-up), ` +
        `concurrency ${INBOUND_CONCURRENCY}; Gatehouse statuses ${JSON.stringify(gh.statuses)}, bare Koa statuses ` +
        `${JSON.stringify(koa.statuses)}; bare Koa measured first; pg-boss inbound workers running alongside ` +
        `(the inbound tenant has no endpoints): ${processedDuring} of ${gh.ok} processed by the end of the run`,
      `load generators and receiver on a worker thread; Gatehouse on the main thread; ${availableCores()} cores; ` +
        `load average at the end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} (other work on this machine skews figures)`,
    );
    settings.push(`pools used (max from their own options): ${diag.poolNames()}`);
    observations.push(
      `a1: ${a1Diag.describe('delivery', DELIVERIES)}`,
      `a2: ${a2Diag.describe('event', latencyEvents)}`,
      `a3: CPU (100% = one core): this node process ${a3Diag.cpuPercent.toFixed(0)}%, whole machine ${a3Diag.machine}`,
      `b Gatehouse: ${ghDiag.describe('request', INBOUND_REQUESTS)}`,
      `b bare Koa: CPU (100% = one core): this node process ${koaDiag.cpuPercent.toFixed(0)}%, whole machine ${koaDiag.machine}`,
    );
  } finally {
    if (process.env.BENCH_DEBUG_SQL) for (const [text, n] of diag.topQueries()) progress(`sql ${n}: ${text}`);
    progress('cleaning up');
    await cleanup();
  }

  printTable(rows, settings, observations, (performance.now() - started) / 1000);
}

function printTable(rows, settings, observations, seconds) {
  const header = ['figure', 'measured', 'goal', 'baseline / note', 'result'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const out = [
    '',
    'Webhook throughput and latency (pnpm bench:webhooks)',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    '',
    'Settings:',
    ...settings.map((s) => `  - ${s}`),
    `  - total run time ${seconds.toFixed(1)} s`,
    '',
    'Observations (per phase):',
    ...observations.map((s) => `  - ${s}`),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

function availableCores() {
  return availableParallelism();
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function closeServer(server) {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Creates an empty database on BENCH_DATABASE_URL's server; drops it (and its app role) at the end. */
async function freshDatabase(adminUrl, cleanups) {
  const pg = apiRequire('pg');
  const name = `gatehouse_bench_${randomBytes(4).toString('hex')}`;
  const run = async (statement) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  cleanups.push([
    `database ${name}`,
    async () => {
      await run(`drop database if exists ${name} with (force)`);
      await run(`drop role if exists ${name}_app`);
    },
  ]);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Waits until no delivery is pending or leased (the previous phase's bookkeeping has committed). */
async function waitForIdle(deps, inScope) {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const row = await inScope(deps.db, { platform: true }, (trx) =>
      trx
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst(),
    );
    if (Number(row?.n ?? 0) === 0) return;
    await sleep(50);
  }
  progress('warning: deliveries still pending after 30 s');
}

async function countInbound(deps, inScope, tenantId) {
  const rows = await inScope(deps.db, { tenantId }, (trx) =>
    trx
      .selectFrom('inbound_events')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('status')
      .execute(),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function countProcessed(deps, inScope, tenantId) {
  const row = await inScope(deps.db, { tenantId }, (trx) =>
    trx
      .selectFrom('inbound_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('processed_at', 'is not', null)
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

/** Waits until the pg-boss workers have processed `n` verified inbound rows, so phases do not overlap. */
async function waitForInboundProcessed(deps, inScope, tenantId, n) {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if ((await countProcessed(deps, inScope, tenantId)) >= n) return;
    await sleep(100);
  }
  progress(`warning: inbound processing did not catch up with ${n} rows in 60 s`);
}

/**
 * Per-phase evidence for where time goes, gathered without touching production code: round trips
 * and connection checkouts on the pg pools (by counting on pg's prototypes, shared with the API),
 * how long checkouts waited for a free connection, this process's CPU, and sampled pg_stat_activity
 * (backends running, waiting on a lock, or idle in a transaction while Node works).
 */
function installDiagnostics() {
  const pg = apiRequire('pg');
  const pools = new Map(); // 'app pool (max 10)' -> { checkouts, waitMs, maxWaitMs }
  /** Which pool this is, from what it connects as: the RLS app role, pg-boss, or another owner pool. */
  const kindOf = (options) => {
    if (options?.application_name === 'gatehouse-jobs') return 'pg-boss';
    try {
      if (new URL(options?.connectionString ?? '').username.endsWith('_app')) return 'app';
    } catch {
      // no URL: not one of ours
    }
    return 'owner';
  };
  let queries = 0;
  const query = pg.Client.prototype.query;
  const texts = new Map();
  pg.Client.prototype.query = function (...args) {
    if (!this.benchIgnore) queries++;
    if (process.env.BENCH_DEBUG_SQL && !this.benchIgnore) {
      const a = args[0];
      const text = (typeof a === 'string' ? a : (a?.text ?? a?.constructor?.name ?? '?'))
        .replace(/\s+/g, ' ')
        .slice(0, 60);
      texts.set(text, (texts.get(text) ?? 0) + 1);
    }
    return query.apply(this, args);
  };
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function (cb) {
    const started = performance.now();
    const key = `${kindOf(this.options)} pool (max ${this.options.max ?? 10})`;
    const note = () => {
      const p = pools.get(key) ?? { checkouts: 0, waitMs: 0, maxWaitMs: 0 };
      const waited = performance.now() - started;
      p.checkouts++;
      p.waitMs += waited;
      p.maxWaitMs = Math.max(p.maxWaitMs, waited);
      pools.set(key, p);
    };
    if (typeof cb === 'function') {
      return connect.call(this, (err, client, release) => {
        if (!err) note();
        cb(err, client, release);
      });
    }
    return connect.call(this).then((client) => {
      note();
      return client;
    });
  };

  // What-if knob (bench only, production code untouched): the app pool is `createKysely(url)`'s
  // default max of 10; BENCH_APP_POOL_MAX replaces that one value to test the pool-size hypothesis.
  const override = Number(process.env.BENCH_APP_POOL_MAX ?? 0);
  if (override > 0) {
    const Original = pg.Pool;
    pg.Pool = class extends Original {
      constructor(options) {
        super(kindOf(options) === 'app' ? { ...options, max: override } : options);
      }
    };
  }

  let sampler = null;
  /** utime+stime (clock ticks) of every backend on this database, by pid, read from /proc. */
  const backendTicks = async () => {
    const ticks = new Map();
    if (!sampler) return ticks;
    try {
      const { rows } = await sampler.query(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      for (const { pid } of rows) {
        const t = procTicks(`/proc/${pid}/stat`);
        if (t !== null) ticks.set(pid, t);
      }
    } catch {
      // not on this machine's /proc (remote server): reported as '?'
    }
    return ticks;
  };
  const backendCpuPercent = (before, after, wallMs) => {
    if (after.size === 0) return '?';
    let ticks = 0;
    // A backend first seen at the end was opened during the phase: all of its time counts.
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return `${(((ticks * 10) / wallMs) * 100).toFixed(0)}%`;
  };
  return {
    /** Opens the pg_stat_activity sampler on the owner connection (not counted). */
    async attach(ownerUrl) {
      const client = new pg.Client({ connectionString: ownerUrl });
      client.benchIgnore = true;
      client.on('error', () => {});
      await client.connect();
      sampler = client;
    },
    topQueries(n = 25) {
      return [...texts].sort((a, b) => b[1] - a[1]).slice(0, n);
    },
    /** Every pool seen so far, e.g. 'app pool (max 10), pg-boss pool (max 10)'. */
    poolNames() {
      return [...pools.keys()].sort().join(', ');
    },
    async detach() {
      await sampler?.end().catch(() => {});
      sampler = null;
    },
    /** Starts a phase; `end()` returns its figures. */
    begin() {
      const q0 = queries;
      const p0 = new Map([...pools].map(([k, v]) => [k, { ...v }]));
      const cpu0 = process.cpuUsage();
      const m0 = machineTicks();
      let b0 = new Map();
      const ready = backendTicks().then((t) => (b0 = t));
      const wall0 = performance.now();
      const act = { samples: 0, active: 0, lock: 0, idleInTx: 0, waitingOn: new Map() };
      let stopped = false;
      const sample = async () => {
        while (!stopped && sampler) {
          try {
            const { rows } = await sampler.query(
              `select count(*) filter (where state = 'active') as active,
                      count(*) filter (where wait_event_type = 'Lock') as lock,
                      count(*) filter (where state like 'idle in transaction%') as idle_in_tx,
                      array_agg(left(regexp_replace(query, '\\s+', ' ', 'g'), 45)) filter (where wait_event_type = 'Lock') as waiting
               from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
            );
            for (const q of rows[0].waiting ?? []) act.waitingOn.set(q, (act.waitingOn.get(q) ?? 0) + 1);
            act.samples++;
            act.active += Number(rows[0].active);
            act.lock += Number(rows[0].lock);
            act.idleInTx += Number(rows[0].idle_in_tx);
          } catch {
            return;
          }
          await sleep(100);
        }
      };
      const sampling = ready.then(sample);
      return async () => {
        stopped = true;
        await sampling;
        const wall = performance.now() - wall0;
        const cpu = process.cpuUsage(cpu0);
        const poolFigures = [...pools]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, v]) => {
            const before = p0.get(name) ?? { checkouts: 0, waitMs: 0 };
            const n = v.checkouts - before.checkouts;
            return { name, checkouts: n, avgWaitMs: n > 0 ? (v.waitMs - before.waitMs) / n : 0 };
          })
          .filter((p) => p.checkouts > 0);
        const per = (x) => (act.samples > 0 ? (x / act.samples).toFixed(1) : '?');
        const topWait = [...act.waitingOn].sort((a, b) => b[1] - a[1])[0];
        const waitNote = topWait ? ` (mostly in: ${topWait[0].trim()}…)` : '';
        const count = queries - q0;
        const machine = machineBusy(m0);
        const backends = await backendTicks();
        const pgCpu = backendCpuPercent(b0, backends, wall);
        return {
          queries: count,
          pools: poolFigures,
          cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
          machine,
          describe(unit, units) {
            const pools = poolFigures
              .map((p) => `${p.name}: ${p.checkouts} checkouts, avg wait ${p.avgWaitMs.toFixed(1)} ms`)
              .join('; ');
            return (
              `${(count / units).toFixed(1)} SQL round trips per ${unit}; ${pools}; ` +
              `CPU (100% = one core): this node process ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}%, ` +
              `this database's postgres backends ${pgCpu}, whole machine ${machine}; ` +
              `db backends (avg of ${act.samples} samples): ${per(act.active)} active, ` +
              `${per(act.idleInTx)} idle in transaction; ${per(act.lock)} waiting on a lock${waitNote}`
            );
          },
        };
      };
    },
  };
}

/** utime + stime of one process in clock ticks (USER_HZ, 100 on Linux), or null. */
function procTicks(path) {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat), or null off Linux. */
function machineTicks() {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function machineBusy(before) {
  const after = machineTicks();
  if (!before || !after || after.total === before.total) return '?';
  const share = (after.busy - before.busy) / (after.total - before.total);
  return `${(share * availableParallelism() * 100).toFixed(0)}% of ${availableParallelism() * 100}%`;
}
