import { ENDPOINTS } from '@gatehouse/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpClient } from '../test/http-client.js';
import { TestApp } from '../test/harness.js';

/**
 * "Never a 500 for bad input": arbitrary JSON bodies, query strings and path ids sent to every
 * endpoint by a signed-in owner and by an anonymous caller must be answered without a server error.
 */
let app: TestApp;
let owner: HttpClient;

beforeAll(async () => {
  app = await TestApp.start({ LOG_LEVEL: 'silent' });
  const tenant = await app.createTenant('enterprise');
  owner = await app.login(tenant.users.owner.email);
});
afterAll(() => app.close());

const routes = Object.entries(ENDPOINTS).filter(([name]) => name !== 'Logout' && name !== 'RemoveMember');
const pathOf = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

describe('arbitrary input never causes a server error', () => {
  it.each(routes)('%s', async (_name, endpoint) => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3 }),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
        fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
        fc.boolean(),
        async (body, query, id, anonymous) => {
          const qs = new URLSearchParams(query).toString();
          const path = `${pathOf(endpoint.path, id)}${qs ? `?${qs}` : ''}`;
          const client = anonymous ? app.client() : owner;
          const res = await client.request(endpoint.method, path, endpoint.method === 'GET' ? undefined : body);
          expect(res.status, `${endpoint.method} ${path} ${JSON.stringify(body)} → ${res.text}`).toBeLessThan(500);
          expect(res.body.success, res.text).toBeTypeOf('boolean');
        },
      ),
      { numRuns: 25 },
    );
  });
});
