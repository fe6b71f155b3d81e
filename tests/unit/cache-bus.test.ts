import { describe, expect, it } from "vitest";
import { createCacheBus } from "../../app/lib/cache-bus.server";
import { createCache } from "../../app/lib/cache.server";

/** Two processes' buses joined by a channel in memory (the real one is PostgreSQL NOTIFY: tests/integration/cache-bus.test.ts). */
function channel() {
  const listeners = new Set<(payload: string) => void>();
  const sent: string[] = [];
  return {
    sent,
    notify: async (payload: string) => {
      sent.push(payload);
      for (const l of listeners) l(payload);
    },
    listen: async (onPayload: (payload: string) => void) => {
      listeners.add(onPayload);
      return async () => void listeners.delete(onPayload);
    },
  };
}

describe("cache bus", () => {
  it("a named cache cleared in one process is cleared in the other, and only that name", async () => {
    const wire = channel();
    const a = createCacheBus();
    const b = createCacheBus();
    await a.connect(wire);
    await b.connect(wire);
    const jobsA = createCache<number>({ ttlMs: 60_000, name: "jobs", bus: a });
    const jobsB = createCache<number>({ ttlMs: 60_000, name: "jobs", bus: b });
    const otherB = createCache<number>({ ttlMs: 60_000, name: "other", bus: b });
    await jobsA.get("k", async () => 1);
    await jobsB.get("k", async () => 1);
    await otherB.get("k", async () => 1);

    jobsA.clear();
    expect(jobsA.size).toBe(0);
    expect(jobsB.size).toBe(0);
    expect(otherB.size).toBe(1);
    expect(wire.sent).toHaveLength(1);
  });

  it("ignores its own notifications and payloads it cannot read", async () => {
    const wire = channel();
    const a = createCacheBus();
    await a.connect(wire);
    let cleared = 0;
    a.register("x", () => cleared++);
    a.clear("x");
    expect(cleared).toBe(1); // once here, not again when its own notification comes back
    await wire.notify("garbage-without-a-space");
    expect(cleared).toBe(1);
  });

  it("an unnamed cache stays local, and a failed send is logged, not thrown", async () => {
    const logged: string[] = [];
    const bus = createCacheBus((m) => logged.push(m));
    await bus.connect({ notify: async () => Promise.reject(new Error("connection closed")), listen: async () => async () => {} });
    const named = createCache<number>({ ttlMs: 60_000, name: "n", bus });
    await named.get("k", async () => 1);
    named.clear();
    expect(named.size).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(logged[0]).toContain("connection closed");
    const local = createCache<number>({ ttlMs: 60_000 });
    await local.get("k", async () => 1);
    local.clear();
    expect(local.size).toBe(0);
  });
});
