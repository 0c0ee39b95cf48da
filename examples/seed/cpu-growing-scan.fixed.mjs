// Fixed twin of cpu-growing-scan.mjs: the ids seen recently are kept in a bounded Set of
// fingerprints, so each check is one lookup and the memory stays flat.
import { createHash } from 'node:crypto';

const recent = new Set();
const LIMIT = 100;
let nextId = 1;
const fingerprint = (id) => createHash('sha1').update(String(id)).digest('hex');

export async function handler() {
  const batch = Array.from({ length: 10 }, () => nextId++);
  let duplicates = 0;
  for (const id of batch) {
    const incoming = fingerprint(id);
    if (recent.has(incoming)) duplicates += 1;
    recent.add(incoming);
    if (recent.size > LIMIT) recent.delete(recent.values().next().value);
  }
  return { statusCode: 200, body: JSON.stringify({ duplicates }) };
}
