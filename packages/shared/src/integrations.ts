import { z } from 'zod';

import { CursorQuery, PageQuery } from './http.js';

/**
 * Provider ids and capabilities are plain strings here: the catalog lives in the API's provider
 * registry (one folder per provider), so adding a provider never touches the shared contracts.
 */
export const ProviderName = z
  .string()
  .min(1, 'Provider is required')
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'Provider must be a provider name from GET /api/v1/integrations/providers');

export const Capability = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_]+$/, 'Capability must be a capability name such as send_sms');

export const ProviderCategory = z.enum(['payment', 'ai', 'communication', 'booking', 'email', 'access']);
export type ProviderCategory = z.infer<typeof ProviderCategory>;

export const IntegrationStatus = z.enum(['pending_verify', 'active', 'inactive', 'error']);
export type IntegrationStatus = z.infer<typeof IntegrationStatus>;

/** Test or live keys, derived from the credentials (Stripe key prefixes, PayPal environment). */
export const IntegrationMode = z.enum(['test', 'live']);
export type IntegrationMode = z.infer<typeof IntegrationMode>;

/** One field of a provider's credential form; the SPA builds every configure form from these. */
export const CredentialField = z
  .object({
    type: z.enum(['string', 'select', 'number', 'email']),
    /** Encrypted at rest, written once, answered as `null` with a last-four hint. */
    sensitive: z.boolean(),
    required: z.boolean(),
    label: z.string(),
    description: z.string(),
    /** A JavaScript regular expression (without slashes) the value must match. */
    pattern: z.string().optional(),
    /** The message shown when `pattern` does not match. */
    pattern_message: z.string().optional(),
    /** Choices of a `select` field. */
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    default: z.string().optional(),
    placeholder: z.string().optional(),
  })
  .meta({ id: 'CredentialField' });
export type CredentialField = z.infer<typeof CredentialField>;

export const Provider = z
  .object({
    name: z.string(),
    display_name: z.string(),
    category: ProviderCategory,
    description: z.string(),
    capabilities: z.array(z.string()),
    credential_schema: z.record(z.string(), CredentialField),
    is_configured: z.boolean(),
    /** The tenant's integration for this provider, when configured. */
    integration_id: z.uuid().nullable(),
    docs_url: z.string(),
    /** Path of the provider's logo (SVG) served by the API. */
    logo_url: z.string(),
    /** ISO country codes where the provider operates; `null` means everywhere. */
    regions: z.array(z.string()).nullable(),
    /** False when the tenant's country is outside `regions`. */
    available: z.boolean(),
    /** Read-only providers only import data (e.g. Beds24 legacy). */
    read_only: z.boolean(),
    /** The tenant's inbound webhook URL to paste into the provider's dashboard; `null` when it sends none. */
    inbound_webhook_url: z.string().nullable(),
    /** How to check the integration is healthy, shown on the health page. */
    health_hints: z.array(z.string()),
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof Provider>;

/** Non-sensitive values in clear; sensitive ones always `null`. */
export const MaskedCredentials = z.record(z.string(), z.string().nullable());
export type MaskedCredentials = z.infer<typeof MaskedCredentials>;

export const Integration = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    display_name: z.string(),
    category: ProviderCategory,
    status: IntegrationStatus,
    enabled_capabilities: z.array(z.string()),
    credentials: MaskedCredentials,
    /**
     * The last four characters of each stored sensitive field, e.g. `{ "secret_key": "4242" }`;
     * `null` when the field is not stored (or too short to hint at safely).
     */
    credential_hints: z.record(z.string(), z.string().nullable()),
    mode: IntegrationMode.nullable(),
    /** Your own metadata plus what verification recorded (`last_error`, `last_checked_at`, `account`). */
    metadata: z.record(z.string(), z.unknown()),
    /** A verification job is queued or running. */
    verifying: z.boolean(),
    verified_at: z.iso.datetime().nullable(),
    connected_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Integration' });
export type Integration = z.infer<typeof Integration>;

const Metadata = z
  .record(z.string().max(100), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 16_384, 'Metadata must be at most 16 KB of JSON');

/** Credential values as sent; each provider's schema checks names, patterns and required fields. */
export const CredentialsInput = z.record(z.string().max(60), z.string().max(8192, 'Value is too long').nullable());

const UniqueCapabilities = z
  .array(Capability)
  .max(50)
  .refine((c) => new Set(c).size === c.length, 'Capabilities must not repeat');

export const CreateIntegrationBody = z
  .object({
    provider: ProviderName,
    credentials: CredentialsInput.default({}),
    /** Defaults to every capability of the provider. */
    enabled_capabilities: UniqueCapabilities.optional(),
    metadata: Metadata.optional(),
  })
  .strict();
export type CreateIntegrationBody = z.infer<typeof CreateIntegrationBody>;

/**
 * Partial update. A blank (`""`) or omitted secret keeps the stored value; `null` removes an optional
 * secret. Omitted non-sensitive fields are unchanged; a blank optional one is cleared.
 */
export const UpdateIntegrationBody = z
  .object({
    credentials: CredentialsInput,
    enabled_capabilities: UniqueCapabilities,
    metadata: Metadata,
  })
  .partial()
  .strict();
export type UpdateIntegrationBody = z.infer<typeof UpdateIntegrationBody>;

export const IntegrationListQuery = PageQuery.extend({
  status: IntegrationStatus.optional(),
  category: ProviderCategory.optional(),
  provider: ProviderName.optional(),
});
export type IntegrationListQuery = z.infer<typeof IntegrationListQuery>;

/** What `activate`/`disable`/`verify`/`reset` answer: the integration's new state. */
export const IntegrationState = z.object({
  id: z.uuid(),
  status: IntegrationStatus,
  verifying: z.boolean(),
  updated_at: z.iso.datetime(),
});
export type IntegrationState = z.infer<typeof IntegrationState>;

/** One entry of an integration's status history. */
export const IntegrationStatusEvent = z
  .object({
    id: z.uuid(),
    from_status: IntegrationStatus.nullable(),
    to_status: IntegrationStatus,
    /** Why: `created`, `verified`, `rejected: …`, `disabled by …`. Never a credential. */
    reason: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'IntegrationStatusEvent' });
export type IntegrationStatusEvent = z.infer<typeof IntegrationStatusEvent>;

export const IntegrationHistoryQuery = CursorQuery;
export type IntegrationHistoryQuery = z.infer<typeof IntegrationHistoryQuery>;
