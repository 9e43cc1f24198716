import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ToastService from 'primevue/toastservice';
import { createMemoryHistory } from 'vue-router';

import App from '@/App.vue';
import { createAppRouter } from '@/router';

/** The whole SPA on an in-memory history, unstyled, with whatever `fetch` the test stubbed. */
export async function mountApp(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [pinia, router, [PrimeVue, { unstyled: true }], ToastService, ConfirmationService] },
  });
  await router.push(path);
  await router.isReady();
  return { wrapper, router };
}
