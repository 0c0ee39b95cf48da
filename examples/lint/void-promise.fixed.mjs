// Fixed twin of void-promise.mjs: the audit write is awaited before the handler returns.
async function audit(event) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return event.id;
}

export const handler = async (event) => {
  const result = { statusCode: 200, body: String(event.id) };
  await audit(event);
  return result;
};
