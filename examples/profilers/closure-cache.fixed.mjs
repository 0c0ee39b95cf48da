// Fixed twin of closure-cache.mjs: the memo keeps only the most recent pages (a bounded cache).
const ROWS = Array.from({ length: 40 }, (_, i) => `row ${i}`);

function memoize(render, maxEntries) {
  const cache = new Map();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = render(key);
      cache.set(key, value);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value);
    }
    return value;
  };
}

const renderPage = memoize((requestId) => ({ requestId, html: ROWS.map((row) => `<li>${requestId}: ${row}</li>`).join('') }), 8);

export async function handler(event, context) {
  const page = renderPage(context.awsRequestId);
  return { statusCode: 200, body: page.html };
}
