import pg from 'pg';

import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { withTenantCipher } from '../../keys/tenant-keys.js';
import type { OutboundHttp } from '../../net/outbound.js';
import * as repo from './deliveries.repository.js';
import { DELIVERY_CHANNEL } from './channel.js';
import { emitEvent } from './emit.js';
import { DISABLE_AFTER_MS, nextDelaySeconds } from './schedule.js';
import { signingSecretFields } from './secrets.js';
import { type SendResult, sendMessage } from './send.js';

export interface DeliveryWorkerOptions {
  /** HTTP calls in flight at once in this process. */
  concurrency: number;
  /** Backstop poll when no NOTIFY arrives (retries fall due without one). */
  pollMs: number;
  /** How long a claim holds; a crashed worker's deliveries are retried after it. */
  leaseSeconds: number;
  /** Deliveries to one endpoint in flight at once (across workers). */
  perEndpoint: number;
}

/**
 * Delivers pending webhook deliveries. Claims due rows in batches (SKIP LOCKED) on the platform
 * path, sends them with no database connection held, then records each attempt and the next
 * step. Woken by NOTIFY on commit of an event, polled as a backstop. Each endpoint's requests run
 * side by side with every other's, so one slow receiver only occupies the slots it uses.
 */
export class DeliveryWorker {
  private running = false;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  private readonly secrets = new Map<string, { value: string; at: number }>();

  constructor(
    private readonly deps: Deps,
    private readonly http: OutboundHttp,
    private readonly opts: DeliveryWorkerOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    try {
      const client = new pg.Client({ connectionString: this.deps.appUrl });
      client.on('error', () => {}); // the poll keeps deliveries moving if the listener drops
      await client.connect();
      await client.query(`listen ${DELIVERY_CHANNEL}`);
      client.on('notification', () => this.nudge());
      this.listener = client;
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'webhook listener unavailable; polling only');
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    const deadline = Date.now() + 5_000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.flush();
    await this.listener?.end().catch(() => {});
  }

  private nudge(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.opts.concurrency - this.inFlight;
      if (free <= 0) {
        await this.sleep(this.opts.pollMs);
        continue;
      }
      let claimed: repo.ClaimedDelivery[] = [];
      try {
        claimed = await inScope(this.deps.db, { platform: true }, (trx) =>
          repo.claimDue(trx, Math.min(free, 200), this.opts.leaseSeconds, this.opts.perEndpoint),
        );
      } catch (error) {
        this.deps.log.error({ err: (error as Error).message }, 'claiming webhook deliveries failed');
      }
      for (const delivery of claimed) {
        this.inFlight++;
        void this.deliver(delivery)
          .catch((error: unknown) =>
            this.deps.log.error({ deliveryId: delivery.id, err: (error as Error).message }, 'webhook delivery failed'),
          )
          .finally(() => {
            this.inFlight--;
            this.nudge();
          });
      }
      if (claimed.length === 0) await this.sleep(this.opts.pollMs);
    }
  }

  /** Decrypted secrets of an endpoint, cached briefly (keyed by ciphertext, so a rotation misses). */
  private async secretsOf(d: repo.ClaimedDelivery): Promise<string[]> {
    const place = { tenantId: d.tenant_id, table: 'webhook_endpoints', rowId: d.endpoint_id };
    const wanted = signingSecretFields(d);
    const missing = wanted.filter(([, c]) => !this.fresh(c));
    if (missing.length > 0) {
      await inScope(this.deps.db, { tenantId: d.tenant_id }, (trx) =>
        withTenantCipher(this.deps, trx, d.tenant_id, async (cipher) => {
          for (const [field, c] of missing)
            this.secrets.set(c, { value: await cipher.decrypt(place, field, c), at: Date.now() });
        }),
      );
      if (this.secrets.size > 10_000) this.secrets.clear();
    }
    return wanted.map(([, c]) => this.secrets.get(c)!.value);
  }

  private fresh(ciphertext: string): boolean {
    const hit = this.secrets.get(ciphertext);
    return hit !== undefined && Date.now() - hit.at < 5 * 60_000;
  }

  private async deliver(d: repo.ClaimedDelivery): Promise<void> {
    if (d.endpoint_status !== 'enabled') {
      await inScope(this.deps.db, { platform: true }, (trx) =>
        repo.finishDelivery(trx, d.id, { status: 'failed', nextAttemptAt: null }),
      );
      return;
    }
    const result = await sendMessage(this.http, d, await this.secretsOf(d), {
      id: d.message_id,
      eventType: d.event_type,
      payload: d.payload,
      createdAt: d.message_created_at,
    });
    await this.record(d, result);
  }

  private pending: { outcome: repo.AttemptOutcome; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushTimer: NodeJS.Timeout | null = null;

  /**
   * Queues an outcome for the next batched write (every 20 ms or 100 outcomes); resolves once it
   * is committed, so a delivery counts as in flight until its attempt is on record.
   */
  private record(d: repo.ClaimedDelivery, result: SendResult): Promise<void> {
    // Manual retries are not rescheduled (Svix); 410 asks us to stop for good.
    const delay = result.success || result.gone || d.trigger === 'manual' ? null : nextDelaySeconds(d.attempts, result);
    const outcome: repo.AttemptOutcome = {
      delivery: d,
      statusCode: result.statusCode,
      success: result.success,
      error: result.error,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt,
      next: result.success
        ? { status: 'succeeded', nextAttemptAt: null }
        : delay === null
          ? { status: 'failed', nextAttemptAt: null }
          : { status: 'pending', nextAttemptAt: new Date(Date.now() + delay * 1000) },
    };
    return new Promise<void>((done, fail) => {
      this.pending.push({ outcome, done, fail });
      if (this.pending.length >= 100) void this.flush();
      else this.flushTimer ??= setTimeout(() => void this.flush(), 20);
    });
  }

  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      const failing = await inScope(this.deps.db, { platform: true }, (trx) =>
        repo.recordBatch(
          trx,
          batch.map((b) => b.outcome),
        ),
      );
      for (const b of batch) b.done();
      const gone = batch.filter((b) => b.outcome.statusCode === 410).map((b) => b.outcome.delivery);
      for (const d of gone) await this.disable(d, 'The endpoint answered 410 Gone');
      for (const f of failing) {
        if (Date.now() - f.failing_since.getTime() >= DISABLE_AFTER_MS) {
          const d = batch.find((b) => b.outcome.delivery.endpoint_id === f.id)!.outcome.delivery;
          await this.disable(d, 'Every delivery failed for 5 days');
        }
      }
    } catch (error) {
      for (const b of batch) b.fail(error);
    }
  }

  /** Disables the endpoint and records an `endpoint.disabled` notice for the tenant. */
  private async disable(d: repo.ClaimedDelivery, reason: string): Promise<void> {
    await inScope(this.deps.db, { tenantId: d.tenant_id }, async (trx) => {
      const disabled = await repo.disableEndpoint(trx, d.tenant_id, d.endpoint_id, reason);
      if (disabled) {
        await emitEvent(trx, d.tenant_id, 'endpoint.disabled', {
          endpoint_id: disabled.id,
          name: disabled.name,
          reason,
        });
      }
    });
  }
}
