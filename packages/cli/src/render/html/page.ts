import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LeakwatchReport } from '@leakwatch/core';
import { CLIENT_APP } from './client-app.js';
import { CLIENT_CHARTS } from './client-charts.js';
import type { CodeFrame } from './code-frame.js';
import { embedJson, escapeHtml } from './escape.js';
import { PAGE_STYLE } from './page-style.js';
import { toPageData } from './page-data.js';

let uplot: { js: string; css: string } | undefined;

/** uPlot's minified build and stylesheet, read once from node_modules and inlined into every page. */
function uplotAssets(): { js: string; css: string } {
  if (!uplot) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('uplot/package.json').replace(/package\.json$/, 'dist/');
    uplot = { js: readFileSync(`${dir}uPlot.iife.min.js`, 'utf8'), css: readFileSync(`${dir}uPlot.min.css`, 'utf8') };
  }
  return uplot;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Renders a report as one self-contained HTML page: data embedded as escaped JSON, uPlot and our
 * script inline, and a Content-Security-Policy that allows exactly those two scripts and our one
 * stylesheet (by hash), images only as `data:`, and no network at all.
 *
 * @example
 * ```ts
 * const html = renderHtml(report, await readCodeFrames(report.findings, cwd));
 * await writeFile('leakwatch.html', html);
 * ```
 */
export function renderHtml(report: LeakwatchReport, frames: ReadonlyMap<string, CodeFrame> = new Map()): string {
  const data = toPageData(report, frames);
  const { js, css } = uplotAssets();
  const app = CLIENT_APP + CLIENT_CHARTS;
  const style = css + PAGE_STYLE;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(js)} ${sha256(app)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '); // only our own fixed text and base64 hashes: nothing to escape
  const title = escapeHtml(`leakwatch ${data.command}: ${data.summary.findings} finding${data.summary.findings === 1 ? '' : 's'}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#findings-h">Skip to findings</a>
<header class="top"><h1>leakwatch <span id="cmd"></span> report<span class="ver" id="version"></span></h1>
<button id="theme" type="button" aria-pressed="false">Dark mode</button></header>
<main>
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<p id="verdict" class="verdict" role="status"></p>
<p id="money"></p>
<ul id="kinds" class="chips" aria-label="findings by kind"></ul>
<table id="costs" class="costs" hidden><caption>Cost per function</caption><thead><tr><th scope="col">function</th><th scope="col">USD</th><th scope="col"><span class="skip">share</span></th></tr></thead><tbody></tbody></table>
</section>
<section aria-labelledby="findings-h"><h2 id="findings-h" tabindex="-1">Findings</h2>
<form id="filters" class="filters" role="search" aria-label="filter findings">
<label>Kind<select id="f-kind"><option value="">all kinds</option></select></label>
<label>Severity<select id="f-severity"><option value="">any</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select></label>
<label>Function<select id="f-function"><option value="">all functions</option></select></label>
<label>Sort by<select id="f-sort"><option value="severity">severity</option><option value="cost">cost</option><option value="kind">kind</option><option value="function">function</option></select></label>
<label>Search<input id="f-text" type="search" autocomplete="off"></label>
<button type="reset">Clear</button>
</form>
<p id="shown" class="shown" aria-live="polite"></p>
<div id="findings"></div>
</section>
</main>
<noscript><p>This report draws its findings with JavaScript; the data is in this file as JSON.</p></noscript>
<script type="application/json" id="leakwatch-data">${embedJson(data)}</script>
<script>${js}</script>
<script>${app}</script>
</body>
</html>
`;
}
