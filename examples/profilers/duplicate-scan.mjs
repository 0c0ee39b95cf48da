// Leak (cpu-growth): every message id ever seen is kept in a list, and `isDuplicate` scans the
// whole list for each incoming id (line 9), so each invocation costs more CPU than the last.
import { randomUUID } from 'node:crypto';

const seen = [];

function isDuplicate(id) {
  for (let i = 0; i < seen.length; i++) {
    if (seen[i] === id) return true;
  }
  return false;
}

export async function handler() {
  const batch = randomUUID();
  let duplicates = 0;
  for (let k = 0; k < 150; k++) {
    const id = `${batch}-${k}`;
    if (isDuplicate(id)) duplicates += 1;
    else seen.push(id);
  }
  return { statusCode: 200, body: JSON.stringify({ duplicates }) };
}
