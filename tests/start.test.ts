import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { Api, removeDir, startGatehouse, tempDataDir } from './support/gatehouse.js';

/**
 * The README's first command on a machine without a database server: `pnpm start` with no
 * DATABASE_URL runs an embedded PostgreSQL under the data dir, seeds the demo and serves everything.
 */
describe('pnpm start (embedded PostgreSQL)', () => {
  const dataDir = tempDataDir();
  afterAll(() => removeDir(dataDir));

  it('initialises, prints demo credentials once, serves the SPA and the API, and restarts fast', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, MASTER_KEY: undefined };
    const first = await startGatehouse({ command: ['pnpm', 'start'], env });
    try {
      expect(first.output()).toContain('embedded PostgreSQL');
      expect(first.demo).not.toBeNull();
      const api = new Api(first.url);
      const login = await api.call('POST', '/api/v1/auth/login', first.demo);
      expect(login.status).toBe(200);
      expect(login.body.data.tenant.slug).toBe('demo');
      expect((await api.call('GET', '/api/v1/auth/me')).body.data.role).toBe('owner');
      const page = await fetch(`${first.url}/settings/integrations/api`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      // The background workers run in this process: the demo's 2N intercom gets verified.
      let status = '';
      for (let i = 0; i < 100 && status !== 'active'; i++) {
        const list = await api.call('GET', '/api/v1/integrations?provider=twon');
        status = list.body.data[0]?.status ?? '';
        if (status !== 'active') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('active');
    } finally {
      await first.stop();
    }
    // A clean shutdown stops the embedded server too (no postmaster left holding the data dir).
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startGatehouse({ command: ['pnpm', 'start'], env });
    try {
      expect(second.demo).toBeNull(); // credentials are printed only once
      const api = new Api(second.url);
      expect((await api.call('POST', '/api/v1/auth/login', first.demo)).status).toBe(200);
      console.log(`pnpm start ready: first run ${first.readySeconds}s (with initdb), restart ${second.readySeconds}s`);
    } finally {
      await second.stop();
    }
  });
});
