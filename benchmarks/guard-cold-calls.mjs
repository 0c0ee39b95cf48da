// What each call the guard needs costs right after a handler ran, against the same call in a tight
// loop: benchmarks/guard-overhead.mjs finds the guard dearer after the realistic handler (an
// async hop and a file read: the main thread sleeps in epoll between them) than after the trivial
// one; this measures the floor of that, call by call. For each handler and each probe, the handler
// runs, then the probe alone is timed (process.hrtime.bigint around it); the median of N per
// process, then the median over RUNS processes. Run: node benchmarks/guard-cold-calls.mjs
import { fork } from 'node:child_process';
import { openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const RUNS = Number(process.env.RUNS ?? 5);
const N = 3000;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (process.argv[2] !== 'child') {
  const results = [];
  for (let r = 0; r < RUNS; r++) {
    results.push(await new Promise((done, fail) => {
      const child = fork(fileURLToPath(import.meta.url), ['child'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.once('message', done);
      child.once('exit', (code) => code !== 0 && fail(new Error(`child exited ${code}`)));
    }));
  }
  const rows = Object.keys(results[0]);
  const probes = Object.keys(results[0][rows[0]]);
  console.log(`µs per call, median of ${N} calls per process, median over ${RUNS} processes (Node ${process.versions.node})\n`);
  console.log(`| after | ${probes.join(' | ')} |`);
  console.log(`|---|${probes.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row} | ${probes.map((p) => median(results.map((res) => res[row][p])).toFixed(2)).join(' | ')} |`);
} else {
  const { context, event, handlers } = await import('./guard-overhead-handlers.mjs');
  const devnull = openSync('/dev/null', 'w');
  const line = Buffer.alloc(900, 97);
  const record = { a: 1, b: 'two', c: [1, 2, 3], d: { e: 5 }, f: 'x'.repeat(40), g: 7.5, h: true, i: null, j: 'abc', k: 12 };
  let sink = 0;
  const probes = {
    'nothing': () => 0,
    'a 4 µs loop': () => {
      let x = 0;
      for (let i = 0; i < 3000; i++) x = (x * 31 + i) | 0;
      return x;
    },
    'process.cpuUsage()': () => process.cpuUsage().user,
    'v8.getHeapStatistics()': () => getHeapStatistics().used_heap_size,
    'process.getActiveResourcesInfo()': () => process.getActiveResourcesInfo().length,
    'writeSync 900 B': () => writeSync(devnull, line),
    'JSON.stringify (10 fields)': () => JSON.stringify(record).length,
    '400 small objects': () => {
      const a = [];
      for (let i = 0; i < 400; i++) a.push({ i, s: 'x' });
      return a.length;
    },
  };
  const time = (probe) => {
    const t = process.hrtime.bigint();
    sink += probe();
    return Number(process.hrtime.bigint() - t) / 1000;
  };
  const out = {};
  for (const shape of ['trivial', 'realistic']) {
    const handler = handlers[shape];
    out[`the ${shape} handler`] = {};
    for (const [name, probe] of Object.entries(probes)) {
      for (let i = 0; i < 300; i++) {
        await handler(event, context());
        sink += probe();
      }
      const ts = [];
      for (let i = 0; i < N; i++) {
        await handler(event, context());
        ts.push(time(probe));
      }
      out[`the ${shape} handler`][name] = median(ts);
    }
  }
  out['itself (a tight loop)'] = {};
  for (const [name, probe] of Object.entries(probes)) {
    const ts = [];
    for (let i = 0; i < N; i++) ts.push(time(probe));
    out['itself (a tight loop)'][name] = median(ts);
  }
  process.send(out, () => process.exit(sink === 0.5 ? 1 : 0));
}
