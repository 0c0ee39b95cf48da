// A payment call with no timeout (line 5): a hung provider keeps the invocation billed until the platform timeout.
// leakwatch-lint-expect: require-request-timeout
export const handler = async (event) => {
  const body = JSON.stringify({ amount: event.amount });
  const res = await fetch('https://payments.example.com/charge', { method: 'POST', body });
  return { statusCode: res.status };
};
