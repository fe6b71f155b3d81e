import { randomUUID } from "node:crypto";
import { notificationChannel } from "../../db/client.server";

/**
 * Clears a named cache in every process of the portal, on every machine.
 *
 * Each process keeps its own caches (app/lib/cache.server.ts, the public pages). A module clears
 * a cache by name after its change; the bus clears it here at once and, on PostgreSQL, sends the
 * name with NOTIFY so that every other process (another web process, another machine) clears its
 * copy within the round trip of a notification. The embedded database has one process: nothing
 * to tell. A lost notification (the listening connection was down) is bounded by each cache's
 * own time to live.
 */
export const CACHE_CHANNEL = "yj_cache_clear";

type Transport = {
  /** Sends one payload to every listener (this process's own included). */
  notify(payload: string): Promise<unknown>;
  /** Calls `onPayload` for each payload received; resolves to a function that stops listening. */
  listen(onPayload: (payload: string) => void): Promise<() => Promise<void>>;
};

export type CacheBus = {
  /** Registers a local clear for a cache name; returns a function that unregisters it. */
  register(name: string, clear: () => void): () => void;
  /** Clears the named cache here now, and everywhere else through the transport if connected. */
  clear(name: string): void;
  /** Starts listening to the other processes; resolves to a function that stops. */
  connect(transport: Transport): Promise<() => Promise<void>>;
};

export function createCacheBus(log: (message: string) => void = (m) => console.error(m)): CacheBus {
  const origin = randomUUID();
  const clears = new Map<string, Set<() => void>>();
  let transport: Transport | null = null;

  function clearHere(name: string) {
    for (const clear of clears.get(name) ?? []) clear();
  }

  return {
    register(name, clear) {
      let set = clears.get(name);
      if (!set) clears.set(name, (set = new Set()));
      set.add(clear);
      return () => void set.delete(clear);
    },
    clear(name) {
      clearHere(name);
      transport?.notify(`${origin} ${name}`).catch((error: unknown) => {
        log(`Cache clear of "${name}" not sent to the other processes: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    async connect(t) {
      const stop = await t.listen((payload) => {
        const space = payload.indexOf(" ");
        if (space < 0 || payload.slice(0, space) === origin) return;
        clearHere(payload.slice(space + 1));
      });
      transport = t;
      return async () => {
        if (transport === t) transport = null;
        await stop();
      };
    },
  };
}

/** The portal's one bus. */
export const cacheBus = createCacheBus();

/**
 * Connects the portal's bus to the other processes through the database (PostgreSQL only).
 * Resolves to a function that stops listening (call it before the database closes).
 */
export async function startCacheBus(): Promise<() => Promise<void>> {
  const channel = await notificationChannel(CACHE_CHANNEL);
  if (!channel) return async () => {};
  return cacheBus.connect(channel);
}
