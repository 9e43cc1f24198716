import type { Router } from 'vue-router';

import { hydrate } from '@/stores/hydrate';
import { useAuthStore } from '@/stores/auth';
import { safeRedirect } from '@/utils/links';

import { decide } from './guard';
import { blockPage } from './page-gate';

/**
 * The one global guard. Signed-out users go to the login page with a way back; a one-time password
 * must be replaced before anything else. Forbidden and plan-gated pages are not redirected: the
 * shell renders the matching notice in their place so the URL keeps saying where the user is.
 */
export function installGuard(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    if (!auth.checked) {
      try {
        // Only who the user is blocks the first page; the lists fill in behind it.
        await auth.hydrate();
        void hydrate();
      } catch {
        // The API is unreachable: treat as signed out; the login form reports the failure when used.
      }
    }

    if (decide(to.meta, auth.me) === 'login') {
      return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
    }
    if (auth.me && to.name === 'login') return safeRedirect(to.query.redirect);
    if (auth.mustChangePassword && !to.meta.allowPendingPassword) {
      return { name: 'change-password', query: { redirect: to.fullPath } };
    }
    if (auth.me && !auth.mustChangePassword && to.name === 'change-password') return '/';
    return true;
  });

  router.afterEach((to, _from, failure) => {
    if (failure) return;
    // A notice raised by the previous page's API call must not follow the user to the next page.
    blockPage(null);
    document.title = to.meta.title ? `${to.meta.title} · Gatehouse` : 'Gatehouse';
  });
}
