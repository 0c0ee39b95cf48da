// Fixed twin of global-list.mjs: the order lives only as long as the invocation that handles it.
let handled = 0;

export async function handler(event) {
  handled += 1;
  const order = {
    id: `order-${handled}`,
    receivedAt: new Date().toISOString(),
    payload: Array.from({ length: 128 }, (_, i) => i + handled),
    source: JSON.stringify(event),
  };
  return { statusCode: 200, body: JSON.stringify({ id: order.id }) };
}
