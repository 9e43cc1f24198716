import { createRouter, createWebHistory, type RouterHistory, type RouteRecordRaw } from 'vue-router';

import AppShell from '@/layout/AppShell.vue';
import { routes as apiKeysRoutes } from '@/modules/api-keys';
import { routes as auditRoutes } from '@/modules/audit';
import { routes as authRoutes } from '@/modules/auth';
import { routes as dashboardRoutes } from '@/modules/dashboard';
import { routes as integrationsRoutes } from '@/modules/integrations';
import { routes as teamRoutes } from '@/modules/team';
import { routes as webhooksRoutes } from '@/modules/webhooks';

import { installGuard } from './install-guard';

/** Every page inside the signed-in shell; paths are absolute so each module owns its URLs. */
const shellRoutes: RouteRecordRaw[] = [
  ...dashboardRoutes,
  ...integrationsRoutes,
  ...apiKeysRoutes,
  ...webhooksRoutes,
  ...teamRoutes,
  ...auditRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/layout/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
];

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [...authRoutes, { path: '/', component: AppShell, children: shellRoutes }],
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  installGuard(router);
  return router;
}
