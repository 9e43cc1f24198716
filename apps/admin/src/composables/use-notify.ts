import { useToast } from 'primevue/usetoast';

import { isApiError } from '@/api/api-error';
import { blockPage } from '@/router/page-gate';

/** Toasts for outcomes of API calls, in one tone across the app. */
export function useNotify() {
  const toast = useToast();

  function success(summary: string, detail?: string): void {
    toast.add({ severity: 'success', summary, detail, life: 3500 });
  }

  /**
   * Reports a failed call. A plan gate replaces the page with the upgrade notice instead, since a
   * toast would leave the user in front of a page that can never work on their plan.
   */
  function error(err: unknown, summary = 'Something went wrong'): void {
    if (isApiError(err) && err.code === 'upgrade_required') {
      blockPage('upgrade');
      return;
    }
    if (isApiError(err) && err.status === 401) {
      toast.add({
        severity: 'warn',
        summary: 'Signed out',
        detail: 'Your session has ended. Sign in again.',
        life: 6000,
      });
      return;
    }
    // For invalid input the first field message says more than the generic "The given data was invalid."
    const firstFieldError = isApiError(err) ? Object.values(err.fieldErrors).flat()[0] : undefined;
    const detail = firstFieldError ?? (isApiError(err) ? err.message : 'An unexpected error occurred.');
    toast.add({ severity: 'error', summary, detail, life: 7000 });
  }

  return { success, error };
}
