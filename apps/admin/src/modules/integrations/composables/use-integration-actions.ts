import type { Integration } from '@gatehouse/shared';
import { reactive } from 'vue';

import { useConfirmAction } from '@/composables/use-confirm-action';
import { useNotify } from '@/composables/use-notify';
import { useIntegrationsStore } from '@/stores/integrations';

/**
 * The lifecycle actions of a connected integration (seed 003): enable/disable, verify, reset and
 * disconnect, the last two behind a confirmation. `busy` holds the ids with an action running.
 */
export function useIntegrationActions() {
  const store = useIntegrationsStore();
  const notify = useNotify();
  const ask = useConfirmAction();
  const busy = reactive(new Set<string>());

  async function running(integration: Integration, work: () => Promise<void>): Promise<void> {
    busy.add(integration.id);
    try {
      await work();
    } finally {
      busy.delete(integration.id);
    }
  }

  function setEnabled(integration: Integration, enabled: boolean): Promise<void> {
    return running(integration, async () => {
      try {
        if (enabled) {
          await store.activate(integration.id);
          notify.success('Integration enabled', `${integration.display_name} is used for routing again.`);
        } else {
          await store.disable(integration.id);
          notify.success('Integration disabled', `${integration.display_name} is excluded from routing.`);
        }
      } catch (error) {
        notify.error(error, enabled ? 'The integration was not enabled' : 'The integration was not disabled');
        // The switch already moved: show the state the server actually holds.
        await store.loadIntegrations().catch(() => undefined);
      }
    });
  }

  function verify(integration: Integration): Promise<void> {
    return running(integration, async () => {
      try {
        await store.verify(integration.id);
        notify.success('Verification started', `${integration.display_name} is being checked.`);
      } catch (error) {
        notify.error(error, 'Verification did not start');
      }
    });
  }

  async function reset(integration: Integration): Promise<void> {
    const accepted = await ask({
      header: `Reset ${integration.display_name}`,
      message:
        'Resetting clears stored metadata and refreshes the connection timestamp, then verifies the credentials again. Your credentials are kept.',
      accept: 'Reset',
    });
    if (!accepted) return;
    await running(integration, async () => {
      try {
        await store.reset(integration.id);
        // Metadata and the connection time changed too; the action answers only the status.
        await store.loadIntegrations().catch(() => undefined);
        notify.success('Integration reset', `${integration.display_name} is being verified again.`);
      } catch (error) {
        notify.error(error, 'The integration was not reset');
      }
    });
  }

  /** Answers whether the integration was disconnected. */
  async function disconnect(integration: Integration): Promise<boolean> {
    const accepted = await ask({
      header: `Disconnect ${integration.display_name}`,
      message: `Disconnect ${integration.display_name}? Its stored credentials are removed and routing rules that use it stop selecting it until you connect it again.`,
      accept: 'Disconnect',
      danger: true,
    });
    if (!accepted) return false;
    let done = false;
    await running(integration, async () => {
      try {
        await store.remove(integration.id);
        notify.success('Integration disconnected', `${integration.display_name} is no longer connected.`);
        done = true;
      } catch (error) {
        notify.error(error, 'The integration was not disconnected');
      }
    });
    return done;
  }

  return { busy, setEnabled, verify, reset, disconnect };
}
