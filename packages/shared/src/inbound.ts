import { z } from 'zod';

import { CursorQuery } from './http.js';

export const InboundStatus = z.enum(['verified', 'rejected', 'duplicate', 'ignored']);
export type InboundStatus = z.infer<typeof InboundStatus>;

/** One request a provider sent to the tenant's inbound URL, as logged. */
export const InboundEvent = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    status: InboundStatus,
    /** Why it was rejected or ignored. */
    reason: z.string().nullable(),
    provider_event_id: z.string().nullable(),
    event_type: z.string().nullable(),
    /** Request headers with signatures and tokens redacted. */
    headers: z.record(z.string(), z.string()),
    body_size: z.number().int(),
    /** The body with secret-looking fields redacted (verified requests only). */
    payload: z.string().nullable(),
    processed_at: z.iso.datetime().nullable(),
    processing_result: z.string().nullable(),
    received_at: z.iso.datetime(),
  })
  .meta({ id: 'InboundEvent' });
export type InboundEvent = z.infer<typeof InboundEvent>;

export const InboundListQuery = CursorQuery.extend({
  provider: z.string().max(40).optional(),
  status: InboundStatus.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type InboundListQuery = z.infer<typeof InboundListQuery>;

/** Per provider: when it last sent, and whether it has gone quiet (nothing for 24 h). */
export const InboundSummary = z
  .object({
    provider: z.string(),
    last_received_at: z.iso.datetime().nullable(),
    received_24h: z.number().int(),
    rejected_24h: z.number().int(),
    /** A provider with a configured integration that should send has sent nothing for 24 h. */
    silent: z.boolean(),
  })
  .meta({ id: 'InboundSummary' });
export type InboundSummary = z.infer<typeof InboundSummary>;
