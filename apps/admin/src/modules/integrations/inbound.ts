import type { InboundEvent, InboundStatus } from '@gatehouse/shared';

import type { TagSeverity } from './status';

/** The statuses of a logged inbound request, in the order the filter offers them. */
export const INBOUND_STATUSES: { value: InboundStatus; label: string; severity: TagSeverity }[] = [
  { value: 'verified', label: 'Verified', severity: 'success' },
  { value: 'rejected', label: 'Rejected', severity: 'danger' },
  { value: 'duplicate', label: 'Duplicate', severity: 'secondary' },
  { value: 'ignored', label: 'Ignored', severity: 'warn' },
];

const statusOf = (status: InboundStatus) => INBOUND_STATUSES.find((s) => s.value === status);

export const inboundStatusLabel = (status: InboundStatus): string => statusOf(status)?.label ?? status;
export const inboundStatusSeverity = (status: InboundStatus): TagSeverity => statusOf(status)?.severity ?? 'secondary';

/** A preset time window of the log; `custom` takes the since/until pickers, `null` is any time. */
export type InboundRange = '1h' | '24h' | '7d' | 'custom';

const HOUR = 3600 * 1000;

export const INBOUND_RANGES: { value: InboundRange; label: string; ms: number | null }[] = [
  { value: '1h', label: 'Last hour', ms: HOUR },
  { value: '24h', label: 'Last 24 hours', ms: 24 * HOUR },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR },
  { value: 'custom', label: 'Custom range', ms: null },
];

/** How long a preset reaches back, or `null` for a custom range. */
export const rangeMs = (range: InboundRange): number | null =>
  INBOUND_RANGES.find((r) => r.value === range)?.ms ?? null;

/** What the warning tag of a provider that went quiet says, and its tooltip (seed 002). */
export const SILENT_LABEL = 'Nothing for 24 h';
export const silentHint = (providerName: string): string =>
  `No inbound webhook from ${providerName} in the last 24 hours. Its webhook may have been disabled in the provider's dashboard.`;

/** "512 B", "1.5 KB", "2.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.max(0, bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The stored body, indented when it is JSON, as it came otherwise. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** What became of a request: the processing result of a verified one, or why there is none. */
export function processingText(event: Pick<InboundEvent, 'status' | 'processed_at' | 'processing_result'>): string {
  if (event.processing_result) return event.processing_result;
  if (event.status !== 'verified') return 'Not processed';
  return event.processed_at ? 'Processed' : 'Waiting to be processed';
}

/** Headers in name order, for the detail table. */
export const sortedHeaders = (headers: Record<string, string>): [string, string][] =>
  Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
