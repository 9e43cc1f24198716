import type { Integration, IntegrationState, IntegrationStatusEvent, Provider } from '@gatehouse/shared';

import type { IntegrationRow, IntegrationStatusEventRow, TenantRow } from '../db/schema.js';
import type { ProviderDefinition } from '../providers/types.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A verification is queued or running: requested after the last recorded check. */
export function isVerifying(row: IntegrationRow): boolean {
  if (!row.verify_requested_at) return false;
  const checked = typeof row.health.last_checked_at === 'string' ? Date.parse(row.health.last_checked_at) : NaN;
  return Number.isNaN(checked) || checked < row.verify_requested_at.getTime();
}

/**
 * The API shape of seed 004: sensitive fields are always `null` (their hint says which one is
 * stored), non-sensitive ones in clear; verification's notes are merged over the tenant's metadata.
 */
export function toIntegration(row: IntegrationRow, provider: ProviderDefinition): Integration {
  const { manifest } = provider;
  const credentials: Record<string, string | null> = {};
  const hints: Record<string, string | null> = {};
  for (const [field, spec] of Object.entries(manifest.credentialSchema)) {
    if (spec.sensitive) {
      credentials[field] = null;
      hints[field] = field in row.secrets ? (row.hints[field] ?? null) : null;
    } else {
      credentials[field] = row.settings[field] ?? null;
    }
  }
  return {
    id: row.id,
    provider: row.provider,
    display_name: manifest.displayName,
    category: manifest.category,
    status: row.status,
    enabled_capabilities: row.enabled_capabilities,
    credentials,
    credential_hints: hints,
    mode: manifest.mode?.(row.settings) ?? null,
    metadata: { ...row.metadata, ...row.health },
    verifying: isVerifying(row),
    verified_at: iso(row.verified_at),
    connected_at: row.connected_at.toISOString(),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export const toState = (row: IntegrationRow): IntegrationState => ({
  id: row.id,
  status: row.status,
  verifying: isVerifying(row),
  updated_at: row.updated_at.toISOString(),
});

export const toStatusEvent = (row: IntegrationStatusEventRow): IntegrationStatusEvent => ({
  id: row.id,
  from_status: row.from_status as IntegrationStatusEvent['from_status'],
  to_status: row.to_status as IntegrationStatusEvent['to_status'],
  reason: row.reason,
  created_at: row.created_at.toISOString(),
});

/** One catalog entry as the tenant sees it. */
export function toProvider(
  provider: ProviderDefinition,
  tenant: Pick<TenantRow, 'slug' | 'country'>,
  integration: IntegrationRow | undefined,
  publicBaseUrl: string,
): Provider {
  const m = provider.manifest;
  return {
    name: m.id,
    display_name: m.displayName,
    category: m.category,
    description: m.description,
    capabilities: [...m.capabilities],
    credential_schema: m.credentialSchema,
    is_configured: integration !== undefined,
    integration_id: integration?.id ?? null,
    docs_url: m.docsUrl,
    logo_url: `/api/v1/integrations/providers/${m.id}/logo.svg`,
    regions: m.regions ? [...m.regions] : null,
    available: m.regions === null || m.regions.includes(tenant.country),
    read_only: m.readOnly ?? false,
    inbound_webhook_url: m.sendsWebhooks ? `${publicBaseUrl}/api/webhooks/${m.id}/t/${tenant.slug}` : null,
    health_hints: [...m.healthHints],
  };
}
