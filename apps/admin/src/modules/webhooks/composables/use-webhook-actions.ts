import type { TestResult, WebhookEndpoint } from '@gatehouse/shared';
import { useToast } from 'primevue/usetoast';
import { reactive } from 'vue';

import { useConfirmAction } from '@/composables/use-confirm-action';
import { useNotify } from '@/composables/use-notify';
import { useWebhooksStore } from '@/stores/webhooks';

import { describeTestResult } from '../labels';

/**
 * Send test and delete, shared by the list and the detail page. Deleting is permanent, so every path
 * to it goes through one confirmation. `busy` holds the ids with a test delivery running.
 */
export function useWebhookActions() {
  const store = useWebhooksStore();
  const notify = useNotify();
  const toast = useToast();
  const ask = useConfirmAction();
  const busy = reactive(new Set<string>());

  /** Sends a test event and toasts what happened; answers the result, or null when the call failed. */
  async function sendTest(webhook: WebhookEndpoint, eventType?: string): Promise<TestResult | null> {
    busy.add(webhook.id);
    try {
      const result = await store.sendTest(webhook.id, eventType);
      const { severity, summary, detail } = describeTestResult(result);
      toast.add({
        severity,
        summary: `${summary}: ${webhook.name}`,
        detail,
        life: severity === 'success' ? 4000 : 8000,
      });
      return result;
    } catch (error) {
      notify.error(error, 'The test was not sent');
      return null;
    } finally {
      busy.delete(webhook.id);
    }
  }

  /** Answers whether the endpoint was deleted. */
  async function deleteOne(webhook: WebhookEndpoint): Promise<boolean> {
    const accepted = await ask({
      header: 'Delete webhook',
      message: `Delete "${webhook.name}"? Deliveries to ${webhook.url} stop at once and its delivery log is removed. This cannot be undone.`,
      accept: 'Delete',
      danger: true,
    });
    if (!accepted) return false;
    try {
      await store.remove(webhook.id);
      notify.success('Webhook deleted', `"${webhook.name}" no longer receives events.`);
      return true;
    } catch (error) {
      notify.error(error, 'The webhook was not deleted');
      return false;
    }
  }

  /** Answers whether the endpoints were deleted. */
  async function deleteMany(webhooks: WebhookEndpoint[]): Promise<boolean> {
    const count = webhooks.length;
    const accepted = await ask({
      header: 'Delete webhooks',
      message: `Delete ${count} selected ${count === 1 ? 'webhook' : 'webhooks'}? Their deliveries stop at once and their delivery logs are removed. This cannot be undone.`,
      accept: 'Delete',
      danger: true,
    });
    if (!accepted) return false;
    try {
      const deleted = await store.bulkRemove(webhooks.map((webhook) => webhook.id));
      notify.success(
        'Webhooks deleted',
        `${deleted.length} ${deleted.length === 1 ? 'webhook was' : 'webhooks were'} deleted.`,
      );
      return true;
    } catch (error) {
      notify.error(error, 'The webhooks were not deleted');
      return false;
    }
  }

  return { busy, sendTest, deleteOne, deleteMany };
}
