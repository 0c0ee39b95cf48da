/**
 * The page's stylesheet: light and dark themes through custom properties (the client sets
 * `data-theme`), one column that reads at a phone's width, visible focus for keyboard users.
 * Allowed by its CSP hash, so no `'unsafe-inline'` is needed.
 *
 * @example
 * ```ts
 * `<style>${uplotCss}${PAGE_STYLE}</style>`
 * ```
 */
export const PAGE_STYLE = `
:root{--bg:#fff;--fg:#1d2125;--muted:#5c6670;--card:#f7f8fa;--line:#d8dde3;--grid:#e6e9ee;--accent:#1c64c8;--alert:#c92a2a;
--error:#c92a2a;--warning:#b35c00;--info:#1c64c8;--ok:#2b8a3e;--band:rgba(201,42,42,.16);--band-edge:rgba(201,42,42,.35);--hit:#fff3bf;color-scheme:light}
:root[data-theme=dark]{--bg:#14171a;--fg:#e3e6ea;--muted:#9aa5b1;--card:#1d2126;--line:#343a41;--grid:#2a2f35;--accent:#5aa2ff;--alert:#ff6b6b;
--error:#ff6b6b;--warning:#ffa94d;--info:#74b0ff;--ok:#69db7c;--band:rgba(255,107,107,.18);--band-edge:rgba(255,107,107,.4);--hit:#3d3413;color-scheme:dark}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:2}
.top{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;padding:12px 16px;border-bottom:1px solid var(--line)}
.top h1{font-size:1.25rem;margin:0}.top .ver{color:var(--muted);font-size:.85rem;margin-left:8px}
main{max-width:1100px;margin:0 auto;padding:8px 16px 48px}
h2{font-size:1.1rem;margin:20px 0 8px}
button,select,input{font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--line);border-radius:6px;padding:4px 8px}
button{cursor:pointer}
.verdict{font-size:1.2rem;font-weight:600;margin:4px 0}.verdict.error{color:var(--error)}.verdict.warning{color:var(--warning)}.verdict.ok{color:var(--ok)}.unreadable{color:var(--warning);margin:2px 0}
.chips{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px}
.costs caption{text-align:left;font-weight:600}.costs{border-collapse:collapse;width:100%;max-width:640px;margin:8px 0}.costs th,.costs td{padding:2px 8px 2px 0;text-align:left;font-weight:normal;overflow-wrap:anywhere}
.costs .num,.costs thead th:nth-child(2){text-align:right;white-space:nowrap}.barcell{width:45%}.bar{height:10px;background:var(--alert);border-radius:3px}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end;padding:8px 0}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
.shown{color:var(--muted);margin:4px 0 12px}
.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:12px 16px;margin:0 0 16px;overflow-wrap:anywhere;scroll-margin-top:8px}
.finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:var(--warning)}
.finding.target{box-shadow:0 0 0 3px var(--accent)}
.fhead{display:flex;flex-wrap:wrap;gap:8px;font-size:.8rem;color:var(--muted)}
.badge{font-weight:700;text-transform:uppercase}.badge.error{color:var(--error)}.badge.warning{color:var(--warning)}.badge.info{color:var(--info)}
.title{font-size:1.05rem;margin:4px 0}.title a{color:inherit;text-decoration:none}.title a:hover,.title a:focus{text-decoration:underline}
.site{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;color:var(--muted);margin:4px 0}
.evidence{margin:6px 0;padding-left:20px;font-size:.9rem;max-height:24em;overflow:auto}
.frame{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 0;overflow-x:auto;font-size:.82rem;line-height:1.45}
.frame .ln{display:block;padding:0 10px;white-space:pre}.frame .hit{background:var(--hit)}.frame .caret{color:var(--alert);font-weight:700;line-height:1}.frame .no{color:var(--muted);user-select:none}
.advice,.cost{margin:6px 0}
.charts{display:grid;grid-template-columns:1fr;gap:12px;margin-top:8px}
.chart{margin:0;min-width:0}.chart figcaption{font-size:.85rem}.chart .cnote{display:block;color:var(--muted)}
.plot{width:100%;min-height:230px;overflow:hidden}
.uplot{font-family:inherit;color:var(--fg)}.u-legend{font-size:.78rem;color:var(--fg)}.u-select{background:rgba(127,127,127,.15)}
@media (max-width:600px){body{font-size:14px}main{padding:4px 10px 32px}.finding{padding:10px}.filters label{flex:1 1 40%}}
`;
