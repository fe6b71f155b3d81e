/**
 * Load generators of the benches (tests/bench): a fixed request rate timed from each request's
 * scheduled start (no coordinated omission), and a closed loop for capacity.
 */
const MAX_IN_FLIGHT = 200;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The Cookie header of the k-th request or connection: one, or one of several sessions in turn (a
 * bench signs in several sessions, as several staff members would; the portal shares one session
 * look-up between simultaneous requests with the same cookie, which one shared cookie would flatter).
 */
export type Cookies = string | string[] | null;
function cookieOf(cookies: Cookies, k: number): string | null {
  return Array.isArray(cookies) ? cookies[k % cookies.length] : cookies;
}
const headersOf = (cookie: string | null): Record<string, string> => (cookie ? { cookie } : {});

export type Result = { name: string; sent: number; ok: number; errors: number; seconds: number; p50: number; p95: number; p99: number; max: number };

export async function fixedRate(name: string, url: string, cookies: Cookies, rate: number, seconds: number): Promise<Result> {
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const scheduled = start + k * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      errors++;
      continue;
    }
    inFlight++;
    pending.push(
      fetch(url, { headers: headersOf(cookieOf(cookies, k)), redirect: "manual" })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
          else latencies.push(performance.now() - scheduled);
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          inFlight--;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    sent: total,
    ok: latencies.length,
    errors,
    seconds: elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

export async function closedLoop(url: string, cookies: Cookies, connections: number, seconds = 4): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, k) => {
      const headers = headersOf(cookieOf(cookies, k));
      while (performance.now() < until) {
        const res = await fetch(url, { headers, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status === 200) done++;
      }
    }),
  );
  return done / seconds;
}
