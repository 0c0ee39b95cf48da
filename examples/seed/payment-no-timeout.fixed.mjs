// Fixed twin of payment-no-timeout.mjs: the call gets a timeout shorter than the function's
// remaining time, with 100 ms left over to answer (line 28), and a payment API that does not answer
// becomes a quick 504.
import http from 'node:http';

const paymentApi = http.createServer(() => {
  /* accepts the request, never answers */
});
const ready = process.env.PAYMENT_URL
  ? Promise.resolve(process.env.PAYMENT_URL)
  : new Promise((resolve) => paymentApi.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${paymentApi.address().port}/charge`)));
paymentApi.unref();

function charge(url, order, timeoutMs) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(order);
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('payment API timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

export async function handler(event, context) {
  const budget = Math.max(10, Math.min(2000, context.getRemainingTimeInMillis() - 100));
  try {
    const status = await charge(await ready, { orderId: event.orderId ?? 'o-1', amount: 42 }, budget);
    return { statusCode: status === 200 ? 200 : 502 };
  } catch {
    return { statusCode: 504 };
  }
}
