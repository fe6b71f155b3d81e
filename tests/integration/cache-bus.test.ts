import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { CACHE_CHANNEL, createCacheBus } from "../../app/lib/cache-bus.server";
import { createCache } from "../../app/lib/cache.server";

// Two processes on two connections to the same PostgreSQL server, as two machines would be.
const url = process.env.DATABASE_URL;
const clients: postgres.Sql[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
});

function transportOn(client: postgres.Sql) {
  return {
    notify: (payload: string) => client.notify(CACHE_CHANNEL, payload),
    listen: async (onPayload: (payload: string) => void) => (await client.listen(CACHE_CHANNEL, onPayload)).unlisten,
  };
}

describe("cache bus on PostgreSQL", () => {
  it.skipIf(!url)("a clear on one connection reaches the other within a second", async () => {
    const one = postgres(url!, { max: 2, onnotice: () => {} });
    const two = postgres(url!, { max: 2, onnotice: () => {} });
    clients.push(one, two);
    const a = createCacheBus();
    const b = createCacheBus();
    await a.connect(transportOn(one));
    await b.connect(transportOn(two));
    const onA = createCache<string>({ ttlMs: 60_000, name: "jobs:public-lists", bus: a });
    const onB = createCache<string>({ ttlMs: 60_000, name: "jobs:public-lists", bus: b });
    await onB.get("page-1", async () => "old");

    const started = Date.now();
    onA.clear();
    while (onB.size > 0 && Date.now() - started < 1_000) await new Promise((r) => setTimeout(r, 10));
    expect(onB.size).toBe(0);
    expect(await onB.get("page-1", async () => "new")).toBe("new");
  });
});
