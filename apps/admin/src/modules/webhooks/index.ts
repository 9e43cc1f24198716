import type { RouteRecordRaw } from 'vue-router';

/**
 * Settings → Integrations → Webhooks: outbound endpoints with their events, signing secrets and
 * deliveries (seeds 001, 003), for owners, admins and managers on a plan with `webhooks`.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/integrations/webhooks',
    name: 'webhooks',
    component: () => import('./routes/WebhooksPage.vue'),
    meta: { action: 'webhooks.manage', title: 'Webhooks' },
  },
  {
    path: '/settings/integrations/webhooks/:webhookId',
    name: 'webhook',
    component: () => import('./routes/WebhookDetailPage.vue'),
    props: true,
    meta: { action: 'webhooks.manage', title: 'Webhook' },
  },
];
