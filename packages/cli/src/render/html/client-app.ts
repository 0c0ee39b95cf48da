/**
 * The page's own script, part 1: reads the embedded JSON and builds the summary, the findings,
 * the filters and deep links. Every report string reaches the DOM through `textContent`; the only
 * `href`s are `#f-…` fragments. Plain ES2017 so any current browser runs it; it calls
 * `drawChart` from the chart part (see client-charts.ts).
 *
 * @example
 * ```ts
 * const script = CLIENT_APP + CLIENT_CHARTS; // one inline <script>, allowed by its CSP hash
 * ```
 */
export const CLIENT_APP = String.raw`
'use strict';
var DATA = JSON.parse(document.getElementById('leakwatch-data').textContent);
var SEV = { error: 0, warning: 1, info: 2 };
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
function usd(v) { return v > 0 && v < 0.01 ? '$' + v.toPrecision(2) : '$' + v.toFixed(2); }
function siteText(s) { return s.file + ':' + s.line + (s.column ? ':' + s.column : ''); }
function fnOf(f) { return f.function || ''; }

function buildSummary() {
  var s = DATA.summary, bs = s.bySeverity || {};
  $('cmd').textContent = DATA.command;
  $('version').textContent = 'leakwatch ' + DATA.version;
  var verdict = $('verdict');
  if (!s.findings) { verdict.textContent = 'No leaks found.'; verdict.className = 'verdict ok'; }
  else {
    var parts = [];
    ['error', 'warning', 'info'].forEach(function (k) { if (bs[k]) parts.push(plural(bs[k], k)); });
    verdict.textContent = plural(s.findings, 'finding') + ': ' + parts.join(', ') + '.';
    verdict.className = 'verdict ' + (bs.error ? 'error' : bs.warning ? 'warning' : 'info');
  }
  if (s.unreadable) verdict.parentNode.insertBefore(el('p', 'unreadable', '⚠ ' + s.unreadable), verdict.nextSibling);
  var kinds = $('kinds');
  Object.keys(s.byKind || {}).sort(function (a, b) { return s.byKind[b] - s.byKind[a]; }).forEach(function (k) {
    var b = el('button', 'chip', k + ' ' + s.byKind[k]);
    b.type = 'button';
    b.setAttribute('aria-label', 'show only ' + k + ' (' + s.byKind[k] + ')');
    b.addEventListener('click', function () { $('f-kind').value = k; apply(); });
    var li = el('li'); li.appendChild(b); kinds.appendChild(li);
  });
  var perFn = {}, monthly = 0, priced = false;
  DATA.findings.forEach(function (f) {
    var c = f.cost; if (!c) return;
    if (typeof c.usdPerMonth === 'number') monthly += c.usdPerMonth;
    if (typeof c.usd !== 'number') return;
    priced = true;
    var key = fnOf(f) || (f.site ? f.site.file : '(unknown)');
    perFn[key] = (perFn[key] || 0) + c.usd;
  });
  var money = $('money');
  if (typeof s.usd === 'number' || priced) {
    money.textContent = 'Money wasted: ' + usd(typeof s.usd === 'number' ? s.usd : 0) + (monthly ? ' (about ' + usd(monthly) + ' per month)' : '') + '.';
  } else money.textContent = 'No finding is priced.';
  var keys = Object.keys(perFn).sort(function (a, b) { return perFn[b] - perFn[a]; });
  if (keys.length) {
    var table = $('costs'), top = perFn[keys[0]] || 1;
    table.hidden = false;
    keys.slice(0, 30).forEach(function (k) {
      var tr = el('tr'), bar = el('div', 'bar');
      bar.style.width = Math.max(1, Math.round((perFn[k] / top) * 100)) + '%';
      var cell = el('td', 'barcell'); cell.appendChild(bar);
      tr.appendChild(el('th', null, k)); tr.appendChild(el('td', 'num', usd(perFn[k]))); tr.appendChild(cell);
      table.tBodies[0].appendChild(tr);
    });
  }
}

function buildFinding(f) {
  var a = el('article', 'finding sev-' + f.severity);
  a.id = 'f-' + f.id;
  a.tabIndex = -1;
  a.dataset.kind = f.kind; a.dataset.severity = f.severity; a.dataset.fn = fnOf(f);
  var head = el('header', 'fhead');
  head.appendChild(el('span', 'badge ' + f.severity, f.severity));
  head.appendChild(el('span', 'kind', f.kind));
  head.appendChild(el('span', 'source', f.source));
  a.appendChild(head);
  var h = el('h3', 'title'), link = el('a', null, f.title);
  link.setAttribute('href', '#f-' + f.id);
  h.appendChild(link); a.appendChild(h);
  var meta = [];
  if (f.site) meta.push(siteText(f.site));
  if (f.function) meta.push('function ' + f.function);
  if (meta.length) a.appendChild(el('p', 'site', meta.join(' · ')));
  if (f.summary.length) {
    var ul = el('ul', 'evidence');
    f.summary.forEach(function (line) { ul.appendChild(el('li', null, line)); });
    a.appendChild(ul);
  }
  if (f.frame) a.appendChild(buildFrame(f.frame, f.site && f.site.column));
  var adv = el('p', 'advice'); adv.appendChild(el('strong', null, 'Fix: ')); adv.appendChild(document.createTextNode(f.advice)); a.appendChild(adv);
  if (f.cost) {
    var c = f.cost, bits = [];
    if (typeof c.usd === 'number') bits.push(usd(c.usd) + (c.period ? ' (' + c.period + ')' : ''));
    if (typeof c.usdPerMonth === 'number') bits.push(usd(c.usdPerMonth) + ' per month');
    if (typeof c.gbSeconds === 'number') bits.push(c.gbSeconds.toFixed(1) + ' GB-s');
    if (c.note) bits.push(c.note);
    if (bits.length) { var p = el('p', 'cost'); p.appendChild(el('strong', null, 'Cost: ')); p.appendChild(document.createTextNode(bits.join(' · '))); a.appendChild(p); }
  }
  if (f.charts.length) {
    var charts = el('div', 'charts');
    f.charts.forEach(function (c) { charts.appendChild(chartFigure(c)); });
    a.appendChild(charts);
  }
  return a;
}

function buildFrame(fr, column) {
  var pre = el('pre', 'frame'), width = String(fr.start + fr.lines.length - 1).length;
  pre.setAttribute('aria-label', 'source around line ' + fr.line);
  fr.lines.forEach(function (text, i) {
    var n = fr.start + i, row = el('span', n === fr.line ? 'ln hit' : 'ln');
    row.appendChild(el('span', 'no', String(n).padStart(width, ' ')));
    row.appendChild(document.createTextNode(' ' + text + '\n'));
    pre.appendChild(row);
    if (n === fr.line && column > 0 && column <= text.length + 1) {
      var caret = el('span', 'ln caret');
      caret.setAttribute('aria-hidden', 'true');
      caret.textContent = ' '.repeat(width + column) + '^\n';
      pre.appendChild(caret);
    }
  });
  return pre;
}

function options(select, values) {
  values.forEach(function (v) { var o = el('option', null, v); o.value = v; select.appendChild(o); });
}
function uniq(key) {
  var seen = {};
  DATA.findings.forEach(function (f) { var v = key(f); if (v) seen[v] = true; });
  return Object.keys(seen).sort();
}

var articles = [];
function apply() {
  var kind = $('f-kind').value, sev = $('f-severity').value, fn = $('f-function').value;
  var text = $('f-text').value.toLowerCase(), sort = $('f-sort').value;
  var shown = 0;
  var order = articles.slice().sort(function (x, y) {
    var a = x.f, b = y.f;
    if (sort === 'cost') return ((b.cost && b.cost.usd) || 0) - ((a.cost && a.cost.usd) || 0) || SEV[a.severity] - SEV[b.severity];
    if (sort === 'kind') return a.kind.localeCompare(b.kind) || SEV[a.severity] - SEV[b.severity];
    if (sort === 'function') return fnOf(a).localeCompare(fnOf(b)) || SEV[a.severity] - SEV[b.severity];
    return SEV[a.severity] - SEV[b.severity] || x.i - y.i;
  });
  var list = $('findings');
  order.forEach(function (o) {
    var f = o.f;
    var ok = (!kind || f.kind === kind) && (!sev || f.severity === sev) && (!fn || fnOf(f) === fn) &&
      (!text || o.text.indexOf(text) >= 0);
    o.node.hidden = !ok;
    if (ok) shown++;
  });
  // reorder only when the order changed: moving a node in the DOM takes the keyboard focus away
  var same = order.every(function (o, i) { return list.children[i] === o.node; });
  if (!same) order.forEach(function (o) { list.appendChild(o.node); });
  $('shown').textContent = 'Showing ' + shown + ' of ' + plural(articles.length, 'finding') + '.';
}

function openTarget() {
  var id = decodeURIComponent(location.hash.slice(1));
  if (id.indexOf('f-') !== 0) return;
  var node = document.getElementById(id);
  if (!node || !node.classList.contains('finding')) return;
  if (node.hidden) { $('filters').reset(); apply(); }
  articles.forEach(function (o) { o.node.classList.toggle('target', o.node === node); });
  node.scrollIntoView({ block: 'start' });
  node.focus({ preventScroll: true });
}

function setTheme(t) {
  document.documentElement.dataset.theme = t;
  $('theme').setAttribute('aria-pressed', String(t === 'dark'));
  $('theme').textContent = t === 'dark' ? 'Light mode' : 'Dark mode';
  redrawCharts();
}

function start() {
  buildSummary();
  var list = $('findings');
  DATA.findings.forEach(function (f, i) {
    var node = buildFinding(f);
    articles.push({ f: f, i: i, node: node, text: [f.title, f.kind, fnOf(f), f.site ? f.site.file : '', f.summary.join(' ')].join(' ').toLowerCase() });
    list.appendChild(node);
  });
  if (!DATA.findings.length) list.appendChild(el('p', 'empty', 'Nothing to show: no leak patterns or leaks were found.'));
  options($('f-kind'), uniq(function (f) { return f.kind; }));
  options($('f-function'), uniq(fnOf));
  ['f-kind', 'f-severity', 'f-function', 'f-sort'].forEach(function (id) { $(id).addEventListener('change', apply); });
  $('f-text').addEventListener('input', apply);
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  $('filters').addEventListener('reset', function () { setTimeout(apply, 0); });
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  $('theme').addEventListener('click', function () { setTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'); });
  setTheme(dark ? 'dark' : 'light');
  apply();
  observeCharts();
  window.addEventListener('hashchange', openTarget);
  openTarget();
  document.documentElement.dataset.ready = '1';
  performance.mark('leakwatch-ready');
}
`;
