/// <reference lib="dom" />
// The callbacks passed to page.evaluate run in Chromium, so this file needs the DOM types.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { analyzeLogs, readFileEvents } from '@leakwatch/analyzer';
import type { LeakwatchReport } from '@leakwatch/core';
import { createReport } from '@leakwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/command.js';
import { main } from '../src/main.js';
import { launchChromium, openReport, screenshotDir } from './chromium.js';
import type { PageWatch } from './chromium.js';
import { dbLeakReport, fleetReport, heapGrowthReport, HOSTILE, hostileReport } from './fixtures/synthetic-reports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-html-'));
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  ({ browser, close: closeBrowser } = await launchChromium());
}, 60_000);
afterAll(async () => {
  await closeBrowser?.();
  rmSync(dir, { recursive: true, force: true });
});

function ctx(cwd = root): CliContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, stdin: new PassThrough(), cwd, env: {}, color: false, out: () => o, err: () => e };
}

/** Saves a report as --json would and renders it with `leakwatch report --html`. */
async function renderReport(name: string, report: LeakwatchReport): Promise<string> {
  const json = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  writeFileSync(json, JSON.stringify(report));
  const c = ctx();
  const code = await main(['report', json, '--html', html, '--quiet'], c);
  expect(c.err()).toBe('');
  expect(code).toBe(report.findings.length > 0 ? 1 : 0);
  return html;
}

async function drawAllCharts(w: PageWatch): Promise<number> {
  const figures = await w.page.$$('figure.chart');
  for (const f of figures) {
    await f.scrollIntoViewIfNeeded();
    await w.page.waitForFunction((el) => (el as HTMLElement).dataset['drawn'] === '1', f, { timeout: 5000 });
  }
  // each drawn chart has a non-empty canvas
  const sizes = await w.page.$$eval('figure.chart canvas', (cs) => cs.map((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height));
  expect(sizes.length).toBe(figures.length);
  for (const s of sizes) expect(s).toBeGreaterThan(0);
  return figures.length;
}

function clean(w: PageWatch): void {
  expect(w.errors).toEqual([]);
  expect(w.console).toEqual([]);
  expect(w.dialogs).toEqual([]);
  expect(w.requests).toEqual([]);
}

const examples: Record<string, () => LeakwatchReport> = { 'heap-growth': heapGrowthReport, 'db-connection-leak': dbLeakReport, fleet: () => fleetReport(300, 12, 120) };

describe('leakwatch HTML report in headless Chromium', () => {
  for (const [name, make] of Object.entries(examples)) {
    it(`${name}: loads without console errors, draws every chart, screenshots light, dark and phone`, async () => {
      const report = make();
      const url = pathToFileURL(await renderReport(name, report)).href;
      const w = await openReport(browser, url);
      expect(await w.page.$$eval('article.finding', (a) => a.length)).toBe(report.findings.length);
      const charts = await drawAllCharts(w);
      expect(charts).toBeGreaterThan(0);
      const shots = screenshotDir();
      await w.page.evaluate(() => window.scrollTo(0, 0));
      await w.page.screenshot({ path: join(shots, `${name}-light.png`), fullPage: true });
      await w.page.click('#theme');
      expect(await w.page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
      await w.page.screenshot({ path: join(shots, `${name}-dark.png`), fullPage: true });
      clean(w);
      await w.page.close();
      const phone = await openReport(browser, url, { width: 390, height: 844 }, 'dark');
      await drawAllCharts(phone);
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.page.evaluate(() => window.scrollTo(0, 0));
      await phone.page.screenshot({ path: join(shots, `${name}-phone.png`), fullPage: true });
      clean(phone);
      await phone.page.close();
    });
  }

  it('a clean run says so', async () => {
    const w = await openReport(browser, pathToFileURL(await renderReport('clean', createReport('lint', []))).href);
    expect(await w.page.textContent('#verdict')).toBe('No leaks found.');
    expect(await w.page.textContent('#findings')).toContain('no leak patterns or leaks were found');
    clean(w);
    await w.page.close();
  });

  it('filters by kind, severity and function change what is shown', async () => {
    const report = fleetReport(50, 3, 40);
    const w = await openReport(browser, pathToFileURL(await renderReport('filters', report)).href);
    const visible = () => w.page.$$eval('article.finding', (as) => as.filter((a) => !(a as HTMLElement).hidden).length);
    expect(await visible()).toBe(6);
    // keyboard: Tab from the top reaches the skip link, the theme switch, the kind chips, then the filters
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await w.page.keyboard.press('Tab');
      order.push(await w.page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''));
    }
    expect(order.slice(0, 4)).toEqual(['Skip to findings', 'theme', 'timeout 5', 'memory-creep 1']);
    expect(order[4]).toBe('f-kind');
    // the sixth Tab went on to the severity filter: back twice to the memory-creep chip, Enter
    await w.page.keyboard.press('Shift+Tab');
    await w.page.keyboard.press('Shift+Tab');
    await w.page.keyboard.press('Enter');
    expect(await w.page.inputValue('#f-kind')).toBe('memory-creep');
    expect(await visible()).toBe(1);
    await w.page.click('button[type=reset]');
    await w.page.waitForFunction(() => document.getElementById('shown')?.textContent === 'Showing 6 of 6 findings.');
    await w.page.selectOption('#f-kind', 'timeout');
    expect(await visible()).toBe(5);
    await w.page.selectOption('#f-severity', 'error');
    expect(await visible()).toBe(2);
    await w.page.selectOption('#f-function', 'orders-api');
    expect(await visible()).toBe(1);
    expect(await w.page.textContent('#shown')).toBe('Showing 1 of 6 findings.');
    await w.page.click('button[type=reset]');
    await w.page.waitForFunction(() => document.getElementById('shown')?.textContent === 'Showing 6 of 6 findings.');
    await w.page.click('button[type=reset]');
    await w.page.focus('#f-kind');
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('ArrowDown');
    expect(await visible()).toBeLessThan(6);
    // sort by cost puts the most expensive first
    await w.page.click('button[type=reset]');
    await w.page.selectOption('#f-sort', 'cost');
    const first = await w.page.$eval('article.finding', (a) => a.querySelector('h3')?.textContent);
    expect(first).toContain('image-resizer: 120 invocations timed out');
    // a kind chip in the summary filters too
    await w.page.click('#kinds button >> nth=0');
    expect(await w.page.inputValue('#f-kind')).not.toBe('');
    clean(w);
    await w.page.close();
  });

  it('a deep link opens its finding, even when the filters hid it', async () => {
    const report = dbLeakReport();
    const target = report.findings[1]!;
    const url = pathToFileURL(await renderReport('deep', report)).href;
    const w = await openReport(browser, `${url}#f-${target.id}`);
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe(`f-${target.id}`);
    expect(await w.page.$eval(`#f-${target.id}`, (a) => a.classList.contains('target'))).toBe(true);
    const inView = await w.page.$eval(`#f-${target.id}`, (a) => a.getBoundingClientRect().top >= 0 && a.getBoundingClientRect().top < window.innerHeight);
    expect(inView).toBe(true);
    expect(await w.page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await w.page.selectOption('#f-kind', 'db-connection-leak');
    await w.page.click(`#f-${report.findings[0]!.id} h3 a`);
    await w.page.evaluate((id) => (location.hash = `#f-${id}`), target.id);
    await w.page.waitForFunction((id) => document.activeElement?.id === `f-${id}`, target.id);
    expect(await w.page.$eval(`#f-${target.id}`, (a) => (a as HTMLElement).hidden)).toBe(false);
    clean(w);
    await w.page.close();
  });

  it('hostile log text is shown literally and no attacker script runs', async () => {
    const report = hostileReport();
    const html = await renderReport('hostile', report);
    const text = readFileSync(html, 'utf8');
    expect(text).not.toContain('<script>alert(1)');
    expect(text).not.toContain('<img src=x');
    expect(text.match(/<script/g)?.length).toBe(3);
    const w = await openReport(browser, pathToFileURL(html).href);
    await drawAllCharts(w);
    const shown = await w.page.$eval('article.finding', (a) => a.textContent ?? '');
    for (const h of HOSTILE.slice(0, 5)) expect(shown).toContain(h);
    expect(shown).toContain('more characters)');
    expect(await w.page.$$('article img, article svg, article script')).toHaveLength(0);
    expect(await w.page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')).filter((h) => !h?.startsWith('#')))).toEqual([]);
    await w.page.click('article h3 a');
    await w.page.screenshot({ path: join(screenshotDir(), 'hostile.png') });
    clean(w);
    await w.page.close();
  });

  it('the page forbids every script but its own and loads nothing from the network', async () => {
    const html = readFileSync(join(dir, 'heap-growth.html'), 'utf8');
    // the policy is enforced: a script injected at run time does not run, Chromium reports the refusal
    const w = await openReport(browser, pathToFileURL(join(dir, 'heap-growth.html')).href);
    const ran = await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'document.documentElement.dataset.injected = "1"';
      document.body.appendChild(s);
      return document.documentElement.dataset['injected'];
    });
    expect(ran).toBeUndefined();
    expect(w.console.join('\n')).toContain('Content Security Policy');
    await w.page.close();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src data:/);
    expect(csp).not.toContain('unsafe');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });

  it('a 10,000-sandbox fleet stays under 5 MB and draws', async () => {
    const html = await renderReport('fleet-10k', fleetReport(10_000, 40, 200));
    expect(statSync(html).size).toBeLessThan(5 * 1024 * 1024);
    const w = await openReport(browser, pathToFileURL(html).href);
    expect(await drawAllCharts(w)).toBe(1);
    expect(await w.page.textContent('figure.fleet figcaption')).toContain('10000 sandboxes: 24 highlighted (+16 more leaking not drawn)');
    await w.page.screenshot({ path: join(screenshotDir(), 'fleet-10k.png') });
    clean(w);
    await w.page.close();
  }, 60_000);
});

describe('--html on commands and leakwatch report', () => {
  it('leakwatch lint --html writes the report with code frames from the linted files', async () => {
    const html = join(dir, 'lint.html');
    const c = ctx();
    expect(await main(['lint', 'examples/lint', '--html', html, '--quiet'], c)).toBe(1);
    const w = await openReport(browser, pathToFileURL(html).href);
    const frames = await w.page.$$eval('pre.frame', (ps) => ps.length);
    expect(frames).toBeGreaterThan(0);
    expect(await w.page.$eval('pre.frame .hit', (e) => e.textContent)).toMatch(/^\s*\d+ /);
    await w.page.screenshot({ path: join(screenshotDir(), 'lint-light.png'), fullPage: true });
    clean(w);
    await w.page.close();
  });

  it('leakwatch test --html over the seed examples: every finding and chart of real runs loads cleanly', async () => {
    const html = join(dir, 'test-seed.html');
    const c = ctx();
    const seedDir = mkdtempSync(join(tmpdir(), 'lw-seed-html-'));
    for (const name of ['global-list.mjs', 'dangling-timer.mjs', 'process-listener.mjs']) writeFileSync(join(seedDir, name), readFileSync(join(root, 'examples/seed', name)));
    try {
      expect(await main(['test', seedDir, '-n', '60', '--html', html, '--quiet'], c)).toBe(1);
    } finally {
      process.removeAllListeners('unhandledRejection');
      rmSync(seedDir, { recursive: true, force: true });
    }
    const w = await openReport(browser, pathToFileURL(html).href);
    const kinds = await w.page.$$eval('article.finding', (a) => a.map((e) => e.textContent ?? ''));
    for (const k of ['heap-growth', 'dangling-work', 'listener-growth']) expect(kinds.join('\n')).toContain(k);
    expect(await drawAllCharts(w)).toBeGreaterThan(0);
    await w.page.screenshot({ path: join(screenshotDir(), 'test-seed.png'), fullPage: true });
    clean(w);
    await w.page.close();
  }, 120_000);

  it('a report of real platform logs (the analyzer over its fixtures) loads cleanly with its cost table', async () => {
    const fixtures = join(root, 'packages/analyzer/test/fixtures');
    const counts = { lines: 0, bytes: 0, unreadable: 0 };
    const inputs = ['aws-s3export-timeout-oom-connections.log', 'azure-host-executed-timeout.log', 'gcp-logentry-timeout-memory.jsonl', 'aws-filterlogevents-leaky-and-step.json'].map((f) => readFileEvents(join(fixtures, f), counts));
    const { findings } = await analyzeLogs(inputs, counts);
    expect(findings.length).toBeGreaterThan(0);
    const html = await renderReport('real-logs', createReport('logs', findings));
    const w = await openReport(browser, pathToFileURL(html).href);
    expect(await w.page.$$eval('article.finding', (a) => a.length)).toBe(findings.length);
    expect(await w.page.$eval('#costs', (t) => (t as HTMLElement).hidden)).toBe(!findings.some((f) => f.cost?.usd !== undefined));
    await drawAllCharts(w);
    await w.page.screenshot({ path: join(screenshotDir(), 'real-logs.png'), fullPage: true });
    clean(w);
    await w.page.close();
  });

  it('names the unreadable lines under the verdict, as text', async () => {
    const hostileId = '<img/src=x onerror=alert(1)>';
    const report = createReport('logs', [], { unreadable: 12, unreadableAt: ['app.jsonl:2', 'app.jsonl:40', `s-1: the REPORT of request ${hostileId}`] });
    const html = await renderReport('unreadable', report);
    expect(readFileSync(html, 'utf8')).not.toContain('<img/src=x');
    const w = await openReport(browser, pathToFileURL(html).href);
    const note = await w.page.$eval('#verdict + p.unreadable', (p) => p.textContent ?? '');
    expect(note).toBe(`⚠ 12 lines could not be read (counted, not judged): app.jsonl:2, app.jsonl:40, s-1: the REPORT of request ${hostileId}, and 9 more`);
    expect(await w.page.$$('main img')).toHaveLength(0);
    clean(w);
    await w.page.close();
  });
});
