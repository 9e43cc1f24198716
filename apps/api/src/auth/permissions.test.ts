import { PERMISSIONS, Role } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpClient } from '../test/http-client.js';
import { TestApp, type TestTenant } from '../test/harness.js';

let app: TestApp;
let enterprise: TestTenant;
let pro: TestTenant;
const clients: Record<string, HttpClient> = {};

beforeAll(async () => {
  app = await TestApp.start();
  enterprise = await app.createTenant('enterprise');
  pro = await app.createTenant('pro');
  for (const role of Role.options) {
    clients[`enterprise:${role}`] = await app.login(enterprise.users[role].email);
    clients[`pro:${role}`] = await app.login(pro.users[role].email);
  }
});
afterAll(() => app.close());

/** One representative call per permission, with the action it needs. */
const calls = [
  { action: 'api_keys.manage', method: 'GET', path: '/api/v1/api-keys' },
  { action: 'team.view', method: 'GET', path: '/api/v1/team/members' },
  {
    action: 'team.manage',
    method: 'POST',
    path: '/api/v1/team/members',
    body: { email: 'x@y.test', name: 'X', role: 'not-a-role' },
  },
  { action: 'audit.view', method: 'GET', path: '/api/v1/audit-events' },
  { action: 'tenant.manage', method: 'PATCH', path: '/api/v1/tenant', body: {} },
] as const;

describe('role × route matrix (enterprise plan)', () => {
  for (const call of calls) {
    for (const role of Role.options) {
      const allowed = PERMISSIONS[call.action].roles.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${call.method} ${call.path}`, async () => {
        const res = await clients[`enterprise:${role}`]!.request(
          call.method,
          call.path,
          'body' in call ? call.body : undefined,
        );
        if (allowed) expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (allowed) expect([200, 201, 422]).toContain(res.status);
        else expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
      });
    }
  }

  it('matches the seed: staff no integrations, managers no API keys, admins everything', () => {
    expect(PERMISSIONS['integrations.view'].roles).not.toContain('staff');
    expect(PERMISSIONS['webhooks.manage'].roles).toContain('manager');
    expect(PERMISSIONS['api_keys.manage'].roles).toEqual(['owner', 'admin']);
  });
});

describe('plan gating', () => {
  it('answers 403 upgrade_required to an admin on a plan without the feature', async () => {
    const res = await clients['pro:admin']!.get('/api/v1/api-keys');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('upgrade_required');
  });

  it('still answers forbidden (not upgrade) to a role that could never open it', async () => {
    expect((await clients['pro:staff']!.get('/api/v1/api-keys')).body.code).toBe('forbidden');
  });

  it('lists entitlements in /me from data, and unlocks after a plan change', async () => {
    const me = await clients['pro:admin']!.get('/api/v1/auth/me');
    expect(me.body.data.entitlements).toEqual([]);
    const { changePlan } = await import('./../tenants/tenants.service.js');
    await changePlan(app.deps, pro.id, 'enterprise', { principal: null, ip: null, requestId: null });
    expect((await clients['pro:admin']!.get('/api/v1/api-keys')).status).toBe(200);
    await changePlan(app.deps, pro.id, 'pro', { principal: null, ip: null, requestId: null });
  });

  it('keeps platform routes for superadmins only', async () => {
    const res = await clients['enterprise:owner']!.get('/api/v1/platform/tenants');
    expect(res.status).toBe(403);
  });
});
