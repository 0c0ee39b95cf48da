// Leak (heap-growth): every call pushes the order onto a module-level list that is never cleared (line 12).
// The article: "a function builds a list every time it gets called, adds items to it, but forgets to clear it".
const processedOrders = [];

export async function handler(event) {
  const order = {
    id: `order-${processedOrders.length + 1}`,
    receivedAt: new Date().toISOString(),
    payload: Array.from({ length: 128 }, (_, i) => i + processedOrders.length),
    source: JSON.stringify(event),
  };
  processedOrders.push(order);
  return { statusCode: 200, body: JSON.stringify({ id: order.id }) };
}
