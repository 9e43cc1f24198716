import type { RouteRecordRaw } from 'vue-router';

/** Settings → Audit log: who changed what, when and from where (owners and admins). */
export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/audit-log',
    name: 'audit-log',
    component: () => import('./routes/AuditLogPage.vue'),
    meta: { action: 'audit.view', title: 'Audit log' },
  },
];
