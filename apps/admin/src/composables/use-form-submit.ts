import { ref } from 'vue';

import { ApiError, isApiError } from '@/api/api-error';

import { useNotify } from './use-notify';

/**
 * How a form reports a failed submit. `toast`: every failure is toasted under this summary and only
 * invalid input stays in `errors`, for the fields. `inline`: every failure stays in `errors`, to show
 * in the form, with this message when it is no API error; for the auth forms, whose 401 means a wrong
 * password rather than an ended session.
 */
export type FailureReport = { toast: string } | { inline: string };

/** The submitting state and the API's field errors of one form. */
export function useFormSubmit(report: FailureReport) {
  const notify = useNotify();
  const submitting = ref(false);
  const errors = ref<ApiError | null>(null);

  function reportFailure(error: unknown): void {
    if ('inline' in report) {
      errors.value = isApiError(error) ? error : new ApiError(0, 'internal_error', report.inline);
      return;
    }
    if (isApiError(error) && error.code === 'validation_failed') errors.value = error;
    notify.error(error, report.toast);
  }

  /** Runs the form's action and reports its failure; says whether it succeeded. */
  async function submit(action: () => Promise<void>): Promise<boolean> {
    submitting.value = true;
    errors.value = null;
    try {
      await action();
      return true;
    } catch (error) {
      reportFailure(error);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, errors, submit };
}
