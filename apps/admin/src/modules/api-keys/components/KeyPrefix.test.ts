import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import ToastService from 'primevue/toastservice';
import { describe, expect, it } from 'vitest';

import KeyPrefix from './KeyPrefix.vue';

const mountPrefix = () =>
  mount(KeyPrefix, {
    props: { prefix: 'gth_live_abcd1234' },
    global: { plugins: [[PrimeVue, { unstyled: true }], ToastService] },
  });

describe('KeyPrefix', () => {
  it('masks the prefix until shown, and hides it again', async () => {
    const wrapper = mountPrefix();
    const value = () => wrapper.get('[data-testid="api-key-prefix"]').text();
    expect(value()).not.toContain('gth_live');
    expect(value()).toMatch(/^•+$/);

    await wrapper.get('[data-testid="api-key-prefix-toggle"]').trigger('click');
    expect(value()).toBe('gth_live_abcd1234');

    await wrapper.get('[data-testid="api-key-prefix-toggle"]').trigger('click');
    expect(value()).not.toContain('gth_live');
  });
});
