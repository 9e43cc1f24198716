import type { ApiKey } from '@gatehouse/shared';
import { useConfirm } from 'primevue/useconfirm';

import { useNotify } from '@/composables/use-notify';
import { useApiKeysStore } from '@/stores/api-keys';

/** Revoking is permanent, so every path to it goes through one confirmation. */
export function useRevokeKeys() {
  const confirm = useConfirm();
  const notify = useNotify();
  const store = useApiKeysStore();

  const ask = (header: string, message: string, accept: () => Promise<void>): Promise<void> =>
    new Promise((resolve) => {
      confirm.require({
        header,
        message,
        icon: 'pi pi-exclamation-triangle',
        acceptProps: { label: 'Revoke', severity: 'danger', 'data-testid': 'confirm-revoke' },
        rejectProps: { label: 'Cancel', severity: 'secondary', variant: 'text' },
        accept: () => void accept().finally(resolve),
        reject: () => resolve(),
        onHide: () => resolve(),
      });
    });

  function revokeOne(key: ApiKey, onDone?: (key: ApiKey) => void): Promise<void> {
    return ask(
      'Revoke API key',
      `Revoke "${key.name}"? Calls using this key fail immediately. This cannot be undone.`,
      async () => {
        try {
          const revoked = await store.revoke(key.id);
          notify.success('Key revoked', `"${key.name}" can no longer be used.`);
          onDone?.(revoked);
        } catch (error) {
          notify.error(error, 'The key was not revoked');
        }
      },
    );
  }

  function revokeMany(keys: ApiKey[], onDone?: () => void): Promise<void> {
    const count = keys.length;
    return ask(
      'Revoke API keys',
      `Revoke ${count} selected ${count === 1 ? 'key' : 'keys'}? Calls using them fail immediately. This cannot be undone.`,
      async () => {
        try {
          const revoked = await store.bulkRevoke(keys.map((key) => key.id));
          notify.success(
            'Keys revoked',
            `${revoked.length} ${revoked.length === 1 ? 'key was' : 'keys were'} revoked.`,
          );
          onDone?.();
        } catch (error) {
          notify.error(error, 'The keys were not revoked');
        }
      },
    );
  }

  return { revokeOne, revokeMany };
}
