/**
 * Tests that talk HTTP talk only to their own servers on 127.0.0.1: `fetch` to any other host throws, so a test that
 * would reach SSB (or anything else) fails instead of depending on the network. Returns the function that restores
 * the real fetch.
 */
export function loopbackOnlyFetch(): () => void {
  const realFetch = global.fetch;
  global.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const u = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (u.hostname !== '127.0.0.1') throw new Error(`test tried to reach ${u.hostname}`);
    return realFetch(input, init);
  }) as typeof fetch;
  return () => {
    global.fetch = realFetch;
  };
}
