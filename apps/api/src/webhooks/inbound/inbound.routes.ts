import type { InboundEvent, InboundSummary } from '@gatehouse/shared';
import { GetInboundEvent, GetInboundSummary, ListInboundEvents } from '@gatehouse/shared';
import Router from '@koa/router';

import { tenantOf } from '../../auth/authorize.js';
import type { InboundEventRow } from '../../db/schema.js';
import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { cursorPage, decodeCursor } from '../../http/cursor.js';
import { notFound } from '../../http/errors.js';
import { mount } from '../../http/route.js';
import { listAllIntegrations } from '../../integrations/integrations.repository.js';
import { findProvider } from '../../providers/registry.js';
import * as repo from './inbound.repository.js';

const toInbound = (r: InboundEventRow): InboundEvent => ({
  id: r.id,
  provider: r.provider,
  status: r.status,
  reason: r.reason,
  provider_event_id: r.provider_event_id,
  event_type: r.event_type,
  headers: r.headers,
  body_size: r.body_size,
  payload: r.payload,
  processed_at: r.processed_at?.toISOString() ?? null,
  processing_result: r.processing_result,
  received_at: r.received_at.toISOString(),
});

const DAY_MS = 24 * 3600 * 1000;

/** The inbound webhook log (seed 002 "Webhook logs") and the per-provider summary behind health badges. */
export function inboundLogRoutes(deps: Deps): Router {
  const router = new Router();
  const opts = { action: 'integrations.view' } as const;

  mount(router, ListInboundEvents, opts, async ({ principal, query }) => {
    const tenantId = tenantOf(principal);
    const rows = await inScope(deps.db, { tenantId }, (trx) =>
      repo.listInbound(trx, tenantId, {
        provider: query.provider,
        status: query.status,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: query.limit + 1,
      }),
    );
    const { page, nextCursor } = cursorPage(rows, query.limit, (r) => ({ at: r.received_at, id: r.id }));
    return { data: page.map(toInbound), meta: { next_cursor: nextCursor, limit: query.limit } };
  });

  mount(router, GetInboundSummary, opts, async ({ principal }) => {
    const tenantId = tenantOf(principal);
    const { stats, integrations } = await inScope(deps.db, { tenantId }, async (trx) => ({
      stats: await repo.summarize(trx, tenantId),
      integrations: await listAllIntegrations(trx, tenantId),
    }));
    const byProvider = new Map(stats.map((s) => [s.provider, s]));
    const providers = new Set([
      ...stats.map((s) => s.provider),
      ...integrations.filter((i) => findProvider(i.provider)?.manifest.sendsWebhooks).map((i) => i.provider),
    ]);
    const data: InboundSummary[] = [...providers].sort().map((provider) => {
      const s = byProvider.get(provider);
      const integration = integrations.find((i) => i.provider === provider);
      const last = s?.last_received_at ? new Date(s.last_received_at) : null;
      // Quiet for a day although connected for at least a day: its webhook may have been switched off.
      const silent =
        integration?.status === 'active' &&
        Date.now() - integration.connected_at.getTime() > DAY_MS &&
        (!last || Date.now() - last.getTime() > DAY_MS);
      return {
        provider,
        last_received_at: last?.toISOString() ?? null,
        received_24h: Number(s?.received_24h ?? 0),
        rejected_24h: Number(s?.rejected_24h ?? 0),
        silent,
      };
    });
    return { data };
  });

  mount(router, GetInboundEvent, opts, async ({ principal, params }) => {
    const tenantId = tenantOf(principal);
    const row = await inScope(deps.db, { tenantId }, (trx) => repo.findInbound(trx, tenantId, params.id));
    if (!row) throw notFound('Inbound event');
    return { data: toInbound(row) };
  });

  return router;
}
