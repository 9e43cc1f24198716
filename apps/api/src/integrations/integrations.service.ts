import { randomUUID } from 'node:crypto';

import type {
  CreateIntegrationBody,
  Integration,
  IntegrationListQuery,
  IntegrationState,
  Provider,
  UpdateIntegrationBody,
} from '@gatehouse/shared';

import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { actorOf } from '../auth/principal.js';
import type { IntegrationRow } from '../db/schema.js';
import { inScope, type Trx } from '../db/scope.js';
import type { Deps } from '../deps.js';
import { conflict, invalid, notFound } from '../http/errors.js';
import { findProvider, PROVIDERS } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/types.js';
import { findTenant } from '../tenants/tenants.repository.js';
import { checkCredentials } from './credentials.js';
import { toIntegration, toProvider, toState } from './integrations.format.js';
import { forgetInboundIntegration } from '../webhooks/inbound/receiver.js';
import * as repo from './integrations.repository.js';
import { recordTransition } from './status.js';
import { sealSecrets } from './stored-credentials.js';

const providerOf = (row: IntegrationRow): ProviderDefinition => {
  const provider = findProvider(row.provider);
  // A row whose provider left the registry cannot be served meaningfully; treat it as gone.
  if (!provider) throw notFound('Integration');
  return provider;
};

const present = (row: IntegrationRow) => toIntegration(row, providerOf(row));

async function loadOr404(trx: Trx, tenantId: string, id: string, lock = false): Promise<IntegrationRow> {
  const row = lock ? await repo.lockIntegration(trx, tenantId, id) : await repo.findIntegration(trx, tenantId, id);
  if (!row || !findProvider(row.provider)) throw notFound('Integration');
  return row;
}

/** Queues a verification after the transaction committed; a lost send is re-queued by the sweeper. */
async function queueVerification(deps: Deps, row: IntegrationRow): Promise<void> {
  try {
    await deps.jobs.requestVerification({ tenantId: row.tenant_id, integrationId: row.id, generation: row.generation });
  } catch (error) {
    deps.log.warn({ integrationId: row.id, err: (error as Error).message }, 'could not queue verification yet');
  }
}

export async function listProviders(deps: Deps, tenantId: string, publicBaseUrl: string): Promise<Provider[]> {
  const { tenant, rows } = await inScope(deps.db, { tenantId }, async (trx) => ({
    tenant: await findTenant(trx, tenantId),
    rows: await repo.listAllIntegrations(trx, tenantId),
  }));
  if (!tenant) throw notFound('Tenant');
  const byProvider = new Map(rows.map((r) => [r.provider, r]));
  return PROVIDERS.map((p) => toProvider(p, tenant, byProvider.get(p.manifest.id), publicBaseUrl));
}

export async function listIntegrations(deps: Deps, tenantId: string, q: IntegrationListQuery) {
  let providers: string[] | undefined;
  if (q.category) providers = PROVIDERS.filter((p) => p.manifest.category === q.category).map((p) => p.manifest.id);
  if (q.provider) providers = (providers ?? [q.provider]).filter((p) => p === q.provider);
  const { rows, total } = await inScope(deps.db, { tenantId }, (trx) =>
    repo.listIntegrations(trx, tenantId, { status: q.status, providers, page: q.page, perPage: q.per_page }),
  );
  return { items: rows.filter((r) => findProvider(r.provider)).map(present), total };
}

export async function getIntegration(deps: Deps, tenantId: string, id: string): Promise<Integration> {
  return present(await inScope(deps.db, { tenantId }, (trx) => loadOr404(trx, tenantId, id)));
}

function checkCapabilities(provider: ProviderDefinition, capabilities: string[]): void {
  const unknown = capabilities.filter((c) => !provider.manifest.capabilities.includes(c));
  if (unknown.length > 0) {
    throw invalid({
      enabled_capabilities: [
        `${provider.manifest.displayName} does not support ${unknown.join(', ')}; choose from ${provider.manifest.capabilities.join(', ')}`,
      ],
    });
  }
}

export async function createIntegration(
  deps: Deps,
  tenantId: string,
  body: CreateIntegrationBody,
  who: AuditContext,
): Promise<Integration> {
  const provider = findProvider(body.provider);
  if (!provider) {
    throw invalid({ provider: [`Unknown provider ${body.provider}; see GET /api/v1/integrations/providers`] });
  }
  const capabilities = body.enabled_capabilities ?? [...provider.manifest.capabilities];
  checkCapabilities(provider, capabilities);
  const checked = checkCredentials(provider.manifest, body.credentials, null);
  if (!checked.ok) throw invalid(checked.errors);

  const row = await inScope(deps.db, { tenantId }, async (trx) => {
    if (await repo.findIntegrationByProvider(trx, tenantId, provider.manifest.id)) {
      throw invalid({ provider: ['An integration for this provider already exists.'] });
    }
    const id = randomUUID();
    const sealed = await sealSecrets(
      deps,
      trx,
      { id, tenant_id: tenantId, secrets: {}, hints: {} },
      checked.value.newSecrets,
    );
    const inserted = await repo
      .insertIntegration(trx, {
        id,
        tenant_id: tenantId,
        provider: provider.manifest.id,
        status: 'pending_verify',
        enabled_capabilities: capabilities,
        settings: JSON.stringify(checked.value.settings),
        secrets: JSON.stringify(sealed.secrets),
        hints: JSON.stringify(sealed.hints),
        metadata: JSON.stringify(body.metadata ?? {}),
        verify_requested_at: new Date(),
      })
      .catch((error: { code?: string }) => {
        // Two concurrent creates: the partial unique index decides, with seed 004's message.
        if (error.code === '23505') throw invalid({ provider: ['An integration for this provider already exists.'] });
        throw error;
      });
    await recordTransition(trx, inserted, null, 'pending_verify', 'Configured; verifying credentials');
    await recordAudit(trx, who, {
      tenantId,
      action: 'integration.created',
      targetType: 'integration',
      targetId: inserted.id,
      targetLabel: provider.manifest.displayName,
      details: {
        provider: inserted.provider,
        credentials_set: Object.keys(checked.merged),
        enabled_capabilities: capabilities,
      },
    });
    return inserted;
  });
  await queueVerification(deps, row);
  return present(row);
}

export async function updateIntegration(
  deps: Deps,
  tenantId: string,
  id: string,
  body: UpdateIntegrationBody,
  who: AuditContext,
): Promise<Integration> {
  const { row, reverify } = await inScope(deps.db, { tenantId }, async (trx) => {
    const before = await loadOr404(trx, tenantId, id, true);
    const provider = providerOf(before);
    if (body.enabled_capabilities) checkCapabilities(provider, body.enabled_capabilities);
    const changes: string[] = [];
    const patch: Parameters<typeof repo.updateIntegration>[3] = {};
    let reverify = false;

    if (body.credentials) {
      const checked = checkCredentials(provider.manifest, body.credentials, {
        settings: before.settings,
        secretFields: Object.keys(before.secrets),
      });
      if (!checked.ok) throw invalid(checked.errors);
      if (checked.value.changed) {
        const sealed = await sealSecrets(deps, trx, before, {
          ...checked.value.newSecrets,
          ...Object.fromEntries(checked.value.clearedSecrets.map((field) => [field, ''])),
        });
        patch.settings = JSON.stringify(checked.value.settings);
        patch.secrets = JSON.stringify(sealed.secrets);
        patch.hints = JSON.stringify(sealed.hints);
        patch.generation = before.generation + 1;
        patch.status = before.status === 'inactive' ? 'inactive' : 'pending_verify';
        patch.verified_at = null;
        patch.verify_requested_at = new Date();
        changes.push(
          ...Object.keys(checked.value.newSecrets).map((f) => `credentials.${f} (replaced)`),
          ...checked.value.clearedSecrets.map((f) => `credentials.${f} (removed)`),
          ...Object.keys(provider.manifest.credentialSchema)
            .filter((f) => !provider.manifest.credentialSchema[f]!.sensitive)
            .filter((f) => before.settings[f] !== checked.value.settings[f])
            .map((f) => `credentials.${f}`),
        );
        reverify = true;
      }
    }
    if (body.enabled_capabilities && body.enabled_capabilities.join() !== before.enabled_capabilities.join()) {
      patch.enabled_capabilities = body.enabled_capabilities;
      changes.push('enabled_capabilities');
    }
    if (body.metadata && JSON.stringify(body.metadata) !== JSON.stringify(before.metadata)) {
      patch.metadata = JSON.stringify(body.metadata);
      changes.push('metadata');
    }
    if (changes.length === 0) return { row: before, reverify: false };

    const row = (await repo.updateIntegration(trx, tenantId, id, patch))!;
    await recordTransition(trx, row, before.status, row.status, 'Credentials changed; verifying again');
    await recordAudit(trx, who, {
      tenantId,
      action: 'integration.updated',
      targetType: 'integration',
      targetId: id,
      targetLabel: provider.manifest.displayName,
      details: { changes },
    });
    return { row, reverify };
  });
  forgetInboundIntegration(tenantId, row.provider);
  if (reverify) await queueVerification(deps, row);
  return present(row);
}

export async function deleteIntegration(deps: Deps, tenantId: string, id: string, who: AuditContext) {
  await inScope(deps.db, { tenantId }, async (trx) => {
    const before = await loadOr404(trx, tenantId, id, true);
    // Credentials are erased with the soft delete: a disconnected integration keeps only its history.
    await repo.updateIntegration(trx, tenantId, id, {
      deleted_at: new Date(),
      secrets: '{}',
      hints: '{}',
      generation: before.generation + 1,
    });
    await recordAudit(trx, who, {
      tenantId,
      action: 'integration.deleted',
      targetType: 'integration',
      targetId: id,
      targetLabel: providerOf(before).manifest.displayName,
      details: { provider: before.provider, status: before.status },
    });
    forgetInboundIntegration(tenantId, before.provider);
  });
}

type Action = 'activate' | 'disable' | 'verify' | 'reset';

const actionReasons: Record<Action, string> = {
  activate: 'Enabled',
  disable: 'Disabled',
  verify: 'Verification requested',
  reset: 'Reset: metadata cleared; verifying again',
};

/**
 * The four state actions. `activate` re-enables a disabled integration (verifying it first if it was
 * never verified); `disable` takes any integration out of routing; `verify` and `reset` queue a
 * verification (an `error` integration returns to `pending_verify` so it can recover).
 */
export async function changeState(
  deps: Deps,
  tenantId: string,
  id: string,
  action: Action,
  who: AuditContext,
): Promise<IntegrationState> {
  const { row, queue } = await inScope(deps.db, { tenantId }, async (trx) => {
    const before = await loadOr404(trx, tenantId, id, true);
    const patch: Parameters<typeof repo.updateIntegration>[3] = {};
    let queue = false;
    switch (action) {
      case 'activate':
        if (before.status === 'active') return { row: before, queue: false };
        if (before.status !== 'inactive') {
          throw conflict(
            before.status === 'error'
              ? 'This integration failed verification; update its credentials or verify it again instead.'
              : 'This integration is still being verified; it becomes active on its own when verification succeeds.',
          );
        }
        patch.status = before.verified_at ? 'active' : 'pending_verify';
        queue = !before.verified_at;
        break;
      case 'disable':
        if (before.status === 'inactive') return { row: before, queue: false };
        patch.status = 'inactive';
        break;
      case 'reset':
        patch.metadata = '{}';
        patch.health = '{}';
        patch.connected_at = new Date();
      // falls through: a reset verifies again
      case 'verify':
        if (before.status === 'error') patch.status = 'pending_verify';
        queue = true;
        break;
    }
    if (queue) patch.verify_requested_at = new Date();
    const row = (await repo.updateIntegration(trx, tenantId, id, patch))!;
    const by = who.principal ? ` by ${actorOf(who.principal).label}` : '';
    await recordTransition(trx, row, before.status, row.status, `${actionReasons[action]}${by}`);
    await recordAudit(trx, who, {
      tenantId,
      action: `integration.${action === 'verify' ? 'verify_requested' : action === 'activate' ? 'activated' : action === 'disable' ? 'disabled' : 'reset'}`,
      targetType: 'integration',
      targetId: id,
      targetLabel: providerOf(row).manifest.displayName,
      details: { from_status: before.status, to_status: row.status },
    });
    return { row, queue };
  });
  forgetInboundIntegration(tenantId, row.provider);
  if (queue) await queueVerification(deps, row);
  return toState(row);
}
