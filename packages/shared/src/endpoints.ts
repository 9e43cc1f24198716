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
import { ChangePasswordBody, LoginBody, Me, SwitchTenantBody } from './auth.js';
import { endpoint } from './endpoint.js';
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
} as const;
