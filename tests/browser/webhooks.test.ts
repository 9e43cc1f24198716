import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium, screenshot, signInAs } from '../support/browser.js';
import { freshDatabase, removeDir, type RunningGatehouse, startGatehouse, tempDataDir } from '../support/gatehouse.js';

let gatehouse: RunningGatehouse;
let browser: Browser;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let receiver: Server;
let receiverUrl = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const dataDir = tempDataDir();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/gatehouse`;
  database = await freshDatabase();
  gatehouse = await startGatehouse({
    env: { DATABASE_URL: database?.url, DATA_DIR: dataDir, MASTER_KEY: undefined, OUTBOUND_ALLOWLIST: '127.0.0.1/32' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gatehouse?.stop();
  await database?.drop();
  await new Promise((r) => receiver.close(r));
  removeDir(dataDir);
});

describe('Webhooks in Chromium', () => {
  it('creates an endpoint, shows its secret once, sends a test, logs the attempt, rotates and bulk-deletes', async () => {
    const { context, page, errors } = await signInAs(
      browser,
      gatehouse.url,
      gatehouse.demo!.email,
      gatehouse.demo!.password,
    );
    await page.goto(`${gatehouse.url}/settings/integrations/webhooks`);

    // Create: the secret is shown once, in a dialog with a copy button.
    await page.getByTestId('webhooks-create').click();
    const dialog = page.getByTestId('webhook-create-dialog');
    await dialog.getByTestId('webhook-name-input').fill('Channel manager');
    await dialog.getByTestId('webhook-url-input').fill(receiverUrl);
    await dialog.getByTestId('webhook-description-input').fill('Bookings and payments into our PMS');
    await dialog.getByTestId('webhook-header-add').click();
    await dialog.getByTestId('webhook-header-name-0').fill('X-Tenant-Ref');
    await dialog.getByTestId('webhook-header-value-0').fill('flats-42');
    await dialog.getByTestId('webhook-create-submit').click();
    const secretField = page.getByTestId('webhook-secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('webhook-secret-close').click();
    await expect.poll(() => page.content()).not.toContain(secret);

    // Send on the row: the receiver answers 200 and gets a signed request the official library accepts.
    const row = page.locator('[data-testid^="webhook-row-"]').first();
    const id = (await row.getAttribute('data-testid'))!.replace('webhook-row-', '');
    await page.getByTestId(`webhook-send-${id}`).click();
    await expect.poll(() => received.length).toBe(1);
    const first = received[0]!;
    expect(first.headers['x-tenant-ref']).toBe('flats-42');
    expect(new Webhook(secret).verify(first.body, first.headers as Record<string, string>)).toMatchObject({
      type: 'webhook.test',
    });

    // Detail: Send test reports the status; the attempt appears in the log.
    await page.goto(`${gatehouse.url}/settings/integrations/webhooks/${id}`);
    await page.getByTestId('webhook-test').click();
    await expect.poll(() => page.getByTestId('webhook-test-result').textContent()).toContain('200');
    await expect
      .poll(() => page.locator('[data-testid^="webhook-attempt-"]').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await page.getByTestId('webhook-stats-chart').waitFor();
    await screenshot(page, 'webhook-detail');

    // Regenerate: a new secret, shown once; the previous one still signs during the grace period.
    await page.getByTestId('webhook-rotate').click();
    await page.getByTestId('confirm-accept').click();
    await page.getByTestId('webhook-secret').waitFor();
    const rotated = await page.getByTestId('webhook-secret').inputValue();
    expect(rotated).not.toBe(secret);
    await page.getByTestId('webhook-secret-close').click();
    await expect.poll(() => page.getByTestId('webhook-secret-hint').textContent()).toContain(rotated.slice(-4));
    await page.getByTestId('webhook-test').click();
    await expect.poll(() => received.length).toBe(3);
    const last = received[2]!;
    for (const s of [secret, rotated]) {
      expect(new Webhook(s).verify(last.body, last.headers as Record<string, string>)).toBeTruthy();
    }

    // Bulk delete from the list after confirming.
    await page.goto(`${gatehouse.url}/settings/integrations/webhooks`);
    await page.getByTestId(`webhook-row-${id}`).locator('input[type="checkbox"], .p-checkbox').first().click();
    await page.getByTestId('webhooks-bulk-delete').click();
    await page.getByTestId('confirm-accept').click();
    await expect.poll(() => page.getByTestId(`webhook-row-${id}`).count()).toBe(0);
    await screenshot(page, 'webhooks-empty');

    expect(errors).toEqual([]);
    await context.close();
  });
});
