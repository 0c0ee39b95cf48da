// A module-scope cache keyed by request (line 9) that nothing evicts: the heap grows per invocation.
// leakwatch-lint-expect: no-unbounded-module-state
const cache = new Map();

export const handler = async (event) => {
  const key = event.userId;
  let profile = cache.get(key);
  if (!profile) {
    cache.set(key, (profile = { id: key, seen: Date.now(), payload: 'x'.repeat(1024) }));
  }
  return { statusCode: 200, body: JSON.stringify(profile.id) };
};
