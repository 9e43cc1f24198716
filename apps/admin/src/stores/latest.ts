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
