import type { Deps } from '../deps.js';
import { integrationHandlers } from '../integrations/workers.js';
import { InboundWorker } from '../webhooks/inbound/process.js';
import { DeliveryWorker } from '../webhooks/outbound/worker.js';

/** Starts every background worker of this process (when JOBS_WORKERS is on); returns how to stop them. */
export async function startWorkers(deps: Deps): Promise<{ stop(): Promise<void> }> {
  await deps.jobs.startWorkers(integrationHandlers(deps));
  if (!deps.env.JOBS_WORKERS) return { stop: async () => {} };
  const inbound = new InboundWorker(deps);
  await inbound.start();
  const deliveries = new DeliveryWorker(deps, deps.webhookHttp, {
    concurrency: deps.env.WEBHOOK_CONCURRENCY,
    pollMs: 500,
    // Twice the 15 s HTTP deadline: a crashed worker's deliveries are retried within half a minute.
    leaseSeconds: 30,
    perEndpoint: deps.env.WEBHOOK_ENDPOINT_CONCURRENCY,
  });
  await deliveries.start();
  return {
    stop: async () => {
      await inbound.stop();
      await deliveries.stop();
    },
  };
}
