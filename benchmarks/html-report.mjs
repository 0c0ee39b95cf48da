// Size and first-render time of the HTML report of a 10,000-sandbox fleet (200 invocations each,
// 40 creeping), against an empty report in the same run (the fixed cost: uPlot, script, style).
// Rendered by the real `leakwatch report --html`, loaded in headless Chromium; medians of RUNS.
//
//   npm run build && node benchmarks/html-report.mjs
//   LW_BENCH_SANDBOXES=1000 LW_BENCH_RUNS=1 node benchmarks/html-report.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createFinding, createReport } from '@leakwatch/core';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/dist/bin.js');
const SANDBOXES = Number(process.env.LW_BENCH_SANDBOXES ?? 10_000);
const RUNS = Number(process.env.LW_BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-bench-html-'));

function fleet(sandboxes) {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const t0 = Date.UTC(2026, 10, 1);
  const series = [];
  for (let s = 0; s < sandboxes; s++) {
    const leaks = s < 40;
    let t = t0 + Math.floor(rnd() * 5 * 86_400_000);
    const base = 90 + rnd() * 30;
    const x = [];
    const y = [];
    for (let i = 0; i < 200; i++) {
      x.push((t += 60_000 * (1 + Math.floor(rnd() * 5))));
      y.push(Math.round(base + (leaks ? i * (0.8 + rnd() * 0.4) : rnd() * 6)));
    }
    series.push({ label: `max memory, sandbox ${s.toString(16).padStart(4, '0')}`, unit: 'MB', x, y, ...(leaks ? { highlight: true } : {}) });
  }
  const creep = createFinding({
    kind: 'memory-creep', severity: 'error', key: 'aws:image-resizer', function: 'image-resizer', source: 'logs',
    title: 'image-resizer: memory creeps 0.98 MB per warm invocation in 40 sandboxes', evidence: { summary: ['40 creeping'], series },
    advice: 'run leakwatch test on this handler',
  });
  return createReport('logs', sandboxes > 0 ? [creep] : []);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function render(name, report) {
  const json = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  writeFileSync(json, JSON.stringify(report));
  const started = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [bin, 'report', json, '--html', html, '--quiet'], { stdio: 'ignore' });
  } catch (e) {
    if (e.status !== 1) throw e;
  }
  return { json: statSync(json).size, html: statSync(html).size, path: html, renderMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

const cases = { empty: render('empty', fleet(0)), fleet: render('fleet', fleet(SANDBOXES)) };
const browser = await chromium.launch({
  executablePath: process.env.LEAKWATCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = { empty: [], fleet: [], chart: [] };
{
  // warm-up: Chromium's first page of a run pays for its own start
  const page = await browser.newPage();
  await page.goto(pathToFileURL(cases.empty.path).href);
  await page.close();
}
for (let run = 0; run < RUNS; run++) {
  for (const name of ['empty', 'fleet']) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(cases[name].path).href);
    await page.waitForSelector('html[data-ready="1"]');
    // navigation start → summary and findings built (the first view)
    times[name].push(await page.evaluate(() => performance.getEntriesByName('leakwatch-ready')[0].startTime));
    if (name === 'fleet') {
      await page.$eval('figure.chart', (f) => f.scrollIntoView());
      await page.waitForSelector('figure.chart[data-drawn="1"]');
      times.chart.push(Number(await page.$eval('figure.chart', (f) => f.dataset.ms)));
    }
    await page.close();
  }
}
await browser.close();
rmSync(dir, { recursive: true, force: true });

const mb = (b) => `${(b / 1024 / 1024).toFixed(2)} MB`;
console.log(`sandboxes: ${SANDBOXES}, runs: ${RUNS}, node ${process.version}`);
console.log(`| report | --json size | HTML size | leakwatch report --html | first view (median) |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const name of ['empty', 'fleet']) {
  console.log(`| ${name === 'empty' ? 'empty (baseline)' : `${SANDBOXES} sandboxes`} | ${mb(cases[name].json)} | ${mb(cases[name].html)} | ${Math.round(cases[name].renderMs)} ms | ${median(times[name]).toFixed(0)} ms |`);
}
console.log(`fleet chart draw (median): ${median(times.chart).toFixed(0)} ms; first view ratio fleet ÷ empty: ${(median(times.fleet) / median(times.empty)).toFixed(2)}×; HTML ÷ JSON size: ${(cases.fleet.html / cases.fleet.json).toFixed(3)}`);
