import type { Me } from '@gatehouse/shared';
import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, makeMe, pageOf } from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

/** A tiny fake of the API: `/auth/me` answers `me` (or 401), lists answer empty pages. */
function serve(me: Me | null) {
  // A signed-in browser holds the readable CSRF cookie; without it the SPA does not ask /me at all.
  document.cookie = me ? 'gh_csrf=test-token; path=/' : 'gh_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/auth/me')) {
        return me
          ? jsonResponse(200, { success: true, data: me })
          : jsonResponse(401, { success: false, code: 'unauthenticated', message: 'Sign in' });
      }
      if (url === '/api/v1/inbound-events/summary') return jsonResponse(200, { success: true, data: [] });
      if (url.startsWith('/api/v1/audit-events') || url.startsWith('/api/v1/inbound-events')) {
        return jsonResponse(200, { success: true, data: [], meta: { next_cursor: null, limit: 50 } });
      }
      return jsonResponse(200, pageOf([]));
    }),
  );
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('router guard', () => {
  it('sends a signed-out visitor to the login page with a way back', async () => {
    serve(null);
    const { router, wrapper } = await mountApp('/settings/team');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/settings/team');
    wrapper.unmount();
  });

  it('shows the upgrade notice in place of a plan-gated page and keeps the URL', async () => {
    serve(makeMe('admin', 'pro'));
    const { router, wrapper } = await mountApp('/settings/integrations/api');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/settings/integrations/api');
    expect(wrapper.find('[data-testid="upgrade-notice"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Upgrade to Enterprise');
    expect(wrapper.find('[data-testid="api-key-generate"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the forbidden notice to a manager opening API keys', async () => {
    serve(makeMe('manager'));
    const { router, wrapper } = await mountApp('/settings/integrations/api');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/settings/integrations/api');
    expect(wrapper.find('[data-testid="forbidden-notice"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="upgrade-notice"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it.each([
    '/settings/integrations/health',
    '/settings/integrations/routing',
    '/settings/integrations/webhook-logs',
    '/settings/integrations/connections/x',
  ])('closes %s to staff and asks a Pro workspace to upgrade', async (path) => {
    serve(makeMe('staff'));
    const staff = await mountApp(path);
    await flushPromises();
    expect(staff.wrapper.find('[data-testid="forbidden-notice"]').exists()).toBe(true);
    staff.wrapper.unmount();

    serve(makeMe('manager', 'pro'));
    const pro = await mountApp(path);
    await flushPromises();
    expect(pro.wrapper.find('[data-testid="upgrade-notice"]').exists()).toBe(true);
    pro.wrapper.unmount();
  });

  it('opens the API keys page for an owner on Enterprise', async () => {
    serve(makeMe('owner'));
    const { wrapper } = await mountApp('/settings/integrations/api');
    await flushPromises();
    expect(wrapper.find('[data-testid="api-key-generate"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="upgrade-notice"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('opens the webhook logs for a manager, titled', async () => {
    serve(makeMe('manager'));
    const { router, wrapper } = await mountApp('/settings/integrations/webhook-logs');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('webhook-logs');
    expect(router.currentRoute.value.meta).toMatchObject({ action: 'integrations.view', title: 'Webhook logs' });
    expect(wrapper.find('[data-testid="inbound-filter-provider"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="inbound-empty"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="forbidden-notice"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('redirects the legacy integrations URL to Connections', async () => {
    serve(makeMe('manager'));
    const { router, wrapper } = await mountApp('/settings/integrations/integrations');
    expect(router.currentRoute.value.path).toBe('/settings/integrations/connections');
    wrapper.unmount();
  });

  it('holds a user with a one-time password on the change-password page', async () => {
    const me = makeMe('staff');
    me.user.must_change_password = true;
    serve(me);
    const { router, wrapper } = await mountApp('/settings/team');
    expect(router.currentRoute.value.name).toBe('change-password');
    wrapper.unmount();
  });
});
