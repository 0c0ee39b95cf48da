// Fixed twin of memory-logging.mjs: no hand-written memory logging (leakwatch reports memory
// before and after every invocation, after GC, per sandbox) and nothing kept between calls.
export async function handler() {
  const data = Array.from({ length: 10_000 }, (_, i) => i * 2);
  const total = data.reduce((a, b) => a + b, 0);
  return { statusCode: 200, body: JSON.stringify({ total }) };
}
