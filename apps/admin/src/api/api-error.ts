import type { ErrorCode, FieldErrors } from '@gatehouse/shared';

/** `network_error`: no answer at all; `bad_response`: an answer that is not our envelope. */
export type ClientErrorCode = ErrorCode | 'network_error' | 'bad_response';

/** An API call that did not succeed, carrying the error envelope's code and per-field messages. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }

  /** The first message for a form field, for showing under its input. */
  field(name: string): string | undefined {
    return this.fieldErrors[name]?.[0];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
