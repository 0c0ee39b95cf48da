// `void` on an audit write (line 11): the sandbox freezes when the handler returns, and the write
// stalls, then finishes (or fails) inside a later invocation.
// leakwatch-lint-expect: no-dangling-async
async function audit(event) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return event.id;
}

export const handler = async (event) => {
  const result = { statusCode: 200, body: String(event.id) };
  void audit(event);
  return result;
};
