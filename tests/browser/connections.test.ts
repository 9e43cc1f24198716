import { AllFakes, type StripeFake, VALID_CREDENTIALS } from '@gatehouse/provider-fakes';
import type { Browser, Page } from 'playwright-core';
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

const fakes = new AllFakes();
const stripe = () => fakes.http.get<StripeFake>('stripe');
const { publishable_key: PK, secret_key: SK } = VALID_CREDENTIALS.stripe;
const BAD_KEY = 'sk_test_BrowserRevokedKey9999';

let gatehouse: RunningGatehouse;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDatabase>>;
const dataDir = tempDataDir();

beforeAll(async () => {
  await fakes.start();
  database = await freshDatabase();
  gatehouse = await startGatehouse({
    env: {
      DATABASE_URL: database?.url,
      DATA_DIR: dataDir,
      MASTER_KEY: undefined,
      // The fake providers listen on loopback, which the SSRF guard refuses unless allow-listed.
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      VERIFY_RETRY_DELAY_SECONDS: '1',
      ...fakes.env(),
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gatehouse?.stop();
  await database?.drop();
  await fakes.close();
  removeDir(dataDir);
});

const status = (page: Page) => page.getByTestId('provider-status-stripe');

async function openDrawer(page: Page) {
  await page.getByTestId('provider-configure-stripe').click();
  const drawer = page.getByTestId('integration-drawer');
  await drawer.waitFor();
  return drawer;
}

const input = (page: Page, field: string) =>
  page
    .getByTestId(`credential-${field}`)
    .locator('input')
    .or(page.getByTestId(`credential-${field}`))
    .first();

describe('Connections hub in Chromium', () => {
  it('connects Stripe, keeps a blank secret, shows a rejected key, and disconnects', async () => {
    const { context, page, errors } = await signInAs(
      browser,
      gatehouse.url,
      gatehouse.demo!.email,
      gatehouse.demo!.password,
    );
    await page.goto(`${gatehouse.url}/settings/integrations/connections`);
    await expect.poll(() => status(page).textContent()).toBe('Not connected');
    await page.getByTestId('webhooks-card').waitFor();

    // Configure with test keys; Stripe answers slowly, so "Verifying" is on screen for a moment.
    stripe().mode = 'slow';
    stripe().slowMs = 2_000;
    let drawer = await openDrawer(page);
    await expect
      .poll(() => drawer.getByTestId('integration-webhook-url').inputValue())
      .toContain('/api/webhooks/stripe/t/demo');
    await input(page, 'publishable_key').fill('sk_test_wrong');
    await input(page, 'secret_key').fill(SK);
    await page.getByTestId('integration-save').click();
    await expect
      .poll(() => page.getByTestId('credential-publishable_key-error').textContent())
      .toContain('Publishable key must start with pk_test_ or pk_live_');
    await input(page, 'publishable_key').fill(PK);
    await screenshot(page, 'connection-drawer');
    await page.getByTestId('integration-save').click();
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Verifying');
    stripe().mode = 'normal';
    await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toBe('Connected');
    await expect.poll(() => page.getByTestId('provider-mode-stripe').textContent()).toMatch(/Test/);
    await screenshot(page, 'connections');

    // The detail, health and routing pages show the new connection.
    await page.getByTestId('provider-details-stripe').click();
    await page.waitForURL(/\/settings\/integrations\/connections\/[0-9a-f-]{36}$/);
    const integrationId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByText('Verified: Stripe accepted the secret key').count()).toBeGreaterThan(0);
    await screenshot(page, 'integration-detail');
    await page.goto(`${gatehouse.url}/settings/integrations/health`);
    await page.getByTestId('health-row-stripe').waitFor();
    await screenshot(page, 'integration-health');
    const api = new Api(gatehouse.url);
    await api.call('POST', '/api/v1/auth/login', gatehouse.demo);
    const rule = await api.call('POST', '/api/v1/routing-rules', {
      capability: 'initiate_payment',
      integration_id: integrationId,
      is_default: true,
    });
    expect(rule.status).toBe(201);
    await page.goto(`${gatehouse.url}/settings/integrations/routing`);
    await expect.poll(() => page.getByTestId('routing-table').textContent()).toContain('Stripe');
    await screenshot(page, 'routing-rules');
    await api.call('DELETE', `/api/v1/routing-rules/${rule.body.data.id}`);
    await page.goto(`${gatehouse.url}/settings/integrations/connections`);
    await expect.poll(() => status(page).textContent()).toBe('Connected');

    // Edit with the secret left blank: the stored key is kept and verified again.
    const callsBefore = stripe().requests.length;
    drawer = await openDrawer(page);
    await expect.poll(() => input(page, 'secret_key').getAttribute('placeholder')).toContain('••••');
    await input(page, 'publishable_key').fill('pk_test_51BrowserRotated');
    await page.getByTestId('integration-save').click();
    await expect.poll(() => stripe().requests.length, { timeout: 20_000 }).toBeGreaterThan(callsBefore);
    await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toBe('Connected');
    expect(stripe().requests.at(-1)?.headers.authorization).toBe(`Bearer ${SK}`);

    // A key Stripe does not know: the card turns to Error with the reason, never the key.
    drawer = await openDrawer(page);
    await input(page, 'secret_key').fill(BAD_KEY);
    await page.getByTestId('integration-save').click();
    await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toBe('Error');
    const reason = await page.getByTestId('provider-error-stripe').textContent();
    expect(reason).toMatch(/Stripe rejected the secret key/);
    // Once the drawer (which held the typed key) is gone, the key is nowhere on the page.
    await page.getByTestId('integration-drawer').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(BAD_KEY);

    // Disconnect after confirming: the card is back to Not connected.
    await page.getByTestId('provider-disconnect-stripe').click();
    await page.getByTestId('confirm-accept').click();
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Not connected');

    expect(errors).toEqual([]);
    await context.close();
  });
});
