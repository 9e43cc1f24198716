import type { ColumnType, Generated, Selectable } from 'kysely';

/** Insert-optional (database default); kysely 0.28 does not unwrap Generated<ColumnType>. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown> | undefined,
  string | Record<string, unknown>
>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  country: string;
  plan: 'free' | 'standard' | 'pro' | 'enterprise';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  is_platform_admin: Generated<boolean>;
  must_change_password: Generated<boolean>;
  created_at: Timestamp;
  last_login_at: NullableTimestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'manager' | 'staff';
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  tenant_id: string | null;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  key_id: string;
  secret_hash: string;
  prefix: string;
  last4: string;
  name: string;
  description: string | null;
  environment: 'production' | 'staging' | 'development';
  scopes: string[];
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  last_used_ip: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  tenant_id: string;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  details: Json;
  ip: string | null;
  request_id: string | null;
  created_at: Timestamp;
}

export interface DataKeysTable {
  id: Generated<string>;
  tenant_id: string;
  kek_id: string;
  wrapped: string;
  created_at: Timestamp;
}

export interface PlatformSecretsTable {
  name: string;
  kek_id: string;
  wrapped: string;
  created_at: Timestamp;
}

export interface PlanEntitlementsTable {
  plan: string;
  feature: string;
  enabled: boolean;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

type JsonOf<T> = ColumnType<T, string | T | undefined, string | T>;

export interface IntegrationsTable {
  id: string;
  tenant_id: string;
  provider: string;
  status: 'pending_verify' | 'active' | 'inactive' | 'error';
  enabled_capabilities: ColumnType<string[], string[] | undefined, string[]>;
  /** Non-sensitive credential values in clear. */
  settings: JsonOf<Record<string, string>>;
  /** Sensitive credential values: field → `v1.<dek>.<nonce>.<ciphertext>`. */
  secrets: JsonOf<Record<string, string>>;
  /** Field → last four characters of a stored secret. */
  hints: JsonOf<Record<string, string>>;
  metadata: Json;
  health: Json;
  generation: ColumnType<number, number | undefined, number>;
  verify_requested_at: NullableTimestamp;
  verified_at: NullableTimestamp;
  connected_at: Timestamp;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IntegrationStatusEventsTable {
  id: Generated<string>;
  tenant_id: string;
  integration_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  created_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  tenant_id: string;
  capability: string;
  integration_id: string;
  priority: number;
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  fallback_integration_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventsTable {
  id: Generated<string>;
  tenant_id: string;
  type: string;
  payload: Json;
  created_at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  description: string | null;
  event_types: ColumnType<string[], string[] | undefined, string[]>;
  headers: JsonOf<Record<string, string>>;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  /** Ciphertext of the `whsec_…` signing secret. */
  secret: string;
  secret_hint: string;
  previous_secret: string | null;
  previous_secret_expires_at: NullableTimestamp;
  failing_since: NullableTimestamp;
  last_delivery_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookMessagesTable {
  id: string;
  tenant_id: string;
  event_type: string;
  payload: Json;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  message_id: string;
  endpoint_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  trigger: ColumnType<'scheduled' | 'manual', 'scheduled' | 'manual' | undefined, 'scheduled' | 'manual'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookAttemptsTable {
  id: Generated<string>;
  tenant_id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  status_code: number;
  success: boolean;
  error: string | null;
  duration_ms: number;
  response_excerpt: string | null;
  trigger: 'scheduled' | 'manual' | 'test';
  attempt_number: number;
  created_at: Timestamp;
}

export interface InboundEventsTable {
  id: Generated<string>;
  tenant_id: string;
  provider: string;
  status: 'verified' | 'rejected' | 'duplicate' | 'ignored';
  reason: string | null;
  provider_event_id: string | null;
  event_type: string | null;
  headers: JsonOf<Record<string, string>>;
  body_size: number;
  payload: string | null;
  normalized: JsonOf<{ type: string; payload: Record<string, unknown> }[]>;
  processed_at: NullableTimestamp;
  processing_result: string | null;
  locked_until: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  received_at: Timestamp;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  data_keys: DataKeysTable;
  platform_secrets: PlatformSecretsTable;
  plan_entitlements: PlanEntitlementsTable;
  rate_limits: RateLimitsTable;
  integrations: IntegrationsTable;
  integration_status_events: IntegrationStatusEventsTable;
  routing_rules: RoutingRulesTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  inbound_events: InboundEventsTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type IntegrationRow = Selectable<IntegrationsTable>;
export type IntegrationStatusEventRow = Selectable<IntegrationStatusEventsTable>;
export type RoutingRuleRow = Selectable<RoutingRulesTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type InboundEventRow = Selectable<InboundEventsTable>;
