import type { Integration } from '@gatehouse/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { draftFor } from '@/modules/integrations/credential-form';
import { dataOf, jsonResponse, makeIntegration, makeProvider, pageOf, STRIPE_INTEGRATION_ID } from '@/test/fixtures';

import { POLL_INTERVAL_MS, useIntegrationsStore } from './integrations';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A fake API: GET /integrations answers the next of `lists` (the last one repeats). */
function serve(
  lists: Integration[][],
  other: (url: string, init: RequestInit) => Response | undefined = () => undefined,
) {
  let served = 0;
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const answer = other(url, init);
    if (answer) return answer;
    if (url.startsWith('/api/v1/integrations/providers')) return jsonResponse(200, dataOf([makeProvider()]));
    if (url.startsWith('/api/v1/integrations?')) {
      const items = lists[Math.min(served, lists.length - 1)]!;
      served++;
      return jsonResponse(200, pageOf(items));
    }
    throw new Error(`unexpected ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const listCalls = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls.filter(([url]) => url.startsWith('/api/v1/integrations?')).length;

const bodyOf = (fetchMock: ReturnType<typeof serve>, method: string) => {
  const call = fetchMock.mock.calls.find(([, init]) => init.method === method);
  return call ? JSON.parse(call[1].body as string) : undefined;
};

describe('integrations store', () => {
  it('loads the catalog and every integration in one page', async () => {
    const fetchMock = serve([[makeIntegration()]]);
    const store = useIntegrationsStore();
    await store.load();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/integrations/providers', expect.anything());
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/integrations?page=1&per_page=100', expect.anything());
    expect(store.loaded).toBe(true);
    expect(store.integrationOf('stripe')?.id).toBe(STRIPE_INTEGRATION_ID);
    expect(store.integrationOf('twilio')).toBeNull();
  });

  it('polls every second while a verification runs and stops once all settle', async () => {
    vi.useFakeTimers();
    const fetchMock = serve([
      [makeIntegration({ status: 'pending_verify', verifying: true })],
      [makeIntegration({ status: 'pending_verify', verifying: true })],
      [makeIntegration({ status: 'active', verifying: false })],
    ]);
    const store = useIntegrationsStore();
    await store.loadIntegrations();
    expect(store.unsettled).toBe(true);

    store.startPolling();
    expect(store.polling).toBe(true);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(listCalls(fetchMock)).toBe(2);
    expect(store.polling).toBe(true);

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(listCalls(fetchMock)).toBe(3);
    expect(store.integrations[0]?.status).toBe('active');
    expect(store.polling).toBe(false);

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
    expect(listCalls(fetchMock)).toBe(3);
  });

  it('does not poll when nothing is verifying, and stops when asked (page unmount)', async () => {
    vi.useFakeTimers();
    const fetchMock = serve([[makeIntegration({ status: 'error', verifying: true })]]);
    const store = useIntegrationsStore();
    await store.loadIntegrations();
    store.startPolling();
    store.startPolling(); // a second start does not add a second timer
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
    expect(listCalls(fetchMock)).toBe(2);

    store.stopPolling();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 3);
    expect(listCalls(fetchMock)).toBe(2);

    store.integrations = [makeIntegration()];
    store.startPolling();
    expect(store.polling).toBe(false);
  });

  it('stops polling on dehydrate (sign-out, tenant switch)', async () => {
    vi.useFakeTimers();
    const fetchMock = serve([[makeIntegration({ status: 'pending_verify' })]]);
    const store = useIntegrationsStore();
    await store.loadIntegrations();
    store.startPolling();
    store.dehydrate();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 3);
    expect(listCalls(fetchMock)).toBe(1);
    expect(store.integrations).toEqual([]);
  });

  it('updates only changed fields and sends only typed secrets', async () => {
    const fetchMock = serve([[makeIntegration()]], (url, init) =>
      init.method === 'PATCH' ? jsonResponse(200, dataOf(makeIntegration({ status: 'pending_verify' }))) : undefined,
    );
    const store = useIntegrationsStore();
    await store.load();
    const provider = makeProvider();
    const draft = draftFor(provider, store.integrationOf('stripe'));
    expect(draft.credentials).toEqual({ publishable_key: 'pk_test_abc123', secret_key: '', webhook_secret: '' });

    draft.credentials.webhook_secret = ' whsec_new ';
    draft.capabilities = ['initiate_payment'];
    const saved = await store.save(provider, draft);

    expect(fetchMock).toHaveBeenCalledWith(`/api/v1/integrations/${STRIPE_INTEGRATION_ID}`, expect.anything());
    expect(bodyOf(fetchMock, 'PATCH')).toEqual({
      credentials: { webhook_secret: 'whsec_new' },
      enabled_capabilities: ['initiate_payment'],
    });
    expect(saved.status).toBe('pending_verify');
    expect(store.integrationOf('stripe')?.status).toBe('pending_verify');
  });

  it('sends nothing when nothing changed', async () => {
    const fetchMock = serve([[makeIntegration()]]);
    const store = useIntegrationsStore();
    await store.load();
    const provider = makeProvider();
    await store.save(provider, draftFor(provider, store.integrationOf('stripe')));
    expect(fetchMock.mock.calls.some(([, init]) => init.method === 'PATCH')).toBe(false);
  });

  it('creates a new integration with every filled field and all capabilities by default', async () => {
    const fetchMock = serve([[]], (url, init) =>
      init.method === 'POST' ? jsonResponse(201, dataOf(makeIntegration({ status: 'pending_verify' }))) : undefined,
    );
    const store = useIntegrationsStore();
    await store.load();
    const provider = makeProvider();
    const draft = draftFor(provider, null);
    draft.credentials.publishable_key = 'pk_test_abc';
    draft.credentials.secret_key = 'sk_test_xyz';
    await store.save(provider, draft);
    expect(bodyOf(fetchMock, 'POST')).toEqual({
      provider: 'stripe',
      credentials: { publishable_key: 'pk_test_abc', secret_key: 'sk_test_xyz' },
      enabled_capabilities: ['initiate_payment', 'process_refund', 'verify_payment'],
    });
    expect(store.integrationOf('stripe')?.status).toBe('pending_verify');
    expect(store.unsettled).toBe(true);
  });

  it('applies the state an action answers, and drops a list answer requested before it', async () => {
    let answerList!: (response: Response) => void;
    let held = false;
    serve([[makeIntegration()]], (url) => {
      if (url.endsWith('/disable')) {
        return jsonResponse(200, {
          success: true,
          data: {
            id: STRIPE_INTEGRATION_ID,
            status: 'inactive',
            verifying: false,
            updated_at: '2026-02-01T00:00:00.000Z',
          },
        });
      }
      return undefined;
    });
    const store = useIntegrationsStore();
    await store.loadIntegrations();

    // A poll goes out, the user disables meanwhile, and the poll's (older) answer arrives last.
    const original = globalThis.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init: RequestInit) => {
        if (url.startsWith('/api/v1/integrations?') && !held) {
          held = true;
          return new Promise<Response>((resolve) => (answerList = resolve));
        }
        return original(url, init);
      }),
    );
    const polled = store.loadIntegrations();
    await store.disable(STRIPE_INTEGRATION_ID);
    expect(store.integrationOf('stripe')?.status).toBe('inactive');
    answerList(jsonResponse(200, pageOf([makeIntegration({ status: 'active' })])));
    await polled;
    expect(store.integrationOf('stripe')?.status).toBe('inactive');
  });

  it('forgets a disconnected integration', async () => {
    serve([[makeIntegration()]], (url, init) =>
      init.method === 'DELETE' ? jsonResponse(200, { success: true, message: 'Integration deleted' }) : undefined,
    );
    const store = useIntegrationsStore();
    await store.load();
    await store.remove(STRIPE_INTEGRATION_ID);
    expect(store.integrationOf('stripe')).toBeNull();
  });
});
