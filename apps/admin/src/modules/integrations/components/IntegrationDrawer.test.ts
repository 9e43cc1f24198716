import type { Integration, Provider } from '@gatehouse/shared';
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ToastService from 'primevue/toastservice';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useIntegrationsStore } from '@/stores/integrations';
import { dataOf, jsonResponse, makeIntegration, makeProvider, STRIPE_INTEGRATION_ID } from '@/test/fixtures';

import IntegrationDrawer from './IntegrationDrawer.vue';

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

function mountDrawer(provider: Provider, integration: Integration | null) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useIntegrationsStore();
  store.providers = [provider];
  store.integrations = integration ? [integration] : [];
  return mount(IntegrationDrawer, {
    props: { provider, visible: true },
    attachTo: document.body,
    global: { plugins: [pinia, [PrimeVue, { unstyled: true }], ToastService] },
  });
}

/** The drawer is teleported to <body>, so it is queried there. */
const byTestId = (id: string) => {
  const element = document.querySelector(`[data-testid="${id}"]`);
  return element ? new DOMWrapper(element) : null;
};

const submit = async () => {
  await byTestId('integration-drawer')!.find('form').trigger('submit');
  await flushPromises();
};

describe('IntegrationDrawer', () => {
  it('renders a field per credential, the webhook URL and the capabilities', async () => {
    const wrapper = mountDrawer(makeProvider(), null);
    await flushPromises();
    expect(byTestId('integration-drawer')).not.toBeNull();
    expect(byTestId('credential-publishable_key')?.attributes('placeholder')).toBe('pk_test_…');
    expect(byTestId('credential-secret_key')?.attributes('type')).toBe('password');
    expect((byTestId('integration-webhook-url')?.element as HTMLInputElement).value).toBe(
      'https://gatehouse.example/api/webhooks/stripe/t/acme',
    );
    expect(byTestId('integration-webhook-url')?.attributes('readonly')).toBeDefined();
    expect((byTestId('capability-process_refund')?.find('input').element as HTMLInputElement).checked).toBe(true);
    wrapper.unmount();
  });

  it('shows the pattern message and sends nothing while a value does not match', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mountDrawer(makeProvider(), null);
    await flushPromises();

    await byTestId('credential-publishable_key')!.setValue('sk_live_oops');
    await byTestId('credential-publishable_key')!.trigger('blur');
    expect(byTestId('credential-publishable_key-error')?.text()).toBe(
      'Publishable key must start with pk_test_ or pk_live_',
    );

    await submit();
    expect(byTestId('credential-secret_key-error')?.text()).toBe('Secret key is required');
    expect(fetchMock).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('hints a stored secret and keeps it when left blank', async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse(200, dataOf(makeIntegration({ credentials: { publishable_key: 'pk_live_new' }, mode: 'live' }))),
    );
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mountDrawer(makeProvider(), makeIntegration());
    await flushPromises();

    const secret = byTestId('credential-secret_key')!;
    expect(secret.attributes('placeholder')).toBe('••••4242');
    expect((secret.element as HTMLInputElement).value).toBe('');
    expect(secret.element.closest('.field')?.textContent).toContain('Leave blank to keep the stored value');
    // A secret never stored has no hint.
    expect(byTestId('credential-webhook_secret')?.attributes('placeholder')).toBeUndefined();
    expect((byTestId('credential-publishable_key')!.element as HTMLInputElement).value).toBe('pk_test_abc123');

    await byTestId('credential-publishable_key')!.setValue('pk_live_new');
    await submit();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/v1/integrations/${STRIPE_INTEGRATION_ID}`);
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ credentials: { publishable_key: 'pk_live_new' } });
    expect(wrapper.emitted('saved')).toHaveLength(1);
    expect(wrapper.emitted('update:visible')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });

  it('shows the API field errors under their inputs and general ones on top', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(422, {
          success: false,
          code: 'validation_failed',
          message: 'The given data was invalid.',
          errors: {
            'credentials.secret_key': ['Secret key is a live key but the publishable key is a test key'],
            provider: ['An integration for this provider already exists.'],
          },
        }),
      ),
    );
    const wrapper = mountDrawer(makeProvider(), null);
    await flushPromises();
    await byTestId('credential-publishable_key')!.setValue('pk_test_abc');
    await byTestId('credential-secret_key')!.setValue('sk_live_abc');
    await submit();

    expect(byTestId('credential-secret_key-error')?.text()).toBe(
      'Secret key is a live key but the publishable key is a test key',
    );
    expect(byTestId('integration-form-error')?.text()).toContain('already exists');
    expect(wrapper.emitted('saved')).toBeUndefined();
    wrapper.unmount();
  });
});
