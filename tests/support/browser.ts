import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

import { ROOT } from './gatehouse.js';

/** Test runs keep their screenshots as artifacts; `UPDATE_SCREENSHOTS=1` refreshes the README's. */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs', 'screenshots')
  : join(ROOT, 'tests', 'artifacts', 'screenshots');

/** Debian's Chromium (or CHROMIUM_PATH), started the way this machine allows: no network chatter. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}; install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Collects console errors and uncaught page errors so a test can fail on any of them. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} @ ${msg.location().url}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Waits until toasts have gone and no table is loading, so a screenshot shows the page at rest. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.p-toast-message').first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.locator('.p-datatable-mask').first().waitFor({ state: 'detached', timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A fresh browser context signed in through the login page; `errors` collects console errors. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page
    .getByTestId('login-password')
    .locator('input')
    .or(page.getByTestId('login-password'))
    .first()
    .fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome-card').waitFor();
  return { context, page, errors };
}
