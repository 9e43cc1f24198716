import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestApp, TEST_PASSWORD, type TestTenant } from './test/harness.js';

/**
 * Plants recognisable secret values in every path that handles secrets, then searches every
 * response body and every log line of this run for them.
 */
const CANARY_PASSWORD = 'canary-password-7f3a9e';
const CANARY_NEW_PASSWORD = 'canary-new-passphrase-51c2';

let app: TestApp;
let tenant: TestTenant;
const revealed: string[] = [];

beforeAll(async () => {
  app = await TestApp.start({ LOG_LEVEL: 'trace' });
  tenant = await app.createTenant('enterprise');
});
afterAll(() => app.close());

describe('secrets never leak', () => {
  it('keeps passwords, API key secrets, session and CSRF tokens out of responses and logs', async () => {
    // Failed sign-ins carrying the canary password, including inside malformed and invalid bodies.
    await app.client().post('/api/v1/auth/login', { email: tenant.users.staff.email, password: CANARY_PASSWORD });
    await app
      .client()
      .request('POST', '/api/v1/auth/login', undefined, { raw: `{"email":"a@b.c","password":"${CANARY_PASSWORD}"` });
    await app
      .client()
      .post('/api/v1/auth/login', { email: 'not-an-email', password: CANARY_PASSWORD, extra: CANARY_PASSWORD });

    const owner = await app.login(tenant.users.owner.email);
    const invited = await owner.post('/api/v1/team/members', {
      email: 'canary.user@example.test',
      name: 'Canary',
      role: 'admin',
    });
    const otp = invited.body.data.one_time_password as string;
    revealed.push(invited.text);
    const newcomer = await app.login('canary.user@example.test', otp);
    await newcomer.post('/api/v1/auth/password', {
      current_password: CANARY_PASSWORD,
      new_password: CANARY_NEW_PASSWORD,
    });
    await newcomer.post('/api/v1/auth/password', { current_password: otp, new_password: CANARY_NEW_PASSWORD });
    await app.login('canary.user@example.test', CANARY_NEW_PASSWORD);

    const created = await owner.post('/api/v1/api-keys', {
      name: 'canary key',
      environment: 'production',
      scopes: ['api', 'admin'],
    });
    const secret = created.body.data.secret as string;
    revealed.push(created.text);
    const byKey = app.client().withHeaders({ 'x-api-key': secret });
    await byKey.get('/api/v1/api-keys');
    await byKey.get('/api/v1/audit-events?limit=100');
    await app
      .client()
      .withHeaders({ authorization: `Bearer ${secret}x` })
      .get('/api/v1/tenant');
    await owner.post(`/api/v1/api-keys/${created.body.data.key.id}/revoke`);
    await byKey.get('/api/v1/tenant');
    await owner.get('/api/v1/audit-events?limit=100');

    const canaries = [
      CANARY_PASSWORD,
      CANARY_NEW_PASSWORD,
      TEST_PASSWORD,
      otp,
      secret,
      secret.slice(-20),
      owner.cookie('gh_session')!,
    ];

    const responses = app.responses.filter((body) => !revealed.includes(body));
    for (const canary of canaries) {
      for (const body of responses) expect(body, 'response body').not.toContain(canary);
      for (const line of app.logs) expect(line, 'log line').not.toContain(canary);
    }
    // The one-time reveals really happened (the test can fail if they stop happening).
    expect(revealed.join()).toContain(secret);
    expect(revealed.join()).toContain(otp);
    expect(app.logs.length).toBeGreaterThan(10);
  });

  it('the suite-wide leak check notices a secret in a log line', () => {
    const secret = [...app.secrets].find((s) => s.startsWith('gth_'))!;
    app.logs.push(`{"msg":"oops ${secret}"}`);
    expect(() => app.assertNoLeaks()).toThrow(/log line/);
    app.logs.pop();
    expect(() => app.assertNoLeaks()).not.toThrow();
  });
});
