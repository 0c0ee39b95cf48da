import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Dialog, Page } from 'playwright-core';

/** Debian's chromium, installed by scripts/ensure-chromium.sh. */
export const CHROMIUM = process.env['LEAKWATCH_CHROMIUM'] ?? '/usr/bin/chromium';

/** Headless Chromium with no network side channels and a fresh profile. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // playwright gives every launch a fresh temporary user-data-dir (and refuses --user-data-dir)
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args, headless: true });
  return { browser, close: () => browser.close() };
}

/** What a page did that a report must never make it do. */
export interface PageWatch {
  page: Page;
  console: string[];
  errors: string[];
  dialogs: string[];
  requests: string[];
}

/** Opens a file:// URL, recording console output, page errors, dialogs and any request beyond the file itself. */
export async function openReport(browser: Browser, url: string, viewport = { width: 1200, height: 900 }, colorScheme: 'light' | 'dark' = 'light'): Promise<PageWatch> {
  const page = await browser.newPage({ viewport, colorScheme });
  const watch: PageWatch = { page, console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => watch.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('dialog', (d: Dialog) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url.split('#')[0]) watch.requests.push(r.url());
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15_000 });
  return watch;
}

export function screenshotDir(): string {
  const dir = join(import.meta.dirname, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
