// process.on per invocation (line 5): one more listener, holding its event, per warm invocation.
// leakwatch-lint-expect: no-listener-per-invocation
export const handler = async (event) => {
  const started = Date.now();
  process.on('warning', (warning) => console.error(event.id, Date.now() - started, warning.message));
  return { statusCode: 200 };
};
