// Leak (heap-growth): a memoizing closure keeps every rendered page in `cache` (line 9), and every
// request has a new key, so the cache grows by one page per invocation and is never read again.

const ROWS = Array.from({ length: 40 }, (_, i) => `row ${i}`);

function memoize(render) {
  const cache = {};
  return (key) => {
    if (!(key in cache)) cache[key] = render(key);
    return cache[key];
  };
}

const renderPage = memoize((requestId) => ({ requestId, html: ROWS.map((row) => `<li>${requestId}: ${row}</li>`).join('') }));

export async function handler(event, context) {
  const page = renderPage(context.awsRequestId);
  return { statusCode: 200, body: page.html };
}
