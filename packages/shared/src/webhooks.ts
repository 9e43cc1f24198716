import { z } from 'zod';

import { CursorQuery, PageQuery } from './http.js';

/** Event type names: `a.b` of `[a-z0-9_]` (Standard Webhooks). */
export const EventTypeName = z
  .string()
  .max(80)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'Event type must look like integration.status_changed');

/**
 * Header names a tenant may not set on deliveries: hop-by-hop and framing headers, content-*,
 * user-agent and our own webhook-* signature headers (Svix's list, trimmed to what applies here).
 */
export const FORBIDDEN_HEADER =
  /^(connection|keep-alive|proxy-.*|te|trailer|transfer-encoding|upgrade|host|content-.*|user-agent|webhook-.*|expect|cookie|set-cookie|authorization-signature)$/i;

const HeaderName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "Header names may contain letters, digits and !#$%&'*+.^_`|~-")
  .refine((name) => !FORBIDDEN_HEADER.test(name), 'This header is set by Gatehouse and cannot be overridden');

export const CustomHeaders = z
  .record(
    HeaderName,
    z
      .string()
      .max(4096, 'Header values must be at most 4096 bytes')
      .regex(/^[^\r\n]*$/, 'Header values cannot contain line breaks'),
  )
  .refine((h) => Object.keys(h).length <= 20, 'At most 20 custom headers');

const Url = z
  .url({ protocol: /^https?$/, message: 'Must be an http(s) URL' })
  .max(2048, 'URL must be at most 2048 characters');

export const WebhookStatus = z.enum(['enabled', 'disabled']);
export type WebhookStatus = z.infer<typeof WebhookStatus>;

export const WebhookEndpoint = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    /** Subscribed event types; empty means every event. */
    event_types: z.array(z.string()),
    headers: z.record(z.string(), z.string()),
    status: WebhookStatus,
    /** Why a disabled endpoint was disabled: by a user, by a 410 answer, or after failing for 5 days. */
    disabled_reason: z.string().nullable(),
    /** The last four characters of the current signing secret. */
    secret_hint: z.string(),
    /** While a rotation's grace period runs, the previous secret signs too, until this time. */
    previous_secret_expires_at: z.iso.datetime().nullable(),
    /** First failure of the current run of failures; `null` while deliveries succeed. */
    failing_since: z.iso.datetime().nullable(),
    last_delivery_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

const endpointFields = {
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  url: Url,
  description: z.string().trim().max(500, 'Description must be at most 500 characters').nullable(),
  event_types: z
    .array(EventTypeName)
    .max(100)
    .refine((t) => new Set(t).size === t.length, 'Event types must not repeat'),
  headers: CustomHeaders,
  status: WebhookStatus,
};

export const CreateWebhookBody = z
  .object({
    ...endpointFields,
    description: endpointFields.description.optional(),
    event_types: endpointFields.event_types.default([]),
    headers: endpointFields.headers.default({}),
    status: endpointFields.status.default('enabled'),
  })
  .strict();
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z.object(endpointFields).partial().strict();
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

/** An endpoint with its signing secret: answered once, on create and on rotation. */
export const WebhookWithSecret = z.object({ endpoint: WebhookEndpoint, secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const RotateSecretBody = z
  .object({
    /** How long the previous secret keeps signing alongside the new one (default 24 h, at most 7 days). */
    grace_period_hours: z.number().int().min(0).max(168).default(24),
  })
  .strict();
export type RotateSecretBody = z.infer<typeof RotateSecretBody>;

export const WebhookListQuery = PageQuery.extend({
  status: WebhookStatus.optional(),
  event_type: EventTypeName.optional(),
  search: z.string().trim().max(100).optional(),
});
export type WebhookListQuery = z.infer<typeof WebhookListQuery>;

export const BulkDeleteWebhooksBody = z
  .object({ ids: z.array(z.uuid()).min(1, 'Select at least one webhook').max(100) })
  .strict();
export type BulkDeleteWebhooksBody = z.infer<typeof BulkDeleteWebhooksBody>;

export const BulkDeleteResult = z.object({ deleted: z.array(z.uuid()) });
export type BulkDeleteResult = z.infer<typeof BulkDeleteResult>;

/** One entry of the event catalog, with an example payload. */
export const EventTypeInfo = z
  .object({ type: z.string(), group: z.string(), description: z.string(), example: z.record(z.string(), z.unknown()) })
  .meta({ id: 'EventTypeInfo' });
export type EventTypeInfo = z.infer<typeof EventTypeInfo>;

export const AttemptTrigger = z.enum(['scheduled', 'manual', 'test']);
export type AttemptTrigger = z.infer<typeof AttemptTrigger>;

/** One HTTP attempt at delivering a message to an endpoint. */
export const WebhookAttempt = z
  .object({
    id: z.uuid(),
    message_id: z.string(),
    event_type: z.string(),
    /** The HTTP status, or 0 when no response came (the error says why). */
    status_code: z.number().int(),
    success: z.boolean(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    /** The start of the response body, at most 20 KB. */
    response_excerpt: z.string().nullable(),
    trigger: AttemptTrigger,
    attempt_number: z.number().int(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookAttempt' });
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const AttemptListQuery = CursorQuery.extend({
  outcome: z.enum(['succeeded', 'failed']).optional(),
  message_id: z.string().max(64).optional(),
});
export type AttemptListQuery = z.infer<typeof AttemptListQuery>;

/** What Send test reports: the HTTP status on an answer, or the error. */
export const TestResult = z.object({
  success: z.boolean(),
  status_code: z.number().int(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
  message_id: z.string(),
});
export type TestResult = z.infer<typeof TestResult>;

export const TestWebhookBody = z.object({ event_type: EventTypeName.optional() }).strict();
export type TestWebhookBody = z.infer<typeof TestWebhookBody>;

/** Message ids are `msg_` + base62 (see WebhookAttempt.message_id). */
export const MessageId = z.string().regex(/^msg_[0-9A-Za-z]{10,40}$/, 'Must be a message id (msg_…)');

export const MessageParams = z.object({ id: z.uuid({ message: 'Must be a valid id' }), messageId: MessageId });
export type MessageParams = z.infer<typeof MessageParams>;

export const RecoverBody = z
  .object({
    since: z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' }),
    until: z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' }).optional(),
  })
  .strict()
  .refine((b) => Date.parse(b.since) >= Date.now() - 14 * 24 * 3600 * 1000 - 5 * 60 * 1000, {
    path: ['since'],
    message: 'Recovery reaches back at most 14 days',
  });
export type RecoverBody = z.infer<typeof RecoverBody>;

export const RecoverResult = z.object({ queued: z.number().int() });
export type RecoverResult = z.infer<typeof RecoverResult>;

export const StatsQuery = z.object({
  days: z.coerce.number().int().min(1).max(30).default(7),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const WebhookStats = z
  .object({
    /** One bucket per hour (days ≤ 2) or per day. */
    buckets: z.array(z.object({ start: z.iso.datetime(), succeeded: z.number().int(), failed: z.number().int() })),
    /** `success_rate` is a 0–1 fraction of attempts; `null` when there were none. */
    totals: z.object({ succeeded: z.number().int(), failed: z.number().int(), success_rate: z.number().nullable() }),
    /** Messages still waiting for a retry. */
    pending: z.number().int(),
  })
  .meta({ id: 'WebhookStats' });
export type WebhookStats = z.infer<typeof WebhookStats>;
