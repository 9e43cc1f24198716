import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, signInAs } from '../support/browser.js';
import {
  Api,
  freshDatabase,
  removeDir,
  type RunningGatehouse,
  startGatehouse,
  tempDataDir,
} from '../support/gatehouse.js';

const NEW_PASSWORD = 'a long and memorable passphrase';

let gatehouse: RunningGatehouse;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const dataDir = tempDataDir();
const staffEmail = 'frontdesk@demo.test';
const proOwnerEmail = 'owner@pro-workshop.test';

/** Signs in over HTTP with a one-time password and replaces it, as a first login would. */
async function activate(base: string, email: string, otp: string): Promise<void> {
  const api = new Api(base);
  expect((await api.call('POST', '/api/v1/auth/login', { email, password: otp })).status).toBe(200);
  expect(
    (await api.call('POST', '/api/v1/auth/password', { current_password: otp, new_password: NEW_PASSWORD })).status,
  ).toBe(200);
}

beforeAll(async () => {
  database = await freshDatabase();
  gatehouse = await startGatehouse({ env: { DATABASE_URL: database?.url, DATA_DIR: dataDir, MASTER_KEY: undefined } });
  const owner = new Api(gatehouse.url);
  await owner.call('POST', '/api/v1/auth/login', gatehouse.demo);
  const staff = await owner.call('POST', '/api/v1/team/members', {
    email: staffEmail,
    name: 'Front Desk',
    role: 'staff',
  });
  await activate(gatehouse.url, staffEmail, staff.body.data.one_time_password);
  const pro = await owner.call('POST', '/api/v1/platform/tenants', {
    slug: 'pro-workshop',
    name: 'Pro Workshop',
    country: 'DE',
    plan: 'pro',
    owner_email: proOwnerEmail,
    owner_name: 'Pro Owner',
  });
  await activate(gatehouse.url, proOwnerEmail, pro.body.data.one_time_password);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gatehouse?.stop();
  await database?.drop();
  removeDir(dataDir);
});

const signIn = (email: string, password: string) => signInAs(browser, gatehouse.url, email, password);

describe('admin SPA in Chromium', () => {
  it('an owner generates an API key, sees the secret once, copies the prefix and revokes it', async () => {
    const { context, page, errors } = await signIn(gatehouse.demo!.email, gatehouse.demo!.password);
    await screenshot(page, 'dashboard');

    await page.getByTestId('nav-api').click();
    await page.waitForURL('**/settings/integrations/api');
    await page.getByTestId('api-key-generate').click();
    const dialog = page.getByTestId('api-key-generate-dialog');
    await dialog.getByTestId('api-key-name-input').fill('Channel manager sync');
    await dialog.getByTestId('api-key-description-input').fill('Pushes reservations every minute');
    await dialog.getByTestId('api-key-generate-submit').click();

    const secretField = page.getByTestId('api-key-secret');
    await secretField.waitFor();
    const secret = (
      (await secretField.inputValue().catch(() => null)) ??
      (await secretField.textContent()) ??
      ''
    ).trim();
    expect(secret).toMatch(/^gth_live_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/);
    await page.getByTestId('api-key-secret-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByTestId('api-key-secret-done').click();
    await page.getByTestId('api-key-secret-dialog').waitFor({ state: 'detached' });

    // The secret is gone for good: not in the page, and the API key works until it is revoked.
    expect(await page.content()).not.toContain(secret.slice(22));
    const byKey = await fetch(`${gatehouse.url}/api/v1/tenant`, { headers: { 'x-api-key': secret } });
    expect(byKey.status).toBe(200);

    const row = page.getByTestId('api-key-row').filter({ hasText: 'Channel manager sync' });
    await row.waitFor();
    const prefix = row.getByTestId('api-key-prefix');
    expect(await prefix.textContent()).not.toContain('gth_live_');
    await row.getByTestId('api-key-prefix-toggle').click();
    await expect.poll(() => prefix.textContent()).toContain(secret.slice(0, 21));
    await row.getByTestId('api-key-prefix-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret.slice(0, 21));
    await screenshot(page, 'api-keys');

    await row.getByTestId('api-key-revoke').click();
    await page.getByTestId('confirm-revoke').click();
    await expect.poll(() => row.getByTestId('api-key-status').textContent()).toMatch(/revoked/i);
    const afterRevoke = await fetch(`${gatehouse.url}/api/v1/tenant`, { headers: { 'x-api-key': secret } });
    expect(afterRevoke.status).toBe(401);

    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('api_key.revoked');
    await screenshot(page, 'audit-log');

    await page.getByTestId('nav-team').click();
    await page.getByTestId('team-member-row').first().waitFor();
    await screenshot(page, 'team');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('staff sees no Integrations entry and cannot open the API keys page', async () => {
    const { context, page, errors } = await signIn(staffEmail, NEW_PASSWORD);
    expect(await page.getByTestId('nav-integrations').count()).toBe(0);
    expect(await page.getByTestId('nav-api').count()).toBe(0);
    await page.goto(`${gatehouse.url}/settings/integrations/api`);
    await page.getByTestId('forbidden-notice').waitFor();
    expect(await page.getByTestId('api-key-generate').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a tenant without Enterprise sees the upgrade notice with a documentation link', async () => {
    const { context, page, errors } = await signIn(proOwnerEmail, NEW_PASSWORD);
    await page.getByTestId('nav-api').click();
    const notice = page.getByTestId('upgrade-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Enterprise/);
    expect(await notice.getByRole('link', { name: /documentation/i }).count()).toBeGreaterThan(0);
    await screenshot(page, 'upgrade-notice');
    await page.goto(`${gatehouse.url}/settings/integrations/integrations`);
    await page.waitForURL('**/settings/integrations/connections');
    expect(errors).toEqual([]);
    await context.close();
  });
});
