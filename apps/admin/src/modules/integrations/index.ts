import type { RouteRecordRaw } from 'vue-router';

/** Settings → Integrations: the Connections hub and Webhooks (seed 003). API keys live in their own module. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/integrations/connections',
    name: 'connections',
    component: () => import('./routes/ConnectionsPage.vue'),
    meta: { action: 'integrations.view', title: 'Connections' },
  },
  {
    path: '/settings/integrations/webhooks',
    name: 'webhooks',
    component: () => import('./routes/WebhooksPage.vue'),
    meta: { action: 'webhooks.manage', title: 'Webhooks' },
  },
  // The legacy URL of the hub keeps working.
  { path: '/settings/integrations/integrations', redirect: '/settings/integrations/connections' },
  { path: '/settings/integrations', redirect: '/settings/integrations/connections' },
];
