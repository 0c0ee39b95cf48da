// Fixed twin of duplicate-scan.mjs: recent ids in a Set of bounded size; a lookup costs the same
// whatever the number of invocations.
import { randomUUID } from 'node:crypto';

const recent = new Set();
const MAX_RECENT = 1000;

function isDuplicate(id) {
  return recent.has(id);
}

function remember(id) {
  recent.add(id);
  if (recent.size > MAX_RECENT) recent.delete(recent.values().next().value);
}

export async function handler() {
  const batch = randomUUID();
  let duplicates = 0;
  for (let k = 0; k < 150; k++) {
    const id = `${batch}-${k}`;
    if (isDuplicate(id)) duplicates += 1;
    else remember(id);
  }
  return { statusCode: 200, body: JSON.stringify({ duplicates }) };
}
