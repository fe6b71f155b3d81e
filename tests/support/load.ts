/**
 * Load generators of the benches (tests/bench): a fixed request rate timed from each request's
 * scheduled start (no coordinated omission), and a closed loop for capacity.
 */
const MAX_IN_FLIGHT = 200;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export type Result = { name: string; sent: number; ok: number; errors: number; seconds: number; p50: number; p95: number; p99: number; max: number };

export async function fixedRate(name: string, url: string, cookie: string | null, rate: number, seconds: number): Promise<Result> {
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
      fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" })
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

export async function closedLoop(url: string, cookie: string | null, connections: number, seconds = 4): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status === 200) done++;
      }
    }),
  );
  return done / seconds;
}
