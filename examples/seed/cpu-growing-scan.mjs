// Leak (cpu-growth): every message id ever seen is kept (line 17) and each call fingerprints
// all of them to spot a duplicate (line 14), so every invocation costs more CPU than the last.
import { createHash } from 'node:crypto';

const seenIds = [];
let nextId = 1;
const fingerprint = (id) => createHash('sha1').update(String(id)).digest('hex');

export async function handler() {
  const batch = Array.from({ length: 10 }, () => nextId++);
  let duplicates = 0;
  for (const id of batch) {
    const incoming = fingerprint(id);
    if (seenIds.some((seen) => fingerprint(seen) === incoming)) duplicates += 1;
  }
  for (const id of batch) {
    seenIds.push(id);
  }
  return { statusCode: 200, body: JSON.stringify({ duplicates }) };
}
