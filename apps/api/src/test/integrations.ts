import type { Integration } from '@gatehouse/shared';

import type { HttpClient } from './http-client.js';

/** Polls GET /integrations/:id until `done` holds (verification runs in a background job). */
export async function waitForIntegration(
  client: HttpClient,
  id: string,
  done: (i: Integration) => boolean,
  timeoutMs = 15_000,
): Promise<Integration> {
  const deadline = Date.now() + timeoutMs;
  let last: Integration | undefined;
  while (Date.now() < deadline) {
    const res = await client.get(`/api/v1/integrations/${id}`);
    if (res.status !== 200) throw new Error(`GET integration ${id}: ${res.status} ${res.text}`);
    last = res.body.data as Integration;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Integration ${id} did not settle in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
