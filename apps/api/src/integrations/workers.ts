import type { Deps } from '../deps.js';
import { reverifyAll, runVerification, sweepStaleVerifications } from './verification.js';

/** Starts this process's integration workers (verification, lost-job sweep, daily re-verification). */
export function startIntegrationWorkers(deps: Deps): Promise<void> {
  return deps.jobs.startWorkers({
    verify: (job, attempt) => runVerification(deps, job, attempt),
    sweep: async () => {
      const n = await sweepStaleVerifications(deps);
      if (n > 0) deps.log.info({ requeued: n }, 're-queued stale verifications');
    },
    reverifyAll: async () => {
      const n = await reverifyAll(deps);
      deps.log.info({ queued: n }, 'daily re-verification queued');
    },
  });
}
