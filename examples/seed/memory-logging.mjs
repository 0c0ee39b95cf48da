// Leak (heap-growth): the article's memory logging, in Node. The handler logs its memory before
// and after, and keeps each invocation's data in a module-level cache (line 15), so the "memory
// increase" it logs never comes back. leakwatch measures this for you (see the fixed twin).
const cache = new Map();
const quiet = process.env.LEAKWATCH_EXAMPLE_QUIET === '1';

export async function handler(event, context) {
  const mb = () => process.memoryUsage().rss / (1024 * 1024);
  const startMemory = mb();

  const data = Array.from({ length: 10_000 }, (_, i) => i * 2); // a memory-consuming operation
  const total = data.reduce((a, b) => a + b, 0);

  // Kept "for the next call", keyed by request: never evicted.
  cache.set(context.awsRequestId, data);

  const endMemory = mb();
  if (!quiet) {
    console.log(`Process start memory usage: ${startMemory.toFixed(2)} MB`);
    console.log(`Process end memory usage: ${endMemory.toFixed(2)} MB`);
    console.log(`Memory increase: ${(endMemory - startMemory).toFixed(2)} MB`);
  }
  return { statusCode: 200, body: JSON.stringify({ total }) };
}
