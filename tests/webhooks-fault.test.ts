import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { AllFakes, VALID_CREDENTIALS } from '@gatehouse/provider-fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  Api,
  freshDatabase,
  removeDir,
  type RunningGatehouse,
  startGatehouse,
  tempDataDir,
} from './support/gatehouse.js';

const EVENTS = 10_000;
const WHSEC = VALID_CREDENTIALS.stripe.webhook_secret;
const fakes = new AllFakes();
const dataDir = tempDataDir();
let database: Awaited<ReturnType<typeof freshDatabase>>;
let receiver: Server;
let receiverUrl = '';
/** webhook-id → how many times it arrived; payment ids seen. */
const arrivals = new Map<string, number>();
const payments = new Set<string>();

const env = () => ({
  DATABASE_URL: database!.url,
  DATA_DIR: dataDir,
  MASTER_KEY: undefined,
  OUTBOUND_ALLOWLIST: '127.0.0.1/32',
  WEBHOOK_CONCURRENCY: '128',
  ...fakes.env(),
});

const stripeEvent = (i: number) => {
  const body = JSON.stringify({
    id: `evt_fault_${i}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: `pi_fault_${i}`, object: 'payment_intent', amount: 100 + i, currency: 'eur' } },
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', WHSEC).update(`${t}.${body}`).digest('hex');
  return { body, signature: `t=${t},v1=${v1}` };
};

/**
 * Kill -9 in the middle of a burst (DESIGN §8 fault tests): 10 000 Stripe events come in through
 * the inbound receiver and go out as payment.succeeded webhooks. The API/worker process is killed
 * mid-burst and restarted; every event it had accepted (answered 2xx) must reach the receiver at
 * least once. Runs against an external PostgreSQL (TEST_DATABASE_URL, as in CI): with the embedded
 * one, killing the process group would kill the database too.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('webhook delivery survives kill -9', () => {
  beforeAll(async () => {
    await fakes.start();
    database = await freshDatabase();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
        const parsed = JSON.parse(body) as { data: { payment_id: string } };
        payments.add(parsed.data.payment_id);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  });
  afterAll(async () => {
    await fakes.close();
    await new Promise((r) => receiver.close(r));
    await database?.drop();
    removeDir(dataDir);
  });

  it('delivers every accepted event at least once across a crash and restart', async () => {
    let gatehouse: RunningGatehouse = await startGatehouse({ env: env() });
    const api = new Api(gatehouse.url);
    await api.call('POST', '/api/v1/auth/login', gatehouse.demo);
    const created = await api.call('POST', '/api/v1/integrations', {
      provider: 'stripe',
      credentials: fakes.credentials('stripe'),
    });
    const id = created.body.data.id as string;
    for (let i = 0; i < 100; i++) {
      const got = await api.call('GET', `/api/v1/integrations/${id}`);
      if (got.body.data.status === 'active') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const hook = await api.call('POST', '/api/v1/webhooks', {
      name: 'Payments',
      url: receiverUrl,
      event_types: ['payment.succeeded'],
    });
    expect(hook.status).toBe(201);

    const accepted = new Set<number>();
    let next = 0;
    let killed = false;
    const send = async (base: string) => {
      while (next < EVENTS) {
        const i = next++;
        const { body, signature } = stripeEvent(i);
        try {
          const res = await fetch(`${base}/api/webhooks/stripe/t/demo`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signature },
            body,
          });
          if (res.ok) accepted.add(i);
          else if (!killed) throw new Error(`inbound answered ${res.status}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (!killed && accepted.size >= EVENTS * 0.3) {
          killed = true;
          await gatehouse.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, () => send(gatehouse.url)));
    expect(killed).toBe(true);

    // A provider retries what was not acknowledged; then the restarted process finishes the rest.
    gatehouse = await startGatehouse({ env: env() });
    const missing = [...Array(EVENTS).keys()].filter((i) => !accepted.has(i));
    next = 0;
    const retry = async () => {
      while (next < missing.length) {
        const i = missing[next++]!;
        const { body, signature } = stripeEvent(i);
        const res = await fetch(`${gatehouse.url}/api/webhooks/stripe/t/demo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body,
        });
        if (res.ok) accepted.add(i);
      }
    };
    await Promise.all(Array.from({ length: 32 }, retry));
    expect(accepted.size).toBe(EVENTS);

    const deadline = Date.now() + 150_000;
    while (payments.size < EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const received = [...arrivals.values()].reduce((a, b) => a + b, 0);
    console.log(
      `kill -9 mid-burst: ${EVENTS} events accepted, ${payments.size} delivered (distinct), ` +
        `${arrivals.size} distinct webhook-ids, ${received - arrivals.size} duplicate deliveries`,
    );
    await gatehouse.stop();
    expect(payments.size).toBe(EVENTS);
    expect(arrivals.size).toBe(EVENTS);
  }, 400_000);
});
