import { generateApiKey, hashApiKey } from '@gatehouse/crypto';
import type { ApiKey, ApiKeyListQuery, CreateApiKeyBody, CreatedApiKey, UpdateApiKeyBody } from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { actorOf } from '../auth/principal.js';
import { inScope, type Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { notFound } from '../http/errors.js';
import { toApiKey } from './api-keys.format.js';
import * as repo from './api-keys.repository.js';

export async function listKeys(deps: Deps, tenantId: string, q: ApiKeyListQuery) {
  const { rows, total } = await inScope(deps.db, { tenantId }, (trx) =>
    repo.listApiKeys(trx, tenantId, { name: q.name, status: q.status, page: q.page, perPage: q.per_page }),
  );
  return { items: rows.map(toApiKey), total };
}

export async function getKey(deps: Deps, tenantId: string, id: string): Promise<ApiKey> {
  const row = await inScope(deps.db, { tenantId }, (trx) => repo.findApiKey(trx, tenantId, id));
  if (!row) throw notFound('API key');
  return toApiKey(row);
}

/** Generates a key; the full secret exists only in this response. Production keys read `gth_live_`. */
export async function createKey(
  deps: Deps,
  tenantId: string,
  body: CreateApiKeyBody,
  who: AuditContext,
): Promise<CreatedApiKey> {
  const generated = generateApiKey(body.environment === 'production' ? 'live' : 'test');
  const row = await inScope(deps.db, { tenantId }, async (trx) => {
    const inserted = await repo.insertApiKey(trx, {
      tenant_id: tenantId,
      key_id: generated.keyId,
      secret_hash: hashApiKey(deps.apiKeyPepper, generated.token),
      prefix: generated.prefix,
      last4: generated.last4,
      name: body.name,
      description: body.description ?? null,
      environment: body.environment,
      scopes: body.scopes,
      expires_at: body.expires_at ? new Date(body.expires_at) : null,
      created_by: who.principal ? actorOf(who.principal).label : null,
    });
    await recordAudit(trx, who, {
      tenantId,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: inserted.id,
      targetLabel: inserted.name,
      details: {
        prefix: inserted.prefix,
        environment: body.environment,
        scopes: body.scopes,
        expires_at: body.expires_at ?? null,
      },
    });
    return inserted;
  });
  return { key: toApiKey(row), secret: generated.token };
}

export async function updateKey(
  deps: Deps,
  tenantId: string,
  id: string,
  patch: UpdateApiKeyBody,
  who: AuditContext,
): Promise<ApiKey> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const before = await repo.findApiKey(trx, tenantId, id);
    if (!before) throw notFound('API key');
    const row = (await repo.updateApiKey(trx, tenantId, id, patch))!;
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(v)),
    );
    if (Object.keys(changed).length > 0) {
      await recordAudit(trx, who, {
        tenantId,
        action: 'api_key.updated',
        targetType: 'api_key',
        targetId: id,
        targetLabel: row.name,
        details: { changes: changed },
      });
    }
    return toApiKey(row);
  });
}

/** Revokes the keys of this tenant among `ids`; already revoked or unknown ids are left alone. */
export function revokeKeys(deps: Deps, tenantId: string, ids: string[], who: AuditContext): Promise<string[]> {
  return inScope(deps.db, { tenantId }, async (trx) => (await revokeInScope(trx, tenantId, ids, who)).map((r) => r.id));
}

/** Revokes one key (idempotent: a revoked key stays as it is); 404 for an unknown or foreign id. */
export function revokeKey(deps: Deps, tenantId: string, id: string, who: AuditContext): Promise<ApiKey> {
  return inScope(deps.db, { tenantId }, async (trx) => {
    const [revoked] = await revokeInScope(trx, tenantId, [id], who);
    const row = revoked ?? (await repo.findApiKey(trx, tenantId, id));
    if (!row) throw notFound('API key');
    return toApiKey(row);
  });
}

async function revokeInScope(trx: Trx, tenantId: string, ids: string[], who: AuditContext) {
  const revoked = await repo.revokeApiKeys(trx, tenantId, ids);
  for (const row of revoked) {
    await recordAudit(trx, who, {
      tenantId,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: row.id,
      targetLabel: row.name,
      details: { prefix: row.prefix },
    });
  }
  return revoked;
}
