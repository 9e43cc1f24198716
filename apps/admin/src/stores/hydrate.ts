import { useApiKeysStore } from './api-keys';
import { useAuditStore } from './audit';
import { useAuthStore } from './auth';
import { useInboundStore } from './inbound';
import { useIntegrationsStore } from './integrations';
import { useRoutingRulesStore } from './routing-rules';
import { useTeamStore } from './team';
import { useWebhooksStore } from './webhooks';

const domainStores = () => [
  useApiKeysStore(),
  useTeamStore(),
  useAuditStore(),
  useIntegrationsStore(),
  useInboundStore(),
  useRoutingRulesStore(),
  useWebhooksStore(),
];

/**
 * Loads who is signed in. Domain lists are not prefetched: each page loads its list when opened
 * (and again on every visit, so it is never stale), which would make a prefetch a second request.
 */
export async function hydrate(): Promise<void> {
  const auth = useAuthStore();
  if (!auth.me) await auth.hydrate();
}

/** Forgets everything of the current session: on sign-out, tenant switch and an expired session. */
export function dehydrate(): void {
  for (const store of domainStores()) store.dehydrate();
  useAuthStore().dehydrate();
}
