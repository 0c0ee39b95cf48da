// Guard bundle size: packages/guard/dist/index.js bundled with esbuild (minified, Node platform,
// ESM, with @leakwatch/core inlined as a user's Lambda bundle would), in bytes and gzip bytes.
// Run: npm run build && node benchmarks/guard-bundle-size.mjs
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const GUARD_BUNDLE_LIMIT = 30 * 1024;

export async function guardBundleSize() {
  const entry = fileURLToPath(new URL('../packages/guard/dist/index.js', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const bytes = out.outputFiles[0].contents;
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify({ ...(await guardBundleSize()), limit: GUARD_BUNDLE_LIMIT }));
