// Leak (timeout): the call to the payment API has no timeout (line 18), so when the API never
// answers, every invocation waits until the function's own timeout and is billed for all of it.
// The "payment API" is a local server that accepts the request and never answers
// (or PAYMENT_URL, when set).
import http from 'node:http';

const paymentApi = http.createServer(() => {
  /* accepts the request, never answers */
});
const ready = process.env.PAYMENT_URL
  ? Promise.resolve(process.env.PAYMENT_URL)
  : new Promise((resolve) => paymentApi.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${paymentApi.address().port}/charge`)));
paymentApi.unref();

function charge(url, order) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(order);
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(body);
  });
}

export async function handler(event) {
  const status = await charge(await ready, { orderId: event.orderId ?? 'o-1', amount: 42 });
  return { statusCode: status === 200 ? 200 : 502 };
}
