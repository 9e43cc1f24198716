import 'primeicons/primeicons.css';
import './styles/main.css';

import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ToastService from 'primevue/toastservice';
import Tooltip from 'primevue/tooltip';
import { createApp } from 'vue';

import { setUnauthorizedHandler } from './api/client';
import App from './App.vue';
import { createAppRouter } from './router';
import { dehydrate } from './stores/hydrate';
import { GatehousePreset } from './theme';

const app = createApp(App);
app.use(createPinia());
const router = createAppRouter();
app.use(router);
app.use(PrimeVue, {
  theme: {
    preset: GatehousePreset,
    // Dark mode only on request: the dashboard's own styles are written for the light scheme.
    options: { darkModeSelector: '.app-dark' },
  },
  // PrimeVue 5 is dual-licensed; the server injects the operator's key (PRIMEUI_LICENSE) at runtime.
  license:
    document.querySelector<HTMLMetaElement>('meta[name="primeui-license"]')?.content ||
    import.meta.env.VITE_PRIMEUI_LICENSE,
});
app.use(ToastService);
app.use(ConfirmationService);
app.directive('tooltip', Tooltip);

// A session that ends mid-use (expired, revoked elsewhere): forget its data and ask to sign in again.
setUnauthorizedHandler(() => {
  dehydrate();
  const current = router.currentRoute.value;
  if (current.name !== 'login') void router.push({ name: 'login', query: { redirect: current.fullPath } });
});

app.mount('#app');
