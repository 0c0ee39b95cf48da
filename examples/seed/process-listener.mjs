// Leak (listener-growth): every invocation adds a listener to `process` (line 6) and never
// removes it; each one keeps its invocation's request alive, and Node warns after ten.
export async function handler(event, context) {
  const requestId = context.awsRequestId;
  const body = JSON.stringify(event);
  process.on('unhandledRejection', (reason) => {
    console.error(`[${requestId}] unhandled rejection while handling ${body.length} bytes`, reason);
  });
  return { statusCode: 200 };
}
