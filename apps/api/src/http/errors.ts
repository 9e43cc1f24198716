import type { ErrorCode, FieldErrors } from '@gatehouse/shared';
import type { z } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  malformed_json: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_api_key: 401,
  csrf_failed: 403,
  forbidden: 403,
  upgrade_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  no_active_provider: 409,
  internal_error: 500,
};

/** An error the client should see as-is: a code, a safe message, maybe per-field reasons. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'Resource') => new HttpError('not_found', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this action') => new HttpError('forbidden', message);
export const conflict = (message: string, errors?: FieldErrors) => new HttpError('conflict', message, errors);
export const invalid = (errors: FieldErrors, message = 'The given data was invalid.') =>
  new HttpError('validation_failed', message, errors);

/** zod issues → `{ field: [messages] }`, with dotted paths for nested fields. */
export function zodFieldErrors(error: z.ZodError, prefix?: string): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const key = [prefix, path].filter(Boolean).join('.') || prefix || '_';
    // A refused record key ("Invalid key in record") carries the real reasons in nested issues.
    const nested = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message) : [];
    (out[key] ??= []).push(...(nested.length > 0 ? nested : [issue.message]));
  }
  return out;
}
