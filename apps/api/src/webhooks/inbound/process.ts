import type { EventType } from '@gatehouse/shared';
import { EVENT_CATALOG } from '@gatehouse/shared';
import { sql } from 'kysely';
import pg from 'pg';

import type { InboundEventRow } from '../../db/schema.js';
import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { findIntegrationByProvider } from '../../integrations/integrations.repository.js';
import { decryptCredentials } from '../../integrations/stored-credentials.js';
import { baseUrlFor } from '../../integrations/verification.js';
import { type Beds24NotifyHint, fetchBooking } from '../../providers/beds24/booking.js';
import { findProvider } from '../../providers/registry.js';
import type { NormalizedEvent } from '../../providers/types.js';
import { emitEvent } from '../outbound/emit.js';
import * as repo from './inbound.repository.js';

/** After this many attempts a request that keeps failing is marked processed with the reason. */
const MAX_ATTEMPTS = 10;

type Planned =
  { row: InboundEventRow; events: NormalizedEvent[]; result: string | null } | { row: InboundEventRow; retry: string };

/**
 * Beds24 notifications are unsigned: only the booking id is taken from them, and the booking is
 * fetched through the Beds24 API (outside any transaction) before an event is emitted.
 */
async function beds24Plan(deps: Deps, row: InboundEventRow, bookingId: string): Promise<Planned> {
  const provider = findProvider('beds24')!;
  const credentials = await inScope(deps.db, { tenantId: row.tenant_id }, async (trx) => {
    const integration = await findIntegrationByProvider(trx, row.tenant_id, 'beds24');
    return integration ? decryptCredentials(deps, trx, integration) : null;
  });
  if (!credentials) return { row, events: [], result: 'The Beds24 integration was removed; not processed' };
  const hint = row.provider_event_id?.split(':')[1];
  const fetched = await fetchBooking(
    { http: deps.http, baseUrl: baseUrlFor(deps, provider, credentials), credentials },
    bookingId,
    hint === 'new' || hint === 'modify' || hint === 'cancel' ? (hint as Beds24NotifyHint) : undefined,
  );
  if (fetched.ok) return { row, events: [fetched.event], result: null };
  if (fetched.retry) return { row, retry: fetched.reason };
  return { row, events: [], result: `Not processed: ${fetched.reason}` };
}

async function plan(deps: Deps, row: InboundEventRow): Promise<Planned> {
  const notify = /^booking\.notify:(.+)$/.exec(row.event_type ?? '');
  if (row.provider === 'beds24' && notify) return beds24Plan(deps, row, notify[1]!);
  return { row, events: row.normalized.filter((e) => e.type in EVENT_CATALOG), result: null };
}

/**
 * Processes a claimed batch: one transaction per tenant marks each request processed and emits
 * its normalized events (which fan out to outbound webhooks in that same transaction). A request
 * already marked processed is skipped, so a lapsed lease never emits twice.
 */
export async function processBatch(deps: Deps, rows: InboundEventRow[]): Promise<void> {
  const planned = await Promise.all(rows.map((row) => plan(deps, row)));
  const byTenant = new Map<string, Planned[]>();
  for (const p of planned) byTenant.set(p.row.tenant_id, [...(byTenant.get(p.row.tenant_id) ?? []), p]);
  for (const [tenantId, items] of byTenant) {
    await inScope(deps.db, { tenantId }, async (trx) => {
      for (const item of items) {
        if ('retry' in item) {
          if (item.row.attempts < MAX_ATTEMPTS) {
            await repo.retryLater(trx, item.row.id, Math.min(3600, 5 * 2 ** item.row.attempts));
            continue;
          }
          await repo.markProcessed(trx, item.row.id, `Gave up after ${item.row.attempts} attempts: ${item.retry}`);
          continue;
        }
        const result =
          item.result ??
          (item.events.length === 0
            ? 'Verified; nothing to emit for this event type'
            : `Emitted ${item.events.map((e) => e.type).join(', ')}`);
        if (!(await repo.markProcessed(trx, item.row.id, result))) continue;
        for (const event of item.events) {
          await emitEvent(trx, tenantId, event.type as EventType, event.payload as never);
        }
      }
    });
  }
}

/**
 * The inbound processing worker: the log's verified, unprocessed rows are its queue (no separate
 * job per request), claimed in batches, woken by NOTIFY when a request is logged and polled as a
 * backstop (leases that lapse and retries that fall due need no notification).
 */
export class InboundWorker {
  private running = false;
  private wake: (() => void) | null = null;
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly deps: Deps) {}

  async start(): Promise<void> {
    this.running = true;
    try {
      const client = new pg.Client({ connectionString: this.deps.appUrl });
      client.on('error', () => {});
      await client.connect();
      await client.query(`listen ${repo.INBOUND_CHANNEL}`);
      client.on('notification', () => this.nudge());
      this.listener = client;
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'inbound listener unavailable; polling only');
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    await this.listener?.end().catch(() => {});
  }

  private nudge(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: InboundEventRow[] = [];
      try {
        claimed = await inScope(this.deps.db, { platform: true }, (trx) => repo.claimUnprocessed(trx, 200, 60));
        if (claimed.length > 0) await processBatch(this.deps, claimed);
      } catch (error) {
        this.deps.log.error({ err: (error as Error).message }, 'processing inbound webhooks failed');
      }
      if (claimed.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 500);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}

/** Wakes the processing worker when the logging transaction commits. */
export const notifyInbound = (trx: Parameters<typeof repo.findInbound>[0]) =>
  sql`select pg_notify(${repo.INBOUND_CHANNEL}, '')`.execute(trx);
