import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HttpClient } from '../test/http-client.js';
import { TestApp, type TestTenant } from '../test/harness.js';

let app: TestApp;
let tenant: TestTenant;
let owner: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  app = await TestApp.start();
  tenant = await app.createTenant('free');
  owner = await app.login(tenant.users.owner.email);
  admin = await app.login(tenant.users.admin.email);
});
afterAll(() => app.close());

const memberId = async (email: string) => {
  const res = await owner.get('/api/v1/team/members?per_page=100');
  return (res.body.data as { id: string; email: string }[]).find((m) => m.email === email)!.id;
};

describe('team', () => {
  it('lists members with roles, on any plan', async () => {
    const res = await owner.get('/api/v1/team/members');
    expect(res.status).toBe(200);
    expect(res.body.data.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'manager', 'owner', 'staff']);
    expect(res.body.meta.total).toBe(4);
  });

  it('adds an existing account without a new password, and refuses a duplicate', async () => {
    const other = await app.createTenant('free');
    const res = await admin.post('/api/v1/team/members', {
      email: other.users.staff.email,
      name: 'ignored',
      role: 'staff',
    });
    expect(res.status).toBe(201);
    expect(res.body.data.one_time_password).toBeNull();
    const again = await admin.post('/api/v1/team/members', {
      email: other.users.staff.email,
      name: 'x',
      role: 'staff',
    });
    expect(again.status).toBe(409);
    expect(again.body.errors.email).toBeDefined();
  });

  it('does not let an admin grant owner, but lets an owner', async () => {
    const res = await admin.post('/api/v1/team/members', { email: 'wannabe@example.test', name: 'W', role: 'owner' });
    expect(res.status).toBe(403);
    const id = await memberId(tenant.users.manager.email);
    expect((await admin.patch(`/api/v1/team/members/${id}`, { role: 'owner' })).status).toBe(403);
    const promoted = await owner.patch(`/api/v1/team/members/${id}`, { role: 'admin' });
    expect(promoted.body.data.role).toBe('admin');
  });

  it('keeps at least one owner', async () => {
    const id = await memberId(tenant.users.owner.email);
    const res = await owner.patch(`/api/v1/team/members/${id}`, { role: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.errors.role[0]).toContain('at least one owner');
    expect((await owner.delete(`/api/v1/team/members/${id}`)).status).toBe(409);
  });

  it('moves a removed member’s session to another tenant they still belong to', async () => {
    const other = await app.createTenant('free');
    const otherOwner = await app.login(other.users.owner.email);
    await otherOwner.post('/api/v1/team/members', { email: tenant.users.manager.email, name: 'x', role: 'staff' });
    const manager = await app.login(tenant.users.manager.email);
    await manager.post('/api/v1/auth/switch-tenant', { tenant_id: tenant.id });
    expect((await manager.get('/api/v1/auth/me')).body.data.tenant.id).toBe(tenant.id);
    expect((await owner.delete(`/api/v1/team/members/${await memberId(tenant.users.manager.email)}`)).status).toBe(200);
    const me = await manager.get('/api/v1/auth/me');
    expect(me.body.data).toMatchObject({ tenant: { id: other.id }, role: 'staff' });
  });

  it('removes a member, who then loses access to the tenant', async () => {
    const staff = await app.login(tenant.users.staff.email);
    const id = await memberId(tenant.users.staff.email);
    expect((await admin.delete(`/api/v1/team/members/${id}`)).status).toBe(200);
    expect((await staff.get('/api/v1/team/members')).status).toBe(403);
  });
});
