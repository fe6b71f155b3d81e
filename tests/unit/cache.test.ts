import { describe, expect, it } from "vitest";
import { createCache } from "../../app/lib/cache.server";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A loader that counts its calls and resolves to "value-N". */
function counter() {
  let calls = 0;
  const load = async () => `value-${++calls}`;
  return { load, calls: () => calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("in-process cache", () => {
  it("shares one load between concurrent readers and serves it until it expires", async () => {
    const c = clock();
    const cache = createCache<string>({ ttlMs: 1_000, now: c.now });
    const { load, calls } = counter();
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect([a, b, calls()]).toEqual(["value-1", "value-1", 1]);
    c.advance(999);
    expect(await cache.get("k", load)).toBe("value-1");
    c.advance(1);
    expect(await cache.get("k", load)).toBe("value-2");
    expect(calls()).toBe(2);
  });

  it("with caches off (CACHES=off, for the benchmarks' uncached path) loads on every read", async () => {
    const cache = createCache<string>({ ttlMs: 60_000, enabled: () => false });
    const { load, calls } = counter();
    expect(await Promise.all([cache.get("k", load), cache.get("k", load)])).toEqual(["value-1", "value-2"]);
    expect(await cache.get("k", load)).toBe("value-3");
    expect([calls(), cache.size]).toEqual([3, 0]);
  });

  it("forgets a failed load so the next reader tries again", async () => {
    const cache = createCache<string>({ ttlMs: 60_000 });
    await expect(cache.get("k", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(cache.size).toBe(0);
    expect(await cache.get("k", async () => "ok")).toBe("ok");
  });

  it("with stale-while-revalidate serves the old value at once and replaces it with one background load", async () => {
    const c = clock();
    const cache = createCache<string>({ ttlMs: 1_000, staleWhileRevalidate: true, now: c.now });
    const { load, calls } = counter();
    expect(await cache.get("k", load)).toBe("value-1");
    c.advance(5_000);
    const [a, b] = await Promise.all([cache.get("k", load), cache.get("k", load)]);
    expect([a, b]).toEqual(["value-1", "value-1"]);
    await settle();
    expect(calls()).toBe(2);
    expect(await cache.get("k", load)).toBe("value-2");
  });

  it("keeps the stale value when the background load fails, and tries again on the next read", async () => {
    const c = clock();
    const cache = createCache<string>({ ttlMs: 1_000, staleWhileRevalidate: true, now: c.now });
    await cache.get("k", async () => "old");
    c.advance(2_000);
    expect(await cache.get("k", () => Promise.reject(new Error("timeout")))).toBe("old");
    await settle();
    expect(await cache.get("k", async () => "new")).toBe("old");
    await settle();
    expect(await cache.get("k", async () => "newer")).toBe("new");
  });

  it("does not let a background load resurrect a value cleared in the meantime", async () => {
    const c = clock();
    const cache = createCache<string>({ ttlMs: 1_000, staleWhileRevalidate: true, now: c.now });
    await cache.get("k", async () => "old");
    c.advance(2_000);
    let finish!: (v: string) => void;
    expect(await cache.get("k", () => new Promise<string>((r) => (finish = r)))).toBe("old");
    cache.clear();
    finish("refreshed before the clear");
    await settle();
    expect(await cache.get("k", async () => "after clear")).toBe("after clear");
  });

  it("waits for the first value when there is nothing stale to serve", async () => {
    const cache = createCache<string>({ ttlMs: 1_000, staleWhileRevalidate: true });
    let finish!: (v: string) => void;
    const first = cache.get("k", () => new Promise<string>((r) => (finish = r)));
    const second = cache.get("k", async () => "other");
    finish("first");
    expect(await Promise.all([first, second])).toEqual(["first", "first"]);
  });

  it("keeps at most maxEntries keys, dropping the oldest", async () => {
    const cache = createCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    const { load, calls } = counter();
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(cache.size).toBe(2);
    await cache.get("b", load);
    expect(calls()).toBe(3);
    await cache.get("a", load);
    expect(calls()).toBe(4);
  });
});
