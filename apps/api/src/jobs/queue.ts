import { PgBoss } from 'pg-boss';

import type { Env } from '../config/env.js';
import type { Logger } from '../logger.js';

/** Queue names. pg-boss keeps jobs in PostgreSQL, so every API process shares them. */
export const QUEUES = {
  /** Verify one integration's credentials: `{ tenantId, integrationId, generation }`. */
  verify: 'integration-verify',
  /** Every minute: re-queue verifications whose job was lost (a crash between commit and send). */
  sweep: 'integration-sweep',
  /** Daily: re-verify every active or failing integration. */
  reverify: 'integration-reverify-all',
} as const;

export interface VerifyJob {
  tenantId: string;
  integrationId: string;
  generation: number;
}

export interface Jobs {
  requestVerification(job: VerifyJob): Promise<void>;
  /** Registers the workers (no-op when JOBS_WORKERS is off). */
  startWorkers(handlers: {
    verify(job: VerifyJob, attempt: number): Promise<void>;
    sweep(): Promise<void>;
    reverifyAll(): Promise<void>;
  }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss on the owner connection: it manages its own schema (`pgboss`) and creates a table per
 * queue, which the row-level-security application role may not do. Job payloads carry ids only.
 */
export async function startJobs(ownerUrl: string, env: Env, log: Logger): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    max: 10,
    application_name: 'gatehouse-jobs',
    superviseIntervalSeconds: env.JOBS_SUPERVISE_SECONDS,
    supervise: env.JOBS_WORKERS,
    schedule: env.JOBS_WORKERS,
    // LISTEN/NOTIFY wakes a worker as soon as a verification is queued instead of at its next poll.
    useListenNotify: env.JOBS_WORKERS,
  });
  boss.on('error', (error: Error) => log.error({ err: error.message }, 'job queue error'));
  await boss.start();
  await ensureQueues(boss, env);

  return {
    async requestVerification(job) {
      await boss.send(QUEUES.verify, job);
    },
    async startWorkers(handlers) {
      if (!env.JOBS_WORKERS) return;
      await boss.work<VerifyJob>(
        QUEUES.verify,
        // Provider calls wait on the network, so several run side by side in each process.
        {
          pollingIntervalSeconds: 0.5,
          // Polling stays as frequent with NOTIFY on: retries become due without a notification.
          notifyPollingIntervalSeconds: 0.5,
          batchSize: 1,
          includeMetadata: true,
          localConcurrency: env.JOBS_CONCURRENCY,
        },
        async ([job]) => {
          if (job) await handlers.verify(job.data, job.retryCount);
        },
      );
      await boss.work(QUEUES.sweep, { pollingIntervalSeconds: 5 }, () => handlers.sweep());
      await boss.work(QUEUES.reverify, { pollingIntervalSeconds: 30 }, () => handlers.reverifyAll());
      await boss.schedule(QUEUES.sweep, '* * * * *');
      await boss.schedule(QUEUES.reverify, '0 3 * * *');
    },
    stop: () => boss.stop({ graceful: true, timeout: 5_000, close: true }),
  };
}

/** Creates the queues once (idempotent); called at boot and when building the test template. */
export async function ensureQueues(
  boss: PgBoss,
  env: Pick<Env, 'VERIFY_JOB_TIMEOUT_SECONDS' | 'VERIFY_RETRY_DELAY_SECONDS'>,
) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const verifyOptions = {
    // A worker that died mid-job leaves it active; after this it is retried by another worker.
    expireInSeconds: env.VERIFY_JOB_TIMEOUT_SECONDS,
    // Unreachable providers are retried with exponential backoff (with jitter), capped at an hour.
    retryLimit: 12,
    retryDelay: env.VERIFY_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    retryDelayMax: 3600,
    deleteAfterSeconds: 7 * 24 * 3600,
  };
  if (!existing.has(QUEUES.verify)) {
    await boss.createQueue(QUEUES.verify, { ...verifyOptions, notify: true });
  } else {
    await boss.updateQueue(QUEUES.verify, verifyOptions);
  }
  for (const name of [QUEUES.sweep, QUEUES.reverify]) {
    if (!existing.has(name)) await boss.createQueue(name, { policy: 'singleton', retryLimit: 1, expireInSeconds: 600 });
  }
}
