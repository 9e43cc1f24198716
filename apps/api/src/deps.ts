import type { KeyRing } from '@gatehouse/crypto';
import type { Kysely } from 'kysely';

import type { Env } from './config/env.js';
import type { DB } from './db/schema.js';
import type { Jobs } from './jobs/queue.js';
import type { Logger } from './logger.js';
import type { OutboundHttp } from './net/outbound.js';

/** What request handlers and services share: built once at start-up, passed explicitly. */
export interface Deps {
  env: Env;
  /** Connection pool of the non-owner application role (row-level security applies). */
  db: Kysely<DB>;
  /** The same role's connection URL, for clients that LISTEN (they need a connection of their own). */
  appUrl: string;
  log: Logger;
  keyRing: KeyRing;
  /** HMAC key for API key hashes; stored wrapped by the master key. */
  apiKeyPepper: Buffer;
  /** The background job queue (pg-boss in the same PostgreSQL). */
  jobs: Jobs;
  /** The one HTTP client for calls leaving Gatehouse (SSRF guard, timeouts, no redirects). */
  http: OutboundHttp;
  /** The client for webhook deliveries and Send test: 15 s deadline, 20 KB kept, same SSRF guard. */
  webhookHttp: OutboundHttp;
}
