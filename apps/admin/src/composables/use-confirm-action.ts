import { useConfirm } from 'primevue/useconfirm';

export interface ConfirmRequest {
  header: string;
  message: string;
  /** The accept button's label, e.g. "Disconnect". */
  accept: string;
  danger?: boolean;
}

/**
 * A confirmation through the app's one ConfirmDialog, answered as a promise: true when accepted.
 * Its buttons carry the `confirm-accept` / `confirm-reject` test ids.
 */
export function useConfirmAction() {
  const confirm = useConfirm();

  return (request: ConfirmRequest): Promise<boolean> =>
    new Promise((resolve) => {
      let answered = false;
      const answer = (value: boolean) => {
        if (answered) return;
        answered = true;
        resolve(value);
      };
      confirm.require({
        header: request.header,
        message: request.message,
        icon: 'pi pi-exclamation-triangle',
        acceptProps: {
          label: request.accept,
          severity: request.danger ? 'danger' : 'primary',
          'data-testid': 'confirm-accept',
        },
        rejectProps: { label: 'Cancel', severity: 'secondary', variant: 'text', 'data-testid': 'confirm-reject' },
        accept: () => answer(true),
        reject: () => answer(false),
        onHide: () => answer(false),
      });
    });
}
