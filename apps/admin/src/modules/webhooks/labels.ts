import {
  type AttemptTrigger,
  MessageParams,
  type TestResult,
  type WebhookEndpoint,
  type WebhookStatus,
} from '@gatehouse/shared';

import { formatDateTime } from '@/utils/format';

export type TagSeverity = 'secondary' | 'info' | 'success' | 'warn' | 'danger' | 'contrast';

export const STATUSES: { value: WebhookStatus; label: string }[] = [
  { value: 'enabled', label: 'Enabled' },
  { value: 'disabled', label: 'Disabled' },
];

export const statusLabel = (status: WebhookStatus): string => STATUSES.find((s) => s.value === status)?.label ?? status;

export const statusSeverity = (status: WebhookStatus): TagSeverity => (status === 'enabled' ? 'success' : 'secondary');

/** The tooltip of the status tag: why a disabled endpoint was disabled. */
export function statusHint(webhook: Pick<WebhookEndpoint, 'status' | 'disabled_reason'>): string | undefined {
  if (webhook.status !== 'disabled') return undefined;
  return webhook.disabled_reason ? `Disabled: ${webhook.disabled_reason}` : 'Disabled: no deliveries are sent.';
}

/** The endpoint is disabled automatically after failing for this long. */
export const AUTO_DISABLE_DAYS = 5;

export const failingHint = (failingSince: string): string =>
  `Every delivery has failed since ${formatDateTime(failingSince)}. The endpoint is disabled automatically after ${AUTO_DISABLE_DAYS} days of failures.`;

/** How long something has lasted: "5 min", "3 h", "2 days". */
export function elapsed(since: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

const TRIGGERS: Record<AttemptTrigger, { label: string; severity: TagSeverity }> = {
  scheduled: { label: 'Scheduled', severity: 'secondary' },
  manual: { label: 'Manual', severity: 'info' },
  test: { label: 'Test', severity: 'contrast' },
};

export const triggerLabel = (trigger: AttemptTrigger): string => TRIGGERS[trigger]?.label ?? trigger;
export const triggerSeverity = (trigger: AttemptTrigger): TagSeverity => TRIGGERS[trigger]?.severity ?? 'secondary';

/** An attempt's HTTP status; 0 means no response came at all. */
export const statusCodeLabel = (code: number): string => (code === 0 ? 'No response' : String(code));

/** "45 ms", "1.2 s". */
export const formatDuration = (ms: number): string =>
  ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;

/** The hint of a signing secret: its prefix and last four characters. */
export const secretHint = (lastFour: string): string => `whsec_••••${lastFour}`;

/** A signing secret just answered by create or rotation, for the one-time dialog. */
export interface ShownSecret {
  secret: string;
  endpointName: string;
  /** After a rotation: until when the previous secret keeps signing. */
  previousValidUntil?: string | null;
}

/** Whether the previous secret still signs alongside the current one. */
export const previousSecretActive = (expiresAt: string | null, now: number = Date.now()): boolean =>
  !!expiresAt && Date.parse(expiresAt) > now;

/** What Send test reports, as a toast or inline: the HTTP status and time, or the error. */
export function describeTestResult(result: TestResult): {
  severity: 'success' | 'error';
  summary: string;
  detail: string;
} {
  const took = formatDuration(result.duration_ms);
  if (result.success) {
    return {
      severity: 'success',
      summary: 'Test delivered',
      detail: `Delivered: HTTP ${result.status_code} in ${took}`,
    };
  }
  if (result.status_code === 0) {
    return {
      severity: 'error',
      summary: 'Test failed',
      detail: `No response after ${took}: ${result.error ?? 'the endpoint could not be reached'}`,
    };
  }
  const reason = result.error ? ` (${result.error})` : '';
  return {
    severity: 'error',
    summary: 'Test failed',
    detail: `Failed: HTTP ${result.status_code} in ${took}${reason}`,
  };
}

/** Whether a message id can be resent (the API takes `msg_…` ids only). */
export const resendable = (messageId: string): boolean => MessageParams.shape.messageId.safeParse(messageId).success;

export type RecoverWindow = '1h' | '24h' | '7d' | '14d';

const HOUR = 3600 * 1000;

/** How far back Recover failed reaches; the API allows at most 14 days. */
export const RECOVER_WINDOWS: { value: RecoverWindow; label: string; ms: number; phrase: string }[] = [
  { value: '1h', label: '1 h', ms: HOUR, phrase: 'the last hour' },
  { value: '24h', label: '24 h', ms: 24 * HOUR, phrase: 'the last 24 hours' },
  { value: '7d', label: '7 d', ms: 7 * 24 * HOUR, phrase: 'the last 7 days' },
  { value: '14d', label: '14 d', ms: 14 * 24 * HOUR, phrase: 'the last 14 days' },
];

const recoverWindow = (value: RecoverWindow) => RECOVER_WINDOWS.find((w) => w.value === value) ?? RECOVER_WINDOWS[1]!;

export const recoverSince = (value: RecoverWindow, now: number = Date.now()): Date =>
  new Date(now - recoverWindow(value).ms);

export const recoverPhrase = (value: RecoverWindow): string => recoverWindow(value).phrase;

export const queuedText = (count: number): string => `${count} ${count === 1 ? 'message' : 'messages'} re-queued`;

export const STATS_RANGES: { value: number; label: string }[] = [
  { value: 1, label: '24 h' },
  { value: 7, label: '7 days' },
  { value: 30, label: '30 days' },
];
