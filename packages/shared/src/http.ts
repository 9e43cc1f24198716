import { z } from 'zod';

/** Error codes of the error envelope (DESIGN.md §3, seed 004). */
export const ErrorCode = z.enum([
  'malformed_json',
  'validation_failed',
  'unauthenticated',
  'invalid_api_key',
  'csrf_failed',
  'forbidden',
  'upgrade_required',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'no_active_provider',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldErrors = z.record(z.string(), z.array(z.string()));
export type FieldErrors = z.infer<typeof FieldErrors>;

export const ErrorEnvelope = z.object({
  success: z.literal(false),
  code: ErrorCode,
  message: z.string(),
  errors: FieldErrors.optional(),
  request_id: z.string().optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** Offset pagination query: `page`/`per_page` (default 25, max 100). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const PageMeta = z
  .object({
    current_page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    last_page: z.number().int(),
  })
  .meta({ id: 'PageMeta' });
export type PageMeta = z.infer<typeof PageMeta>;

export const PageLinks = z
  .object({
    first: z.string(),
    last: z.string(),
    prev: z.string().nullable(),
    next: z.string().nullable(),
  })
  .meta({ id: 'PageLinks' });
export type PageLinks = z.infer<typeof PageLinks>;

/** Cursor pagination for logs (audit, attempts, inbound events, device events). */
export const CursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type CursorQuery = z.infer<typeof CursorQuery>;

export const CursorMeta = z
  .object({
    next_cursor: z.string().nullable(),
    limit: z.number().int(),
  })
  .meta({ id: 'CursorMeta' });
export type CursorMeta = z.infer<typeof CursorMeta>;

export const IdParam = z.object({ id: z.uuid({ message: 'Must be a valid id' }) });
export type IdParam = z.infer<typeof IdParam>;

/** Builds the success envelope schema around a data schema. */
export const successEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), message: z.string().optional(), data });
export const pagedEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ success: z.literal(true), data: z.array(item), meta: PageMeta, links: PageLinks });
export const cursorEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ success: z.literal(true), data: z.array(item), meta: CursorMeta });
