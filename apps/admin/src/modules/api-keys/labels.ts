import type { ApiKeyEnvironment, ApiKeyScope, ApiKeyStatus } from '@gatehouse/shared';

export const ENVIRONMENTS: { value: ApiKeyEnvironment; label: string }[] = [
  { value: 'production', label: 'Production' },
  { value: 'staging', label: 'Staging' },
  { value: 'development', label: 'Development' },
];

export const SCOPES: { value: ApiKeyScope; label: string; help: string }[] = [
  { value: 'api', label: 'API', help: 'Read and write integrations, webhooks and access data through the REST API.' },
  { value: 'admin', label: 'Admin', help: 'Also manage workspace settings, members, API keys and the audit log.' },
];

export const STATUSES: { value: ApiKeyStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

export const statusSeverity = (status: ApiKeyStatus): 'success' | 'warn' | 'secondary' =>
  status === 'active' ? 'success' : status === 'expired' ? 'warn' : 'secondary';

export const environmentSeverity = (environment: ApiKeyEnvironment): 'danger' | 'info' | 'secondary' =>
  environment === 'production' ? 'danger' : environment === 'staging' ? 'info' : 'secondary';

export const environmentLabel = (environment: ApiKeyEnvironment): string =>
  ENVIRONMENTS.find((e) => e.value === environment)?.label ?? environment;

export const statusLabel = (status: ApiKeyStatus): string => STATUSES.find((s) => s.value === status)?.label ?? status;
