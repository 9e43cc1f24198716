import type { CredentialField, IntegrationMode, ProviderCategory } from '@gatehouse/shared';

import type { OutboundHttp } from '../net/outbound.js';

/** Credential values as stored and decrypted: field name → value (absent when never set). */
export type Credentials = Record<string, string>;

/** Everything a provider declares about itself; served (with tenant details) by GET /providers. */
export interface ProviderManifest {
  id: string;
  displayName: string;
  category: ProviderCategory;
  description: string;
  docsUrl: string;
  /** A self-contained SVG, served at /api/v1/integrations/providers/<id>/logo.svg. */
  logoSvg: string;
  /** ISO country codes where the provider can be used; `null` = everywhere. */
  regions: readonly string[] | null;
  capabilities: readonly string[];
  credentialSchema: Record<string, CredentialField>;
  /**
   * Default API base URL (a function when it depends on the credentials, e.g. PayPal sandbox/live);
   * `PROVIDER_<ID>_BASE_URL` overrides it (tests point it at a fake). `null`: no HTTP API (SMTP, 2N).
   */
  defaultBaseUrl: string | ((credentials: Credentials) => string) | null;
  /** Sends webhooks to `/api/webhooks/<id>/t/<tenant-slug>`. */
  sendsWebhooks: boolean;
  /** Imports only (Beds24 legacy). */
  readOnly?: boolean;
  /** "Verify health" hints for the health page (seed 002). */
  healthHints: readonly string[];
  /** Test or live, derived from the credentials (e.g. Stripe key prefixes). */
  mode?(credentials: Credentials): IntegrationMode | null;
  /**
   * Checks across fields the per-field patterns cannot express, returning field → message
   * (e.g. Stripe publishable and secret key from different modes).
   */
  crossCheck?(credentials: Credentials): Record<string, string>;
}

/**
 * Outcome classes (everruns PR 3516): only `rejected` and `under_scoped` move an integration to
 * `error`; `unreachable` keeps it waiting and is retried. `reason` is a human sentence written by us,
 * never the provider's body and never a credential.
 */
export type VerifyOutcome = (
  | {
      kind: 'valid';
      reason: string;
      /** A label of the verified account shown in metadata (e.g. the WhatsApp display number). */
      account?: string;
    }
  | { kind: 'rejected'; reason: string }
  | { kind: 'under_scoped'; reason: string; missing: string }
  | { kind: 'unreachable'; reason: string }
) & {
  /**
   * Credential values to store in place of the ones sent, whatever the outcome (Beds24: a
   * single-use invite code exchanged for a refresh token must be kept even if a later call fails).
   */
  replaceCredentials?: Credentials;
};

export interface VerifyContext {
  http: OutboundHttp;
  /** The configured base URL (no trailing slash), or the manifest default; '' when it has none. */
  baseUrl: string;
  credentials: Credentials;
}

export interface ProviderDefinition {
  manifest: ProviderManifest;
  verify(ctx: VerifyContext): Promise<VerifyOutcome>;
  /** Present for providers that send webhooks to `/api/webhooks/<id>/t/<tenant-slug>`. */
  inbound?: InboundHandler;
}

/** An inbound webhook request as received, before any parsing. */
export interface InboundRequest {
  method: 'GET' | 'POST';
  /** The exact bytes received (signatures are computed over them). */
  rawBody: Buffer;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The public URL the provider called (PUBLIC_BASE_URL + path + query), for Twilio's signature. */
  publicUrl: string;
}

/** A normalized event an inbound payload produces; it flows into outbound webhooks. */
export interface NormalizedEvent {
  type: string;
  payload: Record<string, unknown>;
}

export type InboundResult =
  /** Answer a handshake directly (WhatsApp `hub.challenge`), nothing to process. */
  | { kind: 'handshake'; status: number; body: string }
  /** Verified: `eventId` deduplicates, `events` are what processing will emit. */
  | { kind: 'verified'; eventId: string | null; eventType: string | null; events: NormalizedEvent[] }
  /** Refused, with a reason we wrote (never the secret, never an echo of the signature). */
  | { kind: 'rejected'; status: number; reason: string };

export interface InboundContext {
  request: InboundRequest;
  /** The tenant's decrypted credentials for this provider. */
  credentials: Credentials;
  /** For providers whose verification is an API call (PayPal). */
  http: OutboundHttp;
  baseUrl: string;
  now: Date;
}

/** A provider's inbound webhook receiver (`inbound.ts`): verify the request, then normalize it. */
export type InboundHandler = (ctx: InboundContext) => Promise<InboundResult>;
