// Fixed twin of process-listener.mjs: the listener is added once, at module scope, and reads
// the current request from a variable the handler sets.
let current = { requestId: 'none', size: 0 };

process.on('unhandledRejection', (reason) => {
  console.error(`[${current.requestId}] unhandled rejection while handling ${current.size} bytes`, reason);
});

export async function handler(event, context) {
  current = { requestId: context.awsRequestId, size: JSON.stringify(event).length };
  return { statusCode: 200 };
}
