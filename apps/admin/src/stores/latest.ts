import { ref } from 'vue';

/**
 * Drops answers that arrive after a newer request (fast typing in a filter) or after the store was
 * dehydrated (a tenant switch), so an old tenant's rows never land in the new tenant's screen.
 */
export function latestOnly() {
  let current = 0;
  return {
    /** Starts a request; the returned function says whether its answer may still be applied. */
    begin(): () => boolean {
      const mine = ++current;
      return () => mine === current;
    },
    /** Invalidates every request in flight. */
    cancel(): void {
      current++;
    },
  };
}

/** The `loading` and `loaded` flags of a store's list, applying only the latest request's answer. */
export function useLatestLoad() {
  const loading = ref(false);
  const loaded = ref(false);
  const requests = latestOnly();

  /** Sends `request` and hands its answer to `apply`, unless a newer run or a reset came first. */
  async function run<R>(request: () => Promise<R>, apply: (answer: R) => void): Promise<void> {
    const isLatest = requests.begin();
    loading.value = true;
    try {
      const answer = await request();
      if (!isLatest()) return;
      apply(answer);
      loaded.value = true;
    } finally {
      if (isLatest()) loading.value = false;
    }
  }

  /** Forgets the flags and drops every answer still in flight. */
  function reset(): void {
    requests.cancel();
    loading.value = false;
    loaded.value = false;
  }

  return { loading, loaded, run, reset };
}
