import { describe, expect, it } from 'vitest';

import type { OutboundHttp } from '../../net/outbound.js';
import { manifest } from './manifest.js';
import { verify } from './verify.js';

/** Fails the test on any network use: 2N has nothing to check at tenant level. */
const noNetwork: OutboundHttp = {
  request: () => Promise.reject(new Error('2N verification must not make HTTP requests')),
  resolveAllowed: () => Promise.reject(new Error('2N verification must not resolve hosts')),
};

describe('2N Intercom', () => {
  it('is valid without any network call', async () => {
    expect(await verify({ http: noNetwork, baseUrl: '', credentials: {} })).toEqual({
      kind: 'valid',
      reason: 'No tenant-level credentials: 2N devices are checked by the bridge',
    });
  });

  it('declares no tenant-level credentials and no HTTP API', () => {
    expect(manifest).toMatchObject({
      id: 'twon',
      displayName: '2N Intercom',
      category: 'access',
      credentialSchema: {},
      defaultBaseUrl: null,
      regions: null,
    });
    expect(manifest.capabilities).toEqual(['intercom_open', 'intercom_codes']);
    expect(manifest.healthHints.length).toBeGreaterThan(0);
  });
});
