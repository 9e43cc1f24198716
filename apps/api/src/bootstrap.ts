import type { Env } from './config/env.js';
import { assertRlsEnforced, createKysely, prepareDatabase } from './db/connect.js';
import { openOwnerDatabase } from './db/database-url.js';
import type { Deps } from './deps.js';
import { loadKeyRing, platformSecret } from './keys/key-ring.js';
import { startJobs } from './jobs/queue.js';
import type { Logger } from './logger.js';
import { createOutboundHttp } from './net/outbound-http.js';
import { RESPONSE_EXCERPT_BYTES } from './webhooks/outbound/send.js';

export interface Runtime {
  deps: Deps;
  ownerUrl: string;
  /** The application role's connection (row-level security applies). */
  appUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Everything before serving: the database (embedded when DATABASE_URL is unset), migrations,
 * the application role, the master key ring and platform secrets. Returns deps for the app.
 */
export async function bootstrap(env: Env, log: Logger): Promise<Runtime> {
  const owner = await openOwnerDatabase(env.DATABASE_URL, env.DATA_DIR, (line) => log.info(line));
  try {
    const { appUrl, migrated } = await prepareDatabase(owner.url);
    if (migrated.length > 0) log.info({ migrated }, 'database migrated');
    const keyRing = loadKeyRing(env, (message) => log.warn(message));
    const apiKeyPepper = await platformSecret(owner.url, keyRing, 'api_key_pepper');
    const connection = env.APP_DATABASE_URL ?? appUrl;
    const db = createKysely(connection);
    await assertRlsEnforced(db);
    const jobs = await startJobs(owner.url, env, log);
    const http = createOutboundHttp({
      allow: env.OUTBOUND_ALLOWLIST,
      timeoutMs: env.OUTBOUND_TIMEOUT_MS,
      httpsOnly: env.NODE_ENV === 'production',
    });
    const webhookHttp = createOutboundHttp({
      allow: env.OUTBOUND_ALLOWLIST,
      timeoutMs: 15_000,
      httpsOnly: env.NODE_ENV === 'production',
      maxResponseBytes: RESPONSE_EXCERPT_BYTES,
      userAgent: 'Gatehouse-Webhooks/1.0',
    });
    return {
      deps: { env, db, appUrl: connection, log, keyRing, apiKeyPepper, jobs, http, webhookHttp },
      ownerUrl: owner.url,
      appUrl: connection,
      embedded: owner.embedded,
      close: async () => {
        await jobs.stop();
        await http.close();
        await webhookHttp.close();
        await db.destroy();
        await owner.stop();
      },
    };
  } catch (error) {
    await owner.stop();
    throw error;
  }
}
