/**
 * The page's own script, part 2: draws each chart with uPlot when it scrolls into view, in the
 * theme's colours. A series chart shows the values, the fitted trend and its 95% interval as a
 * band; a fleet chart shows the median and maximum of the other sandboxes and each highlighted
 * (leaking) sandbox on top.
 *
 * @example
 * ```ts
 * const script = CLIENT_APP + CLIENT_CHARTS;
 * ```
 */
export const CLIENT_CHARTS = String.raw`
var figures = [];
var HOT = ['#e8590c', '#c2255c', '#7048e8', '#1c7ed6', '#2b8a3e', '#e67700'];
function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
function fmt(v, unit) {
  if (v === null || v === undefined || !isFinite(v)) return '';
  var a = Math.abs(v);
  if (unit === 'bytes') {
    var u = ['B', 'KB', 'MB', 'GB'], i = 0;
    while (a >= 1024 && i < 3) { a /= 1024; v /= 1024; i++; }
    return (Math.abs(v) < 10 ? v.toFixed(1) : v.toFixed(0)) + ' ' + u[i];
  }
  var s = a >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : a >= 1e4 ? (v / 1e3).toFixed(0) + 'k' : a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(1) : v.toPrecision(2);
  return s + (unit && unit !== 'count' && unit.length <= 8 ? ' ' + unit : '');
}
function slopeText(c) {
  var t = c.trend, per = c.time ? ' per hour' : ' per invocation', k = c.time ? 3600000 : 1;
  var sign = t.slope >= 0 ? '+' : '';
  return 'trend ' + sign + fmt(t.slope * k, c.unit) + per + ' (95% CI ' + fmt(t.ciLow * k, c.unit) + ' to ' + fmt(t.ciHigh * k, c.unit) + '), p ' + (t.p < 0.001 ? '< 0.001' : '= ' + t.p.toFixed(3));
}
function chartFigure(c) {
  var fig = el('figure', 'chart' + (c.type === 'fleet' ? ' fleet' : ''));
  var cap = el('figcaption');
  cap.appendChild(el('span', 'clabel', c.label + (c.unit ? ' (' + c.unit + ')' : '')));
  var note = '';
  if (c.type === 'series' && c.trend) note = slopeText(c);
  if (c.type === 'fleet') note = c.total + ' sandboxes: ' + c.highlighted.length + ' highlighted' + (c.hiddenHighlighted ? ' (+' + c.hiddenHighlighted + ' more leaking not drawn)' : '') + ', the other ' + c.others + ' as median and maximum';
  if (note) cap.appendChild(el('span', 'cnote', note));
  var plot = el('div', 'plot');
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-label', cap.textContent);
  fig.appendChild(cap); fig.appendChild(plot);
  var item = { fig: fig, plot: plot, c: c, u: null };
  fig.leakwatchChart = item;
  figures.push(item);
  return fig;
}
function seriesData(c) {
  var x = c.x, t = c.trend, line = [], lo = [], hi = [];
  if (!t) return [x, c.y];
  var from = t.from === undefined ? x[0] : t.from, fitted = x.filter(function (v) { return v >= from; });
  var xm = fitted.length ? fitted[Math.floor(fitted.length / 2)] : x[0], ym = t.intercept + t.slope * xm;
  x.forEach(function (v) {
    var on = v >= from;
    line.push(on ? t.intercept + t.slope * v : null);
    lo.push(on ? ym + t.ciLow * (v - xm) : null);
    hi.push(on ? ym + t.ciHigh * (v - xm) : null);
  });
  return [x, c.y, line, lo, hi];
}
function chartOptions(c, width) {
  var fg = css('--muted'), grid = css('--grid'), main = css('--accent'), alert = css('--alert');
  var axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  var yAxis = Object.assign({}, axis, { size: 64, values: function (u, vals) { return vals.map(function (v) { return fmt(v, c.unit); }); } });
  var o = { width: width, height: 220, ms: 1, scales: { x: { time: c.time } }, axes: [axis, yAxis], legend: { show: true, live: false }, cursor: { drag: { x: true, y: false } } };
  var xs = { label: c.time ? 'time' : 'invocation' };
  if (c.type === 'series') {
    o.series = [xs, { label: c.label, stroke: c.highlight ? alert : main, width: 1.5, value: function (u, v) { return fmt(v, c.unit); } }];
    if (c.trend) {
      o.series.push({ label: 'trend', stroke: alert, width: 2, dash: [6, 4], value: function (u, v) { return fmt(v, c.unit); } });
      o.series.push({ label: '95% CI low', stroke: css('--band-edge'), width: 1, value: function (u, v) { return fmt(v, c.unit); } });
      o.series.push({ label: '95% CI high', stroke: css('--band-edge'), width: 1, value: function (u, v) { return fmt(v, c.unit); } });
      o.bands = [{ series: [4, 3], fill: css('--band') }];
    }
    return o;
  }
  o.series = [xs,
    { label: 'median of ' + c.others + ' others', stroke: fg, width: 1.5, spanGaps: true, value: function (u, v) { return fmt(v, c.unit); } },
    { label: 'max of others', stroke: fg, width: 1, dash: [3, 3], spanGaps: true, value: function (u, v) { return fmt(v, c.unit); } }];
  c.highlighted.forEach(function (h, i) {
    o.series.push({ label: h.label, stroke: HOT[i % HOT.length], width: 2, spanGaps: true, value: function (u, v) { return fmt(v, c.unit); } });
  });
  return o;
}
function fleetData(c) {
  var tables = [[c.envelope.x, c.envelope.median, c.envelope.max]];
  c.highlighted.forEach(function (h) { tables.push([h.x, h.y]); });
  return uPlot.join(tables);
}
function draw(item) {
  if (item.u) { item.u.destroy(); item.u = null; }
  var width = Math.max(240, item.plot.clientWidth || 600);
  var c = item.c, t0 = performance.now();
  item.u = new uPlot(chartOptions(c, width), c.type === 'fleet' ? fleetData(c) : seriesData(c), item.plot);
  item.fig.dataset.drawn = '1';
  item.fig.dataset.ms = (performance.now() - t0).toFixed(1);
}
function redrawCharts() { figures.forEach(function (item) { if (item.u) draw(item); }); }
function observeCharts() {
  var io = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      io.unobserve(e.target);
      var item = e.target.leakwatchChart;
      if (item && !item.u) draw(item);
    });
  }, { rootMargin: '200px' }) : null;
  figures.forEach(function (item) { if (io) io.observe(item.fig); else draw(item); });
  var timer = 0;
  window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(function () {
    figures.forEach(function (item) { if (item.u) item.u.setSize({ width: Math.max(240, item.plot.clientWidth), height: 220 }); });
  }, 150); });
}
start();
`;
