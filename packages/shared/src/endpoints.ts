import { z } from 'zod';

import {
  ApiKey,
  ApiKeyListQuery,
  BulkRevokeBody,
  BulkRevokeResult,
  CreateApiKeyBody,
  CreatedApiKey,
  UpdateApiKeyBody,
} from './api-keys.js';
import { AuditEvent, AuditQuery } from './audit.js';
import {
  CreateIntegrationBody,
  Integration,
  IntegrationHistoryQuery,
  IntegrationListQuery,
  IntegrationState,
  IntegrationStatusEvent,
  Provider,
  UpdateIntegrationBody,
} from './integrations.js';
import {
  CreateRoutingRuleBody,
  Resolution,
  ResolveQuery,
  RoutingRule,
  RoutingRuleListQuery,
  UpdateRoutingRuleBody,
} from './routing.js';
import {
  AttemptListQuery,
  BulkDeleteResult,
  BulkDeleteWebhooksBody,
  CreateWebhookBody,
  EventTypeInfo,
  MessageParams,
  RecoverBody,
  RecoverResult,
  RotateSecretBody,
  StatsQuery,
  TestResult,
  TestWebhookBody,
  UpdateWebhookBody,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookListQuery,
  WebhookStats,
  WebhookWithSecret,
} from './webhooks.js';
import { InboundEvent, InboundListQuery, InboundSummary } from './inbound.js';
import { ChangePasswordBody, LoginBody, Me, SwitchTenantBody } from './auth.js';
import { type Endpoint, endpoint } from './endpoint.js';
import { cursorEnvelope, IdParam, pagedEnvelope, PageQuery, successEnvelope } from './http.js';
import { ChangeRoleBody, InvitedMember, InviteMemberBody, Member } from './team.js';
import { CreatedTenant, CreateTenantBody, Tenant, UpdateTenantBody, UpdateTenantPlanBody } from './tenants.js';

const ok = successEnvelope(z.null());

// Auth
export const Login = endpoint({
  method: 'POST',
  path: '/api/v1/auth/login',
  summary: 'Sign in',
  tag: 'Auth',
  auth: 'public',
  body: LoginBody,
  errors: [401],
  response: successEnvelope(Me),
});
export const Logout = endpoint({
  method: 'POST',
  path: '/api/v1/auth/logout',
  summary: 'Sign out',
  tag: 'Auth',
  auth: 'session',
  response: ok,
});
export const GetMe = endpoint({
  method: 'GET',
  path: '/api/v1/auth/me',
  summary: 'Current user, tenant, role, permissions and entitlements',
  tag: 'Auth',
  auth: 'session',
  response: successEnvelope(Me),
});
export const SwitchTenant = endpoint({
  method: 'POST',
  path: '/api/v1/auth/switch-tenant',
  summary: 'Switch to another tenant the user belongs to',
  tag: 'Auth',
  auth: 'session',
  body: SwitchTenantBody,
  errors: [404],
  response: successEnvelope(Me),
});
export const ChangePassword = endpoint({
  method: 'POST',
  path: '/api/v1/auth/password',
  summary: 'Change own password',
  tag: 'Auth',
  auth: 'session',
  body: ChangePasswordBody,
  response: ok,
});

// Tenant settings
export const GetTenant = endpoint({
  method: 'GET',
  path: '/api/v1/tenant',
  summary: 'Current tenant',
  tag: 'Tenant',
  auth: 'principal',
  response: successEnvelope(Tenant),
});
export const UpdateTenant = endpoint({
  method: 'PATCH',
  path: '/api/v1/tenant',
  summary: 'Update tenant settings',
  tag: 'Tenant',
  auth: 'principal',
  body: UpdateTenantBody,
  response: successEnvelope(Tenant),
});

// Team
export const ListMembers = endpoint({
  method: 'GET',
  path: '/api/v1/team/members',
  summary: 'List team members',
  tag: 'Team',
  auth: 'principal',
  query: PageQuery,
  response: pagedEnvelope(Member),
});
export const InviteMember = endpoint({
  method: 'POST',
  path: '/api/v1/team/members',
  summary: 'Add a member (creates an account with a one-time password when needed)',
  tag: 'Team',
  auth: 'principal',
  body: InviteMemberBody,
  errors: [409],
  response: successEnvelope(InvitedMember),
  status: 201,
});
export const ChangeMemberRole = endpoint({
  method: 'PATCH',
  path: '/api/v1/team/members/:id',
  summary: "Change a member's role",
  tag: 'Team',
  auth: 'principal',
  params: IdParam,
  body: ChangeRoleBody,
  response: successEnvelope(Member),
});
export const RemoveMember = endpoint({
  method: 'DELETE',
  path: '/api/v1/team/members/:id',
  summary: 'Remove a member from the tenant',
  tag: 'Team',
  auth: 'principal',
  params: IdParam,
  errors: [409],
  response: ok,
});

// API keys
export const ListApiKeys = endpoint({
  method: 'GET',
  path: '/api/v1/api-keys',
  summary: 'List tenant API keys',
  tag: 'API keys',
  auth: 'principal',
  query: ApiKeyListQuery,
  response: pagedEnvelope(ApiKey),
});
export const CreateApiKey = endpoint({
  method: 'POST',
  path: '/api/v1/api-keys',
  summary: 'Generate an API key (the secret is returned once)',
  tag: 'API keys',
  auth: 'principal',
  body: CreateApiKeyBody,
  response: successEnvelope(CreatedApiKey),
  status: 201,
});
export const GetApiKey = endpoint({
  method: 'GET',
  path: '/api/v1/api-keys/:id',
  summary: 'Get an API key',
  tag: 'API keys',
  auth: 'principal',
  params: IdParam,
  response: successEnvelope(ApiKey),
});
export const UpdateApiKey = endpoint({
  method: 'PATCH',
  path: '/api/v1/api-keys/:id',
  summary: 'Update name, description, environment or scopes',
  tag: 'API keys',
  auth: 'principal',
  params: IdParam,
  body: UpdateApiKeyBody,
  response: successEnvelope(ApiKey),
});
export const RevokeApiKey = endpoint({
  method: 'POST',
  path: '/api/v1/api-keys/:id/revoke',
  summary: 'Revoke an API key',
  tag: 'API keys',
  auth: 'principal',
  params: IdParam,
  response: successEnvelope(ApiKey),
});
export const BulkRevokeApiKeys = endpoint({
  method: 'POST',
  path: '/api/v1/api-keys/bulk-revoke',
  summary: 'Revoke several API keys',
  tag: 'API keys',
  auth: 'principal',
  body: BulkRevokeBody,
  response: successEnvelope(BulkRevokeResult),
});

// Audit
export const ListAuditEvents = endpoint({
  method: 'GET',
  path: '/api/v1/audit-events',
  summary: 'Audit log (cursor pagination, newest first)',
  tag: 'Audit',
  auth: 'principal',
  query: AuditQuery,
  response: cursorEnvelope(AuditEvent),
});

// Platform (superadmin)
export const ListPlatformTenants = endpoint({
  method: 'GET',
  path: '/api/v1/platform/tenants',
  summary: 'List all tenants (platform superadmin)',
  tag: 'Platform',
  auth: 'session',
  query: PageQuery,
  response: pagedEnvelope(Tenant),
});
export const CreatePlatformTenant = endpoint({
  method: 'POST',
  path: '/api/v1/platform/tenants',
  summary: 'Create a tenant with its owner (platform superadmin)',
  tag: 'Platform',
  auth: 'session',
  body: CreateTenantBody,
  response: successEnvelope(CreatedTenant),
  status: 201,
});
export const UpdatePlatformTenantPlan = endpoint({
  method: 'PATCH',
  path: '/api/v1/platform/tenants/:id',
  summary: "Change a tenant's plan (platform superadmin)",
  tag: 'Platform',
  auth: 'session',
  params: IdParam,
  body: UpdateTenantPlanBody,
  response: successEnvelope(Tenant),
});

// Integrations (seed 004)
const integrationAction = (name: string, summary: string) =>
  endpoint({
    method: 'POST',
    path: `/api/v1/integrations/:id/${name}`,
    summary,
    tag: 'Integrations',
    auth: 'principal',
    params: IdParam,
    errors: [404, 409],
    response: successEnvelope(IntegrationState),
  });
export const ListProviders = endpoint({
  method: 'GET',
  path: '/api/v1/integrations/providers',
  summary: 'Provider catalog with credential schemas and whether each is configured',
  tag: 'Integrations',
  auth: 'principal',
  response: successEnvelope(z.array(Provider)).extend({ meta: z.object({}) }),
});
export const ListIntegrations = endpoint({
  method: 'GET',
  path: '/api/v1/integrations',
  summary: 'List integrations (sensitive credentials are always null)',
  tag: 'Integrations',
  auth: 'principal',
  query: IntegrationListQuery,
  response: pagedEnvelope(Integration),
});
export const CreateIntegration = endpoint({
  method: 'POST',
  path: '/api/v1/integrations',
  summary: 'Configure an integration; verification runs asynchronously',
  tag: 'Integrations',
  auth: 'principal',
  body: CreateIntegrationBody,
  status: 201,
  response: successEnvelope(Integration).extend({ meta: z.object({}) }),
});
export const GetIntegration = endpoint({
  method: 'GET',
  path: '/api/v1/integrations/:id',
  summary: 'One integration',
  tag: 'Integrations',
  auth: 'principal',
  params: IdParam,
  errors: [404],
  response: successEnvelope(Integration).extend({ meta: z.object({}) }),
});
export const UpdateIntegration = endpoint({
  method: 'PATCH',
  path: '/api/v1/integrations/:id',
  summary: 'Update credentials, capabilities or metadata; changed credentials are verified again',
  tag: 'Integrations',
  auth: 'principal',
  params: IdParam,
  body: UpdateIntegrationBody,
  errors: [404],
  response: successEnvelope(Integration).extend({ meta: z.object({}) }),
});
export const DeleteIntegration = endpoint({
  method: 'DELETE',
  path: '/api/v1/integrations/:id',
  summary: 'Disconnect (soft delete) an integration',
  tag: 'Integrations',
  auth: 'principal',
  params: IdParam,
  errors: [404],
  response: z.object({ success: z.literal(true), message: z.string() }),
});
export const ActivateIntegration = integrationAction('activate', 'Enable an inactive integration');
export const DisableIntegration = integrationAction('disable', 'Disable an integration (excluded from routing)');
export const VerifyIntegration = integrationAction('verify', 'Verify the stored credentials now');
export const ResetIntegration = integrationAction(
  'reset',
  'Clear stored metadata, refresh the connection timestamp and verify again',
);
export const ListIntegrationHistory = endpoint({
  method: 'GET',
  path: '/api/v1/integrations/:id/history',
  summary: 'Status history of an integration, newest first',
  tag: 'Integrations',
  auth: 'principal',
  params: IdParam,
  query: IntegrationHistoryQuery,
  errors: [404],
  response: cursorEnvelope(IntegrationStatusEvent),
});

// Routing rules
export const ListRoutingRules = endpoint({
  method: 'GET',
  path: '/api/v1/routing-rules',
  summary: 'List routing rules, highest priority first',
  tag: 'Routing rules',
  auth: 'principal',
  query: RoutingRuleListQuery,
  response: pagedEnvelope(RoutingRule),
});
export const CreateRoutingRule = endpoint({
  method: 'POST',
  path: '/api/v1/routing-rules',
  summary: 'Create a routing rule',
  tag: 'Routing rules',
  auth: 'principal',
  body: CreateRoutingRuleBody,
  status: 201,
  response: successEnvelope(RoutingRule),
});
export const ResolveRoute = endpoint({
  method: 'GET',
  path: '/api/v1/routing-rules/resolve',
  summary: 'Which integration a capability uses now (409 no_active_provider when none)',
  tag: 'Routing rules',
  auth: 'principal',
  query: ResolveQuery,
  errors: [409],
  response: successEnvelope(Resolution),
});
export const GetRoutingRule = endpoint({
  method: 'GET',
  path: '/api/v1/routing-rules/:id',
  summary: 'One routing rule',
  tag: 'Routing rules',
  auth: 'principal',
  params: IdParam,
  errors: [404],
  response: successEnvelope(RoutingRule),
});
export const UpdateRoutingRule = endpoint({
  method: 'PATCH',
  path: '/api/v1/routing-rules/:id',
  summary: 'Update a routing rule',
  tag: 'Routing rules',
  auth: 'principal',
  params: IdParam,
  body: UpdateRoutingRuleBody,
  errors: [404],
  response: successEnvelope(RoutingRule),
});
export const DeleteRoutingRule = endpoint({
  method: 'DELETE',
  path: '/api/v1/routing-rules/:id',
  summary: 'Delete a routing rule',
  tag: 'Routing rules',
  auth: 'principal',
  params: IdParam,
  errors: [404],
  response: z.object({ success: z.literal(true), message: z.string() }),
});

// Outbound webhooks (seed 001, 003)
const webhookEndpoint = <const E extends Omit<Endpoint, 'tag' | 'auth'>>(e: E) =>
  endpoint({ ...e, tag: 'Webhooks', auth: 'principal' } as const);
export const ListEventTypes = webhookEndpoint({
  method: 'GET',
  path: '/api/v1/webhooks/event-types',
  summary: 'The event catalog with example payloads',
  response: successEnvelope(z.array(EventTypeInfo)),
});
export const ListWebhooks = webhookEndpoint({
  method: 'GET',
  path: '/api/v1/webhooks',
  summary: 'List webhook endpoints',
  query: WebhookListQuery,
  response: pagedEnvelope(WebhookEndpoint),
});
export const CreateWebhook = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks',
  summary: 'Create a webhook endpoint; its signing secret is answered once',
  body: CreateWebhookBody,
  status: 201,
  response: successEnvelope(WebhookWithSecret),
});
export const BulkDeleteWebhooks = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks/bulk-delete',
  summary: 'Delete several webhook endpoints',
  body: BulkDeleteWebhooksBody,
  response: successEnvelope(BulkDeleteResult),
});
export const GetWebhook = webhookEndpoint({
  method: 'GET',
  path: '/api/v1/webhooks/:id',
  summary: 'One webhook endpoint',
  params: IdParam,
  errors: [404],
  response: successEnvelope(WebhookEndpoint),
});
export const UpdateWebhook = webhookEndpoint({
  method: 'PATCH',
  path: '/api/v1/webhooks/:id',
  summary: 'Update a webhook endpoint',
  params: IdParam,
  body: UpdateWebhookBody,
  errors: [404],
  response: successEnvelope(WebhookEndpoint),
});
export const DeleteWebhook = webhookEndpoint({
  method: 'DELETE',
  path: '/api/v1/webhooks/:id',
  summary: 'Delete a webhook endpoint (permanent)',
  params: IdParam,
  errors: [404],
  response: z.object({ success: z.literal(true), message: z.string() }),
});
export const RotateWebhookSecret = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks/:id/rotate-secret',
  summary: 'Regenerate the signing secret; the previous one keeps signing during the grace period',
  params: IdParam,
  body: RotateSecretBody,
  errors: [404],
  response: successEnvelope(WebhookWithSecret),
});
export const TestWebhook = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks/:id/test',
  summary: 'Send a signed test event now and report the HTTP status or the error',
  params: IdParam,
  body: TestWebhookBody,
  errors: [404],
  response: successEnvelope(TestResult),
});
export const ListWebhookAttempts = webhookEndpoint({
  method: 'GET',
  path: '/api/v1/webhooks/:id/attempts',
  summary: 'Delivery attempts to an endpoint, newest first',
  params: IdParam,
  query: AttemptListQuery,
  errors: [404],
  response: cursorEnvelope(WebhookAttempt),
});
export const ResendWebhookMessage = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks/:id/messages/:messageId/resend',
  summary: 'Deliver one message to the endpoint again',
  params: MessageParams,
  errors: [404],
  response: successEnvelope(z.object({ queued: z.literal(true) })),
});
export const RecoverWebhook = webhookEndpoint({
  method: 'POST',
  path: '/api/v1/webhooks/:id/recover',
  summary: 'Re-queue every message that failed to reach the endpoint since a time (at most 14 days)',
  params: IdParam,
  body: RecoverBody,
  errors: [404],
  response: successEnvelope(RecoverResult),
});
export const GetWebhookStats = webhookEndpoint({
  method: 'GET',
  path: '/api/v1/webhooks/:id/stats',
  summary: 'Delivery successes and failures over time',
  params: IdParam,
  query: StatsQuery,
  errors: [404],
  response: successEnvelope(WebhookStats),
});

// Inbound webhook log (seed 002)
export const ListInboundEvents = endpoint({
  method: 'GET',
  path: '/api/v1/inbound-events',
  summary: 'Inbound webhook log, newest first',
  tag: 'Inbound webhooks',
  auth: 'principal',
  query: InboundListQuery,
  response: cursorEnvelope(InboundEvent),
});
export const GetInboundSummary = endpoint({
  method: 'GET',
  path: '/api/v1/inbound-events/summary',
  summary: 'Per provider: last inbound request and a warning when one has gone quiet for 24 h',
  tag: 'Inbound webhooks',
  auth: 'principal',
  response: successEnvelope(z.array(InboundSummary)),
});
export const GetInboundEvent = endpoint({
  method: 'GET',
  path: '/api/v1/inbound-events/:id',
  summary: 'One inbound request with its redacted payload',
  tag: 'Inbound webhooks',
  auth: 'principal',
  params: IdParam,
  errors: [404],
  response: successEnvelope(InboundEvent),
});

/** Every REST endpoint; the API mounts each, and the OpenAPI document lists each. */
export const ENDPOINTS = {
  Login,
  Logout,
  GetMe,
  SwitchTenant,
  ChangePassword,
  GetTenant,
  UpdateTenant,
  ListMembers,
  InviteMember,
  ChangeMemberRole,
  RemoveMember,
  ListApiKeys,
  CreateApiKey,
  GetApiKey,
  UpdateApiKey,
  RevokeApiKey,
  BulkRevokeApiKeys,
  ListAuditEvents,
  ListPlatformTenants,
  CreatePlatformTenant,
  UpdatePlatformTenantPlan,
  ListProviders,
  ListIntegrations,
  CreateIntegration,
  GetIntegration,
  UpdateIntegration,
  DeleteIntegration,
  ActivateIntegration,
  DisableIntegration,
  VerifyIntegration,
  ResetIntegration,
  ListIntegrationHistory,
  ListRoutingRules,
  CreateRoutingRule,
  ResolveRoute,
  GetRoutingRule,
  UpdateRoutingRule,
  DeleteRoutingRule,
  ListEventTypes,
  ListWebhooks,
  CreateWebhook,
  BulkDeleteWebhooks,
  GetWebhook,
  UpdateWebhook,
  DeleteWebhook,
  RotateWebhookSecret,
  TestWebhook,
  ListWebhookAttempts,
  ResendWebhookMessage,
  RecoverWebhook,
  GetWebhookStats,
  ListInboundEvents,
  GetInboundSummary,
  GetInboundEvent,
} as const;
