import type { RouteRecordRaw } from 'vue-router';

/** Settings → Team: everyone sees the members; owners and admins manage them (`team.manage`). */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/team',
    name: 'team',
    component: () => import('./routes/TeamPage.vue'),
    meta: { action: 'team.view', title: 'Team' },
  },
];
