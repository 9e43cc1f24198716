import type {
  Integration,
  IntegrationMode,
  IntegrationStatus,
  ProviderCategory,
  Resolution,
  RoutingTarget,
} from '@gatehouse/shared';

export type TagSeverity = 'secondary' | 'info' | 'success' | 'warn' | 'danger';

/** What a provider card says about the tenant's integration; `not_connected` when there is none. */
export type ConnectionState = 'not_connected' | 'verifying' | 'connected' | 'disabled' | 'error';

const STATE_LABELS: Record<ConnectionState, string> = {
  not_connected: 'Not connected',
  verifying: 'Verifying',
  connected: 'Connected',
  disabled: 'Disabled',
  error: 'Error',
};

const STATE_SEVERITIES: Record<ConnectionState, TagSeverity> = {
  not_connected: 'secondary',
  verifying: 'info',
  connected: 'success',
  disabled: 'warn',
  error: 'danger',
};

const STATUS_STATES: Record<IntegrationStatus, ConnectionState> = {
  pending_verify: 'verifying',
  active: 'connected',
  inactive: 'disabled',
  error: 'error',
};

/** A verification is queued or running: the status is about to change. */
export const isUnsettled = (integration: Pick<Integration, 'status' | 'verifying'>): boolean =>
  integration.status === 'pending_verify' || integration.verifying;

/** The card state of an integration: a running verification wins over the stored status. */
export function connectionState(
  integration: Pick<Integration, 'status' | 'verifying'> | null | undefined,
): ConnectionState {
  if (!integration) return 'not_connected';
  return isUnsettled(integration) ? 'verifying' : STATUS_STATES[integration.status];
}

export const stateLabel = (state: ConnectionState): string => STATE_LABELS[state];
export const stateSeverity = (state: ConnectionState): TagSeverity => STATE_SEVERITIES[state];

/** Label and severity of a routing target's status, which may also be `deleted`. */
export function targetStatus(status: RoutingTarget['status']): { label: string; severity: TagSeverity } {
  if (status === 'deleted') return { label: 'Deleted', severity: 'danger' };
  const state = STATUS_STATES[status];
  return { label: STATE_LABELS[state], severity: STATE_SEVERITIES[state] };
}

export const modeLabel = (mode: IntegrationMode): string => (mode === 'live' ? 'Live' : 'Test');
export const modeSeverity = (mode: IntegrationMode): TagSeverity => (mode === 'live' ? 'success' : 'warn');

/** The order and headings of the provider sections on the Connections hub. */
export const CATEGORIES: readonly { value: ProviderCategory; title: string }[] = [
  { value: 'payment', title: 'Payments' },
  { value: 'ai', title: 'AI' },
  { value: 'communication', title: 'Messaging' },
  { value: 'booking', title: 'Booking channels' },
  { value: 'email', title: 'Email' },
  { value: 'access', title: 'Access control' },
];

export const categoryTitle = (category: ProviderCategory): string =>
  CATEGORIES.find((c) => c.value === category)?.title ?? category;

/** `send_sms` → "Send sms". */
export const capabilityLabel = (capability: string): string => {
  const words = capability.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const VIA_LABELS: Record<Resolution['via'], string> = {
  rule: 'Routing rule',
  fallback: 'Fallback of a routing rule',
  only_active: 'The only active integration with this capability',
  platform_default: 'Platform default',
};

export const viaLabel = (via: Resolution['via']): string => VIA_LABELS[via];

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** What the last verification (or a runtime failure) recorded as the problem, if anything. */
export const lastError = (integration: Pick<Integration, 'metadata'>): string | null =>
  text(integration.metadata.last_error);

/** When verification last ran, as an ISO time. */
export const lastCheckedAt = (integration: Pick<Integration, 'metadata'>): string | null =>
  text(integration.metadata.last_checked_at);

/** A metadata value as one line of text for a key/value table. */
export function metadataValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
