import type { IntegrationRow } from '../db/schema.js';
import { inScope } from '../db/scope.js';
import type { Deps } from '../deps.js';
import type { VerifyJob } from '../jobs/queue.js';
import { findProvider } from '../providers/registry.js';
import type { Credentials, ProviderDefinition, VerifyOutcome } from '../providers/types.js';
import * as repo from './integrations.repository.js';
import { recordTransition } from './status.js';
import { decryptCredentials, sealSecrets } from './stored-credentials.js';

/** Thrown for an unreachable provider so the queue retries the job with backoff. */
export class RetryLater extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryLater';
  }
}

/** The base URL a verifier calls: `PROVIDER_<ID>_BASE_URL`, else the manifest's default. */
export function baseUrlFor(deps: Deps, provider: ProviderDefinition, credentials: Credentials): string {
  const configured = deps.env.providerBaseUrls[provider.manifest.id];
  if (configured) return configured;
  const fallback = provider.manifest.defaultBaseUrl;
  return (typeof fallback === 'function' ? fallback(credentials) : fallback) ?? '';
}

async function loadForVerification(deps: Deps, job: VerifyJob) {
  return inScope(deps.db, { tenantId: job.tenantId }, async (trx) => {
    const row = await repo.findIntegration(trx, job.tenantId, job.integrationId);
    // Deleted, or its credentials changed since the job was queued: a newer job covers it.
    if (!row || row.generation !== job.generation) return null;
    const provider = findProvider(row.provider);
    if (!provider) return null;
    return { row, provider, credentials: await decryptCredentials(deps, trx, row) };
  });
}

/**
 * Verifies one integration (a pg-boss job). The provider call runs outside any transaction; the
 * result is applied under a row lock and only if the credentials are still the ones verified.
 * Unreachable providers throw RetryLater after recording the reason, so the queue retries.
 */
export async function runVerification(deps: Deps, job: VerifyJob, attempt: number): Promise<void> {
  const loaded = await loadForVerification(deps, job);
  if (!loaded) return;
  const { provider, credentials } = loaded;
  let outcome: VerifyOutcome;
  try {
    outcome = await provider.verify({ http: deps.http, baseUrl: baseUrlFor(deps, provider, credentials), credentials });
  } catch (error) {
    // A verifier bug must not leak its message (it may quote a credential); log the type only.
    deps.log.error({ provider: provider.manifest.id, err: (error as Error).name }, 'verifier threw');
    outcome = {
      kind: 'unreachable',
      reason: `${provider.manifest.displayName} could not be verified (internal error)`,
    };
  }
  await applyOutcome(deps, job, outcome, attempt);
  if (outcome.kind === 'unreachable') throw new RetryLater(outcome.reason);
}

type Status = IntegrationRow['status'];

/** Where each outcome takes each status; `inactive` stays inactive (the result is only recorded). */
export function nextStatus(current: Status, outcome: VerifyOutcome['kind']): Status {
  if (current === 'inactive') return 'inactive';
  if (outcome === 'valid') return 'active';
  if (outcome === 'rejected' || outcome === 'under_scoped') return 'error';
  return current;
}

async function applyOutcome(deps: Deps, job: VerifyJob, outcome: VerifyOutcome, attempt: number): Promise<void> {
  await inScope(deps.db, { tenantId: job.tenantId }, async (trx) => {
    const row = await repo.lockIntegration(trx, job.tenantId, job.integrationId);
    if (!row || row.generation !== job.generation) return;
    const now = new Date();
    const health: Record<string, unknown> = { ...row.health, last_checked_at: now.toISOString() };
    const patch: Parameters<typeof repo.updateIntegration>[3] = {};
    if (outcome.kind === 'valid') {
      delete health.last_error;
      delete health.last_error_at;
      delete health.missing_permission;
      delete health.verification_attempts;
      if (outcome.account) health.account = outcome.account;
      patch.verified_at = now;
    } else {
      health.last_error = outcome.reason;
      health.last_error_at = now.toISOString();
      if (outcome.kind === 'under_scoped') health.missing_permission = outcome.missing;
      else delete health.missing_permission;
      if (outcome.kind === 'unreachable') health.verification_attempts = attempt + 1;
      else delete health.verification_attempts;
    }
    if (outcome.replaceCredentials) {
      const sealed = await sealSecrets(deps, trx, row, outcome.replaceCredentials);
      patch.secrets = JSON.stringify(sealed.secrets);
      patch.hints = JSON.stringify(sealed.hints);
    }
    patch.health = JSON.stringify(health);
    patch.status = nextStatus(row.status, outcome.kind);
    await repo.updateIntegration(trx, row.tenant_id, row.id, patch);
    const reason =
      outcome.kind === 'valid'
        ? row.status === 'error'
          ? `Recovered: ${outcome.reason}`
          : `Verified: ${outcome.reason}`
        : outcome.kind === 'under_scoped'
          ? `Missing permission (${outcome.missing}): ${outcome.reason}`
          : `Rejected: ${outcome.reason}`;
    await recordTransition(trx, row, row.status, patch.status, reason);
  });
}

/** Marks each integration as requested again (in its tenant's scope) and queues its verification. */
async function requeue(deps: Deps, items: { id: string; tenant_id: string; generation: number }[]): Promise<number> {
  for (const item of items) {
    await inScope(deps.db, { tenantId: item.tenant_id }, (trx) =>
      repo.updateIntegration(trx, item.tenant_id, item.id, { verify_requested_at: new Date() }),
    );
    await deps.jobs.requestVerification({
      tenantId: item.tenant_id,
      integrationId: item.id,
      generation: item.generation,
    });
  }
  return items.length;
}

/** Minute sweep: re-queue verifications whose job was lost or gave up (at most every 15 minutes each). */
export async function sweepStaleVerifications(deps: Deps): Promise<number> {
  return requeue(deps, await inScope(deps.db, { platform: true }, (trx) => repo.listStaleVerifications(trx, 15 * 60)));
}

/** Daily: re-verify every active or failing integration; a break moves it to `error`, a recovery back. */
export async function reverifyAll(deps: Deps): Promise<number> {
  return requeue(deps, await inScope(deps.db, { platform: true }, (trx) => repo.listForReverification(trx)));
}
