import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  dataOf,
  jsonResponse,
  makeIntegration,
  makeMe,
  makeProvider,
  makeStatusEvent,
  STRIPE_INTEGRATION_ID,
} from '@/test/fixtures';
import { mountApp } from '@/test/mount-app';

const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? '';

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('Integration detail page', () => {
  it('shows state, masked credentials, metadata and a paged status history', async () => {
    document.cookie = 'gh_csrf=test-token; path=/';
    const fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/auth/me')) return jsonResponse(200, { success: true, data: makeMe('manager') });
      if (url === '/api/v1/integrations/providers') return jsonResponse(200, dataOf([makeProvider()]));
      if (url === `/api/v1/integrations/${STRIPE_INTEGRATION_ID}`) {
        return jsonResponse(
          200,
          dataOf(makeIntegration({ status: 'error', metadata: { last_error: 'Key revoked', account: 'acct_1' } })),
        );
      }
      if (url.includes('/history') && !url.includes('cursor=')) {
        return jsonResponse(200, {
          success: true,
          data: [makeStatusEvent({ from_status: 'active', to_status: 'error', reason: 'rejected: key revoked' })],
          meta: { next_cursor: 'c2', limit: 25 },
        });
      }
      if (url.includes('/history')) {
        return jsonResponse(200, {
          success: true,
          data: [makeStatusEvent({ id: '88888888-8888-4888-8888-888888888888', from_status: null, reason: 'created' })],
          meta: { next_cursor: null, limit: 25 },
        });
      }
      throw new Error(`unexpected ${url}`);
    });
    vi.stubGlobal('fetch', fetchMock);
    const { wrapper } = await mountApp(`/settings/integrations/connections/${STRIPE_INTEGRATION_ID}`);
    await flushPromises();

    expect(text('integration-status').trim()).toBe('Error');
    expect(text('integration-mode').trim()).toBe('Test');
    expect(text('integration-last-error')).toContain('Key revoked');
    expect(text('integration-credentials')).toContain('pk_test_abc123');
    expect(text('integration-credentials')).toContain('••••4242');
    expect(text('integration-metadata')).toContain('acct_1');
    expect(document.querySelectorAll('[data-testid="integration-history-row"]')).toHaveLength(1);
    // Managers read; they do not act.
    expect(document.querySelector('[data-testid="integration-verify"]')).toBeNull();

    document.querySelector<HTMLButtonElement>('[data-testid="history-load-more"]')!.click();
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/v1/integrations/${STRIPE_INTEGRATION_ID}/history?cursor=c2&limit=25`,
      expect.anything(),
    );
    expect(document.querySelectorAll('[data-testid="integration-history-row"]')).toHaveLength(2);
    expect(document.querySelector('[data-testid="history-load-more"]')).toBeNull();
    wrapper.unmount();
  });
});
