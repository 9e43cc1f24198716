import type { ErrorEnvelope } from '@gatehouse/shared';
import type { Middleware } from 'koa';

import type { Logger } from '../logger.js';
import { HttpError } from './errors.js';

/**
 * Every failure leaves as the error envelope. Known client errors keep their status; anything
 * unexpected is logged with the request id and answered as a generic 500 without details.
 */
export const errorHandler =
  (log: Logger): Middleware =>
  async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw new HttpError('not_found', 'Route not found');
      if (ctx.status === 405) throw new HttpError('not_found', `No ${ctx.method} route at this path`);
    } catch (error) {
      const requestId = ctx.state.requestId as string | undefined;
      let http: HttpError;
      if (error instanceof HttpError) http = error;
      else if (isUniqueViolation(error)) http = new HttpError('conflict', 'This already exists');
      else if (isClientError(error)) http = new HttpError('malformed_json', 'The request could not be processed');
      else {
        log.error({ err: error, requestId, path: ctx.path }, 'unhandled error');
        http = new HttpError(
          'internal_error',
          'Something went wrong on our side; the request id identifies it in our logs',
        );
      }
      const body: ErrorEnvelope = { success: false, code: http.code, message: http.message, request_id: requestId };
      if (http.errors) body.errors = http.errors;
      ctx.status = http.status;
      ctx.set(http.headers);
      ctx.body = body;
    }
  };

/** Two concurrent requests creating the same thing: the loser hears 409, not 500. */
const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown }).code === '23505';

const isClientError = (e: unknown): boolean => {
  const status = (e as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
};
