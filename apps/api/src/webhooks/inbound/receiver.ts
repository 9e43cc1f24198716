import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';

import { inScope } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { findIntegrationByProvider } from '../../integrations/integrations.repository.js';
import { decryptCredentials } from '../../integrations/stored-credentials.js';
import { baseUrlFor } from '../../integrations/verification.js';
import { findProvider } from '../../providers/registry.js';
import type { Credentials, InboundResult } from '../../providers/types.js';
import { findTenantBySlug } from '../../tenants/tenants.repository.js';
import * as repo from './inbound.repository.js';
import { notifyInbound } from './process.js';
import { redactBody, redactHeaders } from './redact.js';

const flatHeaders = (ctx: Context): Record<string, string> =>
  Object.fromEntries(Object.entries(ctx.req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));

/**
 * A short-lived per-process cache: a provider sending a burst costs one tenant lookup and one
 * credential decryption per 10 s instead of one per request. An edit or a disable reaches the
 * receiver within that time.
 */
class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(private readonly ttlMs: number) {}
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { value, at: Date.now() });
    return value;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}

const tenants = new TtlCache<{ id: string } | undefined>(10_000);
const integrations = new TtlCache<{ status: string; credentials: Credentials } | null>(10_000);

/** Called when this process changes an integration, so its own receiver sees the change at once. */
export const forgetInboundIntegration = (tenantId: string, provider: string): void =>
  integrations.delete(`${tenantId}:${provider}`);

const reply = (ctx: Context, status: number, body: Record<string, unknown>) => {
  ctx.status = status;
  ctx.body = body;
};

/**
 * `/api/webhooks/<provider>/t/<tenant-slug>`: the raw body is read before anything parses it, the
 * tenant comes from the URL alone, and the provider's own verifier decides. Every request whose
 * tenant is known is logged (verified, rejected with its reason, duplicate, or ignored when the
 * integration is disabled), answered at once, and processed by a job.
 */
export function inboundRoutes(deps: Deps): Router {
  const router = new Router();
  const handle = async (ctx: Context) => {
    const provider = findProvider(ctx.params.provider ?? '');
    if (!provider?.inbound || !provider.manifest.sendsWebhooks) {
      return reply(ctx, 404, { error: 'Unknown provider' });
    }
    let rawBody: Buffer;
    try {
      rawBody = await getRawBody(ctx.req, { limit: deps.env.BODY_LIMIT_BYTES });
    } catch {
      return reply(ctx, 413, { error: 'Body too large' });
    }
    const slug = ctx.params.slug ?? '';
    const tenant = await tenants.get(slug, () =>
      inScope(deps.db, { platform: true }, (trx) => findTenantBySlug(trx, slug)),
    );
    if (!tenant) return reply(ctx, 404, { error: 'Unknown workspace' });
    const tenantId = tenant.id;
    const headers = flatHeaders(ctx);
    const base = (deps.env.PUBLIC_BASE_URL ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '');
    const log = (entry: {
      status: 'verified' | 'rejected' | 'duplicate' | 'ignored';
      reason?: string;
      result?: InboundResult;
    }) =>
      inScope(deps.db, { tenantId }, async (trx) => {
        const inserted = await repo.insertInbound(trx, {
          tenant_id: tenantId,
          provider: provider.manifest.id,
          status: entry.status,
          reason: entry.reason ?? null,
          provider_event_id: entry.result?.kind === 'verified' ? entry.result.eventId : null,
          event_type: entry.result?.kind === 'verified' ? entry.result.eventType : null,
          headers: JSON.stringify(redactHeaders(headers)),
          body_size: rawBody.length,
          payload: entry.status === 'verified' && provider.manifest.id !== 'beds24' ? redactBody(rawBody) : null,
          normalized: JSON.stringify(entry.result?.kind === 'verified' ? entry.result.events : []),
        });
        // A verified row is queued work: the processing worker is woken when this commits.
        if (inserted && entry.status === 'verified') await notifyInbound(trx);
        return inserted;
      });

    const loaded = await integrations.get(`${tenantId}:${provider.manifest.id}`, () =>
      inScope(deps.db, { tenantId }, async (trx) => {
        const row = await findIntegrationByProvider(trx, tenantId, provider.manifest.id);
        return row ? { status: row.status, credentials: await decryptCredentials(deps, trx, row) } : null;
      }),
    );
    if (!loaded) {
      const reason = `No ${provider.manifest.displayName} integration is configured for this workspace`;
      await log({ status: 'rejected', reason });
      return reply(ctx, 404, { error: reason });
    }
    if (loaded.status === 'pending_verify' || loaded.status === 'error') {
      const reason = `The ${provider.manifest.displayName} integration is not active (${loaded.status})`;
      await log({ status: 'rejected', reason });
      return reply(ctx, 503, { error: reason });
    }

    const result = await provider.inbound({
      request: {
        method: ctx.method === 'GET' ? 'GET' : 'POST',
        rawBody,
        headers,
        query: Object.fromEntries(
          Object.entries(ctx.query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]),
        ),
        publicUrl: `${base}${ctx.originalUrl}`,
      },
      credentials: loaded.credentials,
      http: deps.http,
      baseUrl: baseUrlFor(deps, provider, loaded.credentials),
      now: new Date(),
    });

    if (result.kind === 'handshake') {
      ctx.status = result.status;
      ctx.type = 'text/plain';
      ctx.body = result.body;
      return;
    }
    if (result.kind === 'rejected') {
      await log({ status: 'rejected', reason: result.reason, result });
      return reply(ctx, result.status, { error: result.reason });
    }
    // Disabled but configured: acknowledged (so the provider does not retry forever) and logged, not processed.
    if (loaded.status === 'inactive') {
      await log({
        status: 'ignored',
        reason: 'The integration is disabled; not processed',
        result: { ...result, events: [] },
      });
      return reply(ctx, 202, { received: true, processed: false });
    }
    const inserted = await log({ status: 'verified', result });
    if (!inserted) {
      await log({ status: 'duplicate', reason: `Already received event ${result.eventId ?? ''}`.trim() });
      return reply(ctx, 200, { received: true, duplicate: true });
    }
    return reply(ctx, 200, { received: true });
  };
  router.get('/api/webhooks/:provider/t/:slug', handle);
  router.post('/api/webhooks/:provider/t/:slug', handle);
  return router;
}
