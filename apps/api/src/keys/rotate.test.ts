import { generateMasterKey } from '@gatehouse/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestApp, TEST_MASTER_KEY, type TestTenant } from '../test/harness.js';
import { rotateMasterKey } from './rotate.js';
import { loadKeyRing } from './key-ring.js';
import { parseEnv } from '../config/env.js';
import { createApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { createLogger } from '../logger.js';
import type { Server } from 'node:http';

let app: TestApp;
let tenant: TestTenant;

beforeAll(async () => {
  app = await TestApp.start();
  tenant = await app.createTenant('enterprise');
});
afterAll(() => app.close());

describe('master key rotation', () => {
  it('re-wraps data keys and platform secrets so the old master key can be retired', async () => {
    const admin = await app.login(tenant.users.admin.email);
    const { secret } = (
      await admin.post('/api/v1/api-keys', { name: 'survives rotation', environment: 'production', scopes: ['api'] })
    ).body.data;

    const newKey = generateMasterKey();
    const both = parseEnv({ NODE_ENV: 'test', MASTER_KEY: `${newKey},${TEST_MASTER_KEY}`, DATA_DIR: '/nonexistent' });
    const ring = loadKeyRing(both, () => {});
    const moved = await rotateMasterKey(app.runtime.ownerUrl, ring);
    expect(moved.dataKeys).toBeGreaterThanOrEqual(1);
    expect(moved.platformSecrets).toBe(1);
    expect(await rotateMasterKey(app.runtime.ownerUrl, ring)).toEqual({ dataKeys: 0, platformSecrets: 0 });

    // A process with only the new key still authenticates keys hashed with the re-wrapped pepper.
    const onlyNew = parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: app.runtime.ownerUrl,
      MASTER_KEY: newKey,
      DATA_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
    });
    const runtime = await bootstrap(onlyNew, createLogger('silent'));
    const server: Server = await new Promise((ok) => {
      const s = createApp(runtime.deps).listen(0, '127.0.0.1', () => ok(s));
    });
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/tenant`, { headers: { 'x-api-key': secret } });
      expect(res.status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
      await runtime.close();
    }

    // And a process with only the old key cannot start: the secrets it needs are no longer wrapped by it.
    const onlyOld = parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: app.runtime.ownerUrl,
      MASTER_KEY: TEST_MASTER_KEY,
      DATA_DIR: '/nonexistent',
    });
    await expect(bootstrap(onlyOld, createLogger('silent'))).rejects.toThrow();
  });
});
