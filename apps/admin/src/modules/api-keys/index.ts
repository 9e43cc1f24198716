import type { RouteRecordRaw } from 'vue-router';

/** Settings → Integrations → API: tenant API keys, for owners and admins on a plan with `api_keys`. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/integrations/api',
    name: 'api-keys',
    component: () => import('./routes/ApiKeysPage.vue'),
    meta: { action: 'api_keys.manage', title: 'API keys' },
  },
  {
    path: '/settings/integrations/api/:keyId',
    name: 'api-key',
    component: () => import('./routes/ApiKeyDetailPage.vue'),
    props: true,
    meta: { action: 'api_keys.manage', title: 'API key' },
  },
];
