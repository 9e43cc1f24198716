import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { inScope } from '../db/scope.js';
import { TestApp, TEST_PASSWORD, type TestTenant } from '../test/harness.js';
import { insertMembership } from '../tenants/tenants.repository.js';

let app: TestApp;
let tenant: TestTenant;
let second: TestTenant;

beforeAll(async () => {
  app = await TestApp.start();
  tenant = await app.createTenant('enterprise');
  second = await app.createTenant('free');
});
afterAll(() => app.close());

describe('sessions', () => {
  it('signs in with an httpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const client = app.client();
    const res = await client.post('/api/v1/auth/login', { email: tenant.users.admin.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('gh_session='))!;
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(cookies.find((c) => c.startsWith('gh_csrf='))).not.toMatch(/httponly/i);
    expect(res.body.data).toMatchObject({
      role: 'admin',
      tenant: { id: tenant.id },
      entitlements: expect.arrayContaining(['api_keys']),
    });
    expect(res.text).not.toContain('password_hash');
  });

  it('rejects a wrong password with 401 and the same message as an unknown email', async () => {
    const wrong = await app.client().post('/api/v1/auth/login', { email: tenant.users.admin.email, password: 'nope' });
    const unknown = await app.client().post('/api/v1/auth/login', { email: 'nobody@nowhere.test', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('answers /me with 401 when signed out and after logout', async () => {
    expect((await app.client().get('/api/v1/auth/me')).status).toBe(401);
    const client = await app.login(tenant.users.staff.email);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses cookie-authenticated writes without the CSRF header', async () => {
    const client = await app.login(tenant.users.admin.email);
    const res = await client.request(
      'POST',
      '/api/v1/api-keys',
      { name: 'k', environment: 'staging', scopes: ['api'] },
      { headers: { 'x-csrf-token': 'forged' } },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
  });

  it('rate limits repeated failed sign-ins for an account', async () => {
    const email = tenant.users.manager.email;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await app.client().post('/api/v1/auth/login', { email, password: `bad-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const blocked = await app.client().post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });
});

describe('tenant switching', () => {
  it('lets a member of two tenants switch, and refuses a tenant they do not belong to', async () => {
    const user = tenant.users.admin;
    await inScope(app.deps.db, { tenantId: second.id }, (trx) =>
      insertMembership(trx, { tenant_id: second.id, user_id: user.userId, role: 'staff' }),
    );
    const client = await app.login(user.email);
    const me = await client.get('/api/v1/auth/me');
    expect(me.body.data.memberships.map((m: { tenant_id: string }) => m.tenant_id).sort()).toEqual(
      [tenant.id, second.id].sort(),
    );

    const switched = await client.post('/api/v1/auth/switch-tenant', { tenant_id: second.id });
    expect(switched.status).toBe(200);
    expect(switched.body.data).toMatchObject({ tenant: { id: second.id, plan: 'free' }, role: 'staff' });
    expect((await client.get('/api/v1/api-keys')).status).toBe(403);

    const third = await app.createTenant('pro');
    const denied = await client.post('/api/v1/auth/switch-tenant', { tenant_id: third.id });
    expect(denied.status).toBe(404);
  });
});

describe('one-time passwords', () => {
  it('blocks everything but /me and password change until the one-time password is replaced', async () => {
    const owner = await app.login(tenant.users.owner.email);
    const invited = await owner.post('/api/v1/team/members', {
      email: 'new.person@example.test',
      name: 'New Person',
      role: 'manager',
    });
    expect(invited.status).toBe(201);
    const otp = invited.body.data.one_time_password as string;
    expect(otp).toMatch(/\S{10,}/);

    const fresh = await app.login('new.person@example.test', otp);
    expect((await fresh.get('/api/v1/auth/me')).body.data.user.must_change_password).toBe(true);
    const blocked = await fresh.get('/api/v1/team/members');
    expect(blocked.status).toBe(403);

    const weak = await fresh.post('/api/v1/auth/password', { current_password: otp, new_password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors.new_password).toBeDefined();
    const changed = await fresh.post('/api/v1/auth/password', {
      current_password: otp,
      new_password: 'a much longer passphrase',
    });
    expect(changed.status).toBe(200);
    expect((await fresh.get('/api/v1/team/members')).status).toBe(200);
    expect(
      (await app.client().post('/api/v1/auth/login', { email: 'new.person@example.test', password: otp })).status,
    ).toBe(401);
  });
});
