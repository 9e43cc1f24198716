import type { RouteRecordRaw } from 'vue-router';

/** The landing page after sign-in; every role may open it. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'dashboard',
    component: () => import('./routes/DashboardPage.vue'),
    meta: { title: 'Dashboard' },
  },
];
