import { randomUUID } from 'node:crypto';

import { generateWebhookSecret } from '@gatehouse/crypto';
import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookEndpoint,
  WebhookListQuery,
  WebhookWithSecret,
} from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../../audit/audit.service.js';
import { inScope, type Trx } from '../../db/scope.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../http/errors.js';
import { withTenantCipher } from '../../keys/tenant-keys.js';
import { toEndpoint } from './endpoints.format.js';
import * as repo from './endpoints.repository.js';

const place = (tenantId: string, id: string) => ({ tenantId, table: 'webhook_endpoints', rowId: id });
const hintOf = (secret: string) => secret.slice(-4);

async function sealSecret(deps: Deps, trx: Trx, tenantId: string, id: string, secret: string): Promise<string> {
  return withTenantCipher(deps, trx, tenantId, async (c) => c.encrypt(place(tenantId, id), 'secret', secret));
}

export async function listEndpoints(deps: Deps, tenantId: string, q: WebhookListQuery) {
  const { rows, total } = await inScope(deps.db, { tenantId }, (trx) =>
    repo.listEndpoints(trx, tenantId, {
      status: q.status,
      eventType: q.event_type,
      search: q.search,
      page: q.page,
      perPage: q.per_page,
    }),
  );
  return { items: rows.map(toEndpoint), total };
}

export async function getEndpoint(deps: Deps, tenantId: string, id: string): Promise<WebhookEndpoint> {
  const row = await inScope(deps.db, { tenantId }, (trx) => repo.findEndpoint(trx, tenantId, id));
  if (!row) throw notFound('Webhook');
  return toEndpoint(row);
}

/** Creates an endpoint with a fresh `whsec_` secret; the secret is in this answer only. */
export async function createEndpoint(
  deps: Deps,
  tenantId: string,
  body: CreateWebhookBody,
  who: AuditContext,
): Promise<WebhookWithSecret> {
  const secret = generateWebhookSecret();
  const row = await inScope(deps.db, { tenantId }, async (trx) => {
    const id = randomUUID();
    const inserted = await repo.insertEndpoint(trx, {
      id,
      tenant_id: tenantId,
      name: body.name,
      url: body.url,
      description: body.description ?? null,
      event_types: body.event_types,
      headers: JSON.stringify(body.headers),
      status: body.status,
      disabled_reason: body.status === 'disabled' ? 'Disabled by a user' : null,
      secret: await sealSecret(deps, trx, tenantId, id, secret),
      secret_hint: hintOf(secret),
    });
    await recordAudit(trx, who, {
      tenantId,
      action: 'webhook.created',
      targetType: 'webhook',
      targetId: id,
      targetLabel: body.name,
      details: { url: body.url, event_types: body.event_types, header_names: Object.keys(body.headers) },
    });
    return inserted;
  });
  return { endpoint: toEndpoint(row), secret };
}

export async function updateEndpoint(
  deps: Deps,
  tenantId: string,
  id: string,
  body: UpdateWebhookBody,
  who: AuditContext,
): Promise<WebhookEndpoint> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findEndpoint(trx, tenantId, id);
    if (!before) throw notFound('Webhook');
    const { headers, status, ...rest } = body;
    const patch: Parameters<typeof repo.updateEndpoint>[3] = { ...rest };
    if (headers) patch.headers = JSON.stringify(headers);
    if (status && status !== before.status) {
      patch.status = status;
      patch.disabled_reason = status === 'disabled' ? 'Disabled by a user' : null;
      // Re-enabling starts a fresh failure window.
      if (status === 'enabled') patch.failing_since = null;
    }
    const row = (await repo.updateEndpoint(trx, tenantId, id, patch))!;
    const changed = Object.keys(body).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(body[k as keyof typeof body]),
    );
    if (changed.length > 0) {
      await recordAudit(trx, who, {
        tenantId,
        action: 'webhook.updated',
        targetType: 'webhook',
        targetId: id,
        targetLabel: row.name,
        // Header values may carry the receiver's own credentials: only their names are recorded.
        details: { changed, ...(body.url ? { url: body.url } : {}), ...(body.status ? { status: body.status } : {}) },
      });
    }
    return toEndpoint(row);
  });
}

/** Permanently deletes endpoints (their deliveries and attempts go with them). */
export async function deleteEndpoints(deps: Deps, tenantId: string, ids: string[], who: AuditContext) {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const deleted = await repo.deleteEndpoints(trx, tenantId, ids);
    for (const row of deleted) {
      await recordAudit(trx, who, {
        tenantId,
        action: 'webhook.deleted',
        targetType: 'webhook',
        targetId: row.id,
        targetLabel: row.name,
        details: { url: row.url },
      });
    }
    return deleted.map((r) => r.id);
  });
}

/**
 * Regenerates the signing secret. The previous one keeps signing alongside it for the grace
 * period (Standard Webhooks rotation: receivers accept any matching signature).
 */
export async function rotateSecret(
  deps: Deps,
  tenantId: string,
  id: string,
  graceHours: number,
  who: AuditContext,
): Promise<WebhookWithSecret> {
  const secret = generateWebhookSecret();
  const row = await inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findEndpoint(trx, tenantId, id);
    if (!before) throw notFound('Webhook');
    // The old ciphertext was bound to field `secret`; re-encrypt it for field `previous_secret`.
    const previous =
      graceHours > 0
        ? await withTenantCipher(deps, trx, tenantId, async (c) =>
            c.encrypt(
              place(tenantId, id),
              'previous_secret',
              await c.decrypt(place(tenantId, id), 'secret', before.secret),
            ),
          )
        : null;
    const updated = (await repo.updateEndpoint(trx, tenantId, id, {
      secret: await sealSecret(deps, trx, tenantId, id, secret),
      secret_hint: hintOf(secret),
      previous_secret: previous,
      previous_secret_expires_at: previous ? new Date(Date.now() + graceHours * 3600 * 1000) : null,
    }))!;
    await recordAudit(trx, who, {
      tenantId,
      action: 'webhook.secret_rotated',
      targetType: 'webhook',
      targetId: id,
      targetLabel: before.name,
      details: { grace_period_hours: graceHours },
    });
    return updated;
  });
  return { endpoint: toEndpoint(row), secret };
}
