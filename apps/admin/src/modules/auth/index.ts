import type { RouteRecordRaw } from 'vue-router';

/** Sign-in and the forced password change; both render outside the signed-in shell. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./routes/LoginPage.vue'),
    meta: { public: true, title: 'Sign in' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('./routes/ChangePasswordPage.vue'),
    meta: { allowPendingPassword: true, title: 'Change your password' },
  },
];
