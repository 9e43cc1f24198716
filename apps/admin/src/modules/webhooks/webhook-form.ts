import {
  type CreateWebhookBody,
  CustomHeaders,
  FORBIDDEN_HEADER,
  type UpdateWebhookBody,
  type WebhookEndpoint,
} from '@gatehouse/shared';

import type { ApiError } from '@/api/api-error';

/** One custom header as the key/value editor holds it. */
export interface HeaderRow {
  name: string;
  value: string;
}

/** The editable fields of an endpoint, as the create dialog and the detail page hold them. */
export interface WebhookFormModel {
  name: string;
  url: string;
  description: string;
  event_types: string[];
  headers: HeaderRow[];
  enabled: boolean;
}

export const MAX_HEADERS = 20;

export const blankForm = (): WebhookFormModel => ({
  name: '',
  url: '',
  description: '',
  event_types: [],
  headers: [],
  enabled: true,
});

export const formFromWebhook = (webhook: WebhookEndpoint): WebhookFormModel => ({
  name: webhook.name,
  url: webhook.url,
  description: webhook.description ?? '',
  event_types: [...webhook.event_types],
  headers: Object.entries(webhook.headers).map(([name, value]) => ({ name, value })),
  enabled: webhook.status === 'enabled',
});

const isBlank = (row: HeaderRow): boolean => row.name.trim() === '' && row.value.trim() === '';

/** The headers to send: rows left entirely blank are dropped, names and values trimmed. */
export function headersRecord(rows: readonly HeaderRow[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const row of rows) {
    if (isBlank(row)) continue;
    record[row.name.trim()] = row.value.trim();
  }
  return record;
}

export const FORBIDDEN_HEADER_MESSAGE = 'This header is set by Gatehouse and cannot be overridden';

/** The contract's own message for one header, or null when the server would take it. */
function contractProblem(name: string, value: string): string | null {
  const parsed = CustomHeaders.safeParse({ [name]: value });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  // A refused name is reported as "Invalid key in record", with the reason nested inside.
  const nested = 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues[0] as { message?: string }) : null;
  return nested?.message ?? issue.message;
}

/**
 * What is wrong with each header row (null when nothing), checked the way the API checks them:
 * a name is needed, Gatehouse's own headers (FORBIDDEN_HEADER) cannot be set, names are HTTP tokens,
 * values are one line, and a name appears once (HTTP names ignore case).
 */
export function headerProblems(rows: readonly HeaderRow[]): (string | null)[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (isBlank(row)) return null;
    const name = row.name.trim();
    if (!name) return 'Enter a header name';
    if (FORBIDDEN_HEADER.test(name)) return FORBIDDEN_HEADER_MESSAGE;
    const problem = contractProblem(name, row.value.trim());
    if (problem) return problem;
    const key = name.toLowerCase();
    if (seen.has(key)) return 'This header is already set above';
    seen.add(key);
    return null;
  });
}

/** Whether the header rows may be sent. */
export const headersValid = (rows: readonly HeaderRow[]): boolean =>
  rows.length <= MAX_HEADERS && headerProblems(rows).every((problem) => problem === null);

/**
 * The first API message for a field or anything under it (`event_types.2`, `headers.X-Token`): the
 * API reports nested fields with dotted paths.
 */
export function fieldErrorUnder(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  const key = Object.keys(error.fieldErrors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? error.fieldErrors[key]?.[0] : undefined;
}

/** The API's message for one header row, keyed by the header's name. */
export const headerApiError = (error: ApiError | null, name: string): string | undefined =>
  name.trim() ? error?.field(`headers.${name.trim()}`) : undefined;

export function createBody(form: WebhookFormModel): CreateWebhookBody {
  const description = form.description.trim();
  return {
    name: form.name.trim(),
    url: form.url.trim(),
    description: description || undefined,
    event_types: [...form.event_types],
    headers: headersRecord(form.headers),
    status: form.enabled ? 'enabled' : 'disabled',
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

const sameRecord = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
};

/** Only what the form changed, for PATCH; `{}` when nothing did. */
export function updateBody(webhook: WebhookEndpoint, form: WebhookFormModel): UpdateWebhookBody {
  const body: UpdateWebhookBody = {};
  const name = form.name.trim();
  const url = form.url.trim();
  const description = form.description.trim() || null;
  const headers = headersRecord(form.headers);
  const status = form.enabled ? 'enabled' : 'disabled';
  if (name !== webhook.name) body.name = name;
  if (url !== webhook.url) body.url = url;
  if (description !== (webhook.description?.trim() || null)) body.description = description;
  if (!sameSet(form.event_types, webhook.event_types)) body.event_types = [...form.event_types];
  if (!sameRecord(headers, webhook.headers)) body.headers = headers;
  if (status !== webhook.status) body.status = status;
  return body;
}

const FIELD_LABELS: Record<keyof UpdateWebhookBody, string> = {
  name: 'name',
  url: 'URL',
  description: 'description',
  event_types: 'events',
  headers: 'custom headers',
  status: 'status',
};

/** "name, URL and events" for a confirmation. */
export function changedFieldsText(body: UpdateWebhookBody): string {
  const labels = (Object.keys(body) as (keyof UpdateWebhookBody)[]).map((key) => FIELD_LABELS[key]);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
