// Files per second of `leakwatch lint` on a generated tree of TypeScript handlers, as a ratio to
// ESLint running @typescript-eslint/no-floating-promises with type information (projectService)
// on the same tree in the same run. Medians of RUNS runs each, interleaved.
//
//   npm run build && node benchmarks/lint-speed.mjs            # 2,000 files, 3 runs
//   LW_BENCH_FILES=200 LW_BENCH_RUNS=1 node benchmarks/lint-speed.mjs
//   LW_BENCH_LANG=js node benchmarks/lint-speed.mjs               # the same handlers as .mjs (allowJs for the baseline)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

if (process.argv[2] === '--baseline') {
  // child mode: the baseline, ESLint + no-floating-promises with type information
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const tree = process.argv[3];
  const eslint = new ESLint({
    cwd: tree,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['**/*.d.ts'] },
      {
        files: ['**/*.ts', '**/*.mjs'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: tree } },
        plugins: { '@typescript-eslint': tseslint.plugin },
        rules: { '@typescript-eslint/no-floating-promises': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  process.stdout.write(String(results.reduce((n, r) => n + r.messages.length, 0)));
  process.exit(0);
}

const FILES = Number(process.env.LW_BENCH_FILES ?? 2000);
const RUNS = Number(process.env.LW_BENCH_RUNS ?? 3);
const JS = process.env.LW_BENCH_LANG === 'js';
/** a TypeScript annotation, or nothing in the JavaScript tree */
const t = (annotation) => (JS ? '' : annotation);

function handler(i) {
  const leaky = i % 3 === 0;
  return `import { Pool } from 'pg';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const pool = new Pool({ max: 2 });
const s3 = new S3Client({ requestHandler: { requestTimeout: 2000 } });
const seen${i} = new Map${t('<string, number>')}();
${t(`\ninterface Event${i} { id: string; key: string; items: string[] }\n`)}
async function audit${i}(event${t(`: Event${i}`)})${t(': Promise<void>')} {
  await pool.query('INSERT INTO audit(id) VALUES ($1)', [event.id]);
}

function score${i}(items${t(': string[]')})${t(': number')} {
  let total = 0;
  for (const item of items) total += item.length * ${(i % 7) + 1};
  return total;
}

async function load${i}(key${t(': string')})${t(': Promise<string>')} {
  const res = await fetch('https://api.example.com/' + key${leaky ? '' : ', { signal: AbortSignal.timeout(2000) }'});
  return res.text();
}

export const handler = async (event${t(`: Event${i}`)})${t(': Promise<{ statusCode: number; body: string }>')} => {
  const client = await pool.connect();
  try {
    ${leaky ? `void audit${i}(event);` : `await audit${i}(event);`}
    ${leaky ? `seen${i}.set(event.id, Date.now());` : `if (seen${i}.size > 100) seen${i}.clear();\n    seen${i}.set(event.id, Date.now());`}
    const object = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));
    const text = await load${i}(event.key);
    const rows = await client.query('SELECT * FROM items WHERE id = $1', [event.id]);
    return { statusCode: 200, body: JSON.stringify({ n: rows.rowCount, score: score${i}(event.items), text, etag: object.ETag }) };
  } finally {
    client.release();
  }
};
`;
}

function generate() {
  const tree = mkdtempSync(join(tmpdir(), 'leakwatch-lint-bench-'));
  writeFileSync(join(tree, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, allowJs: JS, lib: ['ES2023', 'DOM'], types: [] }, include: ['src/**/*.ts', 'src/**/*.mjs'] }));
  mkdirSync(join(tree, 'src'), { recursive: true });
  // declarations so the type checker resolves the imports without installing them
  writeFileSync(join(tree, 'src', 'modules.d.ts'), `declare module 'pg' { export class Pool { constructor(o?: object); query(q: string, v?: unknown[]): Promise<{ rowCount: number }>; connect(): Promise<{ query(q: string, v?: unknown[]): Promise<{ rowCount: number }>; release(): void }> } }
declare module '@aws-sdk/client-s3' { export class S3Client { constructor(o?: object); send(c: unknown): Promise<{ ETag?: string }> } export class GetObjectCommand { constructor(o: object) } }
`);
  for (let i = 0; i < FILES; i++) {
    const dir = join(tree, 'src', `fn${Math.floor(i / 100)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `handler${i}.${JS ? 'mjs' : 'ts'}`), handler(i));
  }
  return tree;
}

function time(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, out };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tree = generate();
try {
  const ours = [];
  const base = [];
  let findings = 0;
  let floating = 0;
  for (let r = 0; r < RUNS; r++) {
    const a = time(() => {
      try {
        return execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'lint', tree, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      } catch (error) {
        if (error.status !== 1) throw error;
        return error.stdout;
      }
    });
    findings = JSON.parse(a.out).findings.length;
    ours.push(a.seconds);
    const b = time(() => execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--baseline', tree], { encoding: 'utf8' }));
    floating = Number(b.out);
    base.push(b.seconds);
  }
  const oursFps = FILES / median(ours);
  const baseFps = FILES / median(base);
  const result = {
    files: FILES,
    language: JS ? 'javascript (.mjs)' : 'typescript',
    runs: RUNS,
    leakwatchLint: { medianSeconds: +median(ours).toFixed(2), filesPerSecond: +oursFps.toFixed(0), findings },
    eslintNoFloatingPromisesTyped: { medianSeconds: +median(base).toFixed(2), filesPerSecond: +baseFps.toFixed(0), findings: floating },
    ratio: +(oursFps / baseFps).toFixed(2),
    node: process.version,
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
} finally {
  rmSync(tree, { recursive: true, force: true });
}
