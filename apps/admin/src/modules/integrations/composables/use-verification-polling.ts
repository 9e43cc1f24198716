import { onBeforeUnmount, watch } from 'vue';

import { useIntegrationsStore } from '@/stores/integrations';

/** While the page is open, polls the integrations whenever a verification runs (seed 004 lifecycle). */
export function useVerificationPolling(): void {
  const store = useIntegrationsStore();
  watch(
    () => store.unsettled,
    (unsettled) => {
      if (unsettled) store.startPolling();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => store.stopPolling());
}
