import type { RouteRecordRaw } from 'vue-router';

/**
 * Settings → Integrations: the Connections hub with each integration's detail, their health, routing
 * rules and the inbound webhook log (seeds 000, 002, 003, 004). API keys and Webhooks live in their own
 * modules.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/integrations/connections',
    name: 'connections',
    component: () => import('./routes/ConnectionsPage.vue'),
    meta: { action: 'integrations.view', title: 'Connections' },
  },
  {
    path: '/settings/integrations/connections/:integrationId',
    name: 'integration',
    component: () => import('./routes/IntegrationDetailPage.vue'),
    props: true,
    meta: { action: 'integrations.view', title: 'Integration' },
  },
  {
    path: '/settings/integrations/health',
    name: 'integration-health',
    component: () => import('./routes/IntegrationHealthPage.vue'),
    meta: { action: 'integrations.view', title: 'Integration health' },
  },
  {
    path: '/settings/integrations/routing',
    name: 'routing-rules',
    component: () => import('./routes/RoutingRulesPage.vue'),
    meta: { action: 'integrations.view', title: 'Routing rules' },
  },
  {
    path: '/settings/integrations/webhook-logs',
    name: 'webhook-logs',
    component: () => import('./routes/WebhookLogsPage.vue'),
    meta: { action: 'integrations.view', title: 'Webhook logs' },
  },
  // The legacy URL of the hub keeps working.
  { path: '/settings/integrations/integrations', redirect: '/settings/integrations/connections' },
  { path: '/settings/integrations', redirect: '/settings/integrations/connections' },
];
