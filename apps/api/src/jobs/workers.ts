import type { Deps } from '../deps.js';
import { integrationHandlers } from '../integrations/workers.js';
import { processInbound } from '../webhooks/inbound/process.js';
import { DeliveryWorker, deliveryHttp } from '../webhooks/outbound/worker.js';

/** Starts every background worker of this process (when JOBS_WORKERS is on); returns how to stop them. */
export async function startWorkers(deps: Deps): Promise<{ stop(): Promise<void> }> {
  await deps.jobs.startWorkers({
    ...integrationHandlers(deps),
    processInbound: (job) => processInbound(deps, job),
  });
  if (!deps.env.JOBS_WORKERS) return { stop: async () => {} };
  const http = deliveryHttp(deps);
  const deliveries = new DeliveryWorker(deps, http, {
    concurrency: deps.env.WEBHOOK_CONCURRENCY,
    pollMs: 500,
    leaseSeconds: 60,
  });
  await deliveries.start();
  return {
    stop: async () => {
      await deliveries.stop();
      await http.close();
    },
  };
}
