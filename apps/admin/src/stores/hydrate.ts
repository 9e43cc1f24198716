import { useApiKeysStore } from './api-keys';
import { useAuditStore } from './audit';
import { useAuthStore } from './auth';
import { useTeamStore } from './team';

const domainStores = () => [useApiKeysStore(), useTeamStore(), useAuditStore()];

/**
 * Loads what the signed-in user will see: who they are, then each domain's first page. Domain loads
 * are best effort (pages load again when opened and report errors there), so one failing list never
 * blocks signing in.
 */
export async function hydrate(): Promise<void> {
  const auth = useAuthStore();
  if (!auth.me) await auth.hydrate();
  // The API answers nothing else until a one-time password has been replaced.
  if (!auth.me || auth.mustChangePassword) return;
  await Promise.allSettled(domainStores().map((store) => store.hydrate()));
}

/** Forgets everything of the current session: on sign-out, tenant switch and an expired session. */
export function dehydrate(): void {
  for (const store of domainStores()) store.dehydrate();
  useAuthStore().dehydrate();
}
