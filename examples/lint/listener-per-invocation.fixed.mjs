// Fixed twin of listener-per-invocation.mjs: the listener is removed in finally.
export const handler = async (event) => {
  const started = Date.now();
  const onWarning = (warning) => console.error(event.id, Date.now() - started, warning.message);
  process.on('warning', onWarning);
  try {
    return { statusCode: 200 };
  } finally {
    process.off('warning', onWarning);
  }
};
