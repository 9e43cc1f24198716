import type { Deps } from '../deps.js';
import { reverifyAll, runVerification, sweepStaleVerifications } from './verification.js';

/** This process's integration job handlers (verification, lost-job sweep, daily re-verification). */
export const integrationHandlers = (deps: Deps) => ({
  verify: (job: Parameters<typeof runVerification>[1], attempt: number) => runVerification(deps, job, attempt),
  sweep: async () => {
    const n = await sweepStaleVerifications(deps);
    if (n > 0) deps.log.info({ requeued: n }, 're-queued stale verifications');
  },
  reverifyAll: async () => {
    const n = await reverifyAll(deps);
    deps.log.info({ queued: n }, 'daily re-verification queued');
  },
});
