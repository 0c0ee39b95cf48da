// Fixed twin of unbounded-cache.mjs: a bounded LRU (the oldest entry goes once 500 are cached).
const MAX_ENTRIES = 500;
const cache = new Map();

export const handler = async (event) => {
  const key = event.userId;
  let profile = cache.get(key);
  if (!profile) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value);
    cache.set(key, (profile = { id: key, seen: Date.now(), payload: 'x'.repeat(1024) }));
  }
  return { statusCode: 200, body: JSON.stringify(profile.id) };
};
