import { pino, type Logger } from 'pino';

/** Paths pino replaces with [redacted]: credentials can never reach a log line through these. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'current_password',
  'new_password',
  '*.current_password',
  '*.new_password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'credentials',
  '*.credentials',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'one_time_password',
  '*.one_time_password',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'gatehouse-api' } },
    destination ?? process.stdout,
  );
}

export type { Logger };
