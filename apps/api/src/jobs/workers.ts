import type { Deps } from '../deps.js';
import { integrationHandlers } from '../integrations/workers.js';
import { processInbound, requeueUnprocessed } from '../webhooks/inbound/process.js';
import { DeliveryWorker, deliveryHttp } from '../webhooks/outbound/worker.js';

/** Starts every background worker of this process (when JOBS_WORKERS is on); returns how to stop them. */
export async function startWorkers(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const integrations = integrationHandlers(deps);
  await deps.jobs.startWorkers({
    ...integrations,
    sweep: async () => {
      await integrations.sweep();
      const n = await requeueUnprocessed(deps, 60);
      if (n > 0) deps.log.info({ requeued: n }, 're-queued unprocessed inbound webhooks');
    },
    processInbound: (job) => processInbound(deps, job),
  });
  if (!deps.env.JOBS_WORKERS) return { stop: async () => {} };
  // Requests a crashed process had logged but not queued are picked up at once, not at the next sweep.
  const recovered = await requeueUnprocessed(deps, 0);
  if (recovered > 0) deps.log.info({ requeued: recovered }, 're-queued unprocessed inbound webhooks');
  const http = deliveryHttp(deps);
  const deliveries = new DeliveryWorker(deps, http, {
    concurrency: deps.env.WEBHOOK_CONCURRENCY,
    pollMs: 500,
    // Twice the 15 s HTTP deadline: a crashed worker's deliveries are retried within half a minute.
    leaseSeconds: 30,
    perEndpoint: deps.env.WEBHOOK_ENDPOINT_CONCURRENCY,
  });
  await deliveries.start();
  return {
    stop: async () => {
      await deliveries.stop();
      await http.close();
    },
  };
}
