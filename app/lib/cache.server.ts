import { cacheBus, type CacheBus } from "./cache-bus.server";
import { settings } from "./env.server";

/**
 * A small in-process cache of promised values, for data read on every page view that changes far
 * less often than it is read (public job lists, report figures, filter option lists).
 *
 * - Concurrent readers of the same key share one load (one database round trip, not one each).
 * - A failed load is forgotten at once, so the next reader tries again.
 * - With `staleWhileRevalidate`, an expired value is still served while ONE background load
 *   replaces it: no reader waits for a slow aggregate once the first value exists.
 * - At most `maxEntries` keys are kept; the least recently stored goes first.
 *
 * The cache lives in one process. A cache with a `name` is cleared through the cache bus
 * (app/lib/cache-bus.server.ts): a module's `clear()` after its change clears the same cache in
 * every other process and machine too. `ttlMs` bounds how stale a value can get after changes
 * no module announces (a clock passing a date).
 *
 * `CACHES=off` turns every cache off (each read loads): the benchmarks' headline figures are the
 * uncached path, so they run the portal with it (tests/bench).
 */
export type CacheOptions = {
  ttlMs: number;
  maxEntries?: number;
  staleWhileRevalidate?: boolean;
  now?: () => number;
  name?: string;
  bus?: CacheBus;
  /** Asked on every read; default: the CACHES setting. */
  enabled?: () => boolean;
};

export const cachesEnabled = () => settings().CACHES === "on";

type Entry<V> = { at: number; value: Promise<V>; settled: boolean; refreshing: boolean };

export type Cache<V> = {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
  readonly size: number;
};

export function createCache<V>({
  ttlMs,
  maxEntries = 100,
  staleWhileRevalidate = false,
  now = Date.now,
  name,
  bus = cacheBus,
  enabled = cachesEnabled,
}: CacheOptions): Cache<V> {
  const entries = new Map<string, Entry<V>>();
  if (name) bus.register(name, () => entries.clear());

  function store(key: string, load: () => Promise<V>): Entry<V> {
    const value = load();
    const entry: Entry<V> = { at: now(), value, settled: false, refreshing: false };
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return entry;
  }

  function refreshInBackground(key: string, stale: Entry<V>, load: () => Promise<V>) {
    stale.refreshing = true;
    let fresh: Promise<V>;
    try {
      fresh = load();
    } catch (error) {
      fresh = Promise.reject(error);
    }
    fresh.then(
      (value) => {
        // Only replace what is still there: a clear() in the meantime wins.
        if (entries.get(key) === stale) store(key, () => Promise.resolve(value));
      },
      () => {
        stale.refreshing = false;
      },
    );
  }

  return {
    get(key, load) {
      if (!enabled()) return load();
      const hit = entries.get(key);
      if (hit) {
        const fresh = now() - hit.at < ttlMs;
        if (fresh) return hit.value;
        if (staleWhileRevalidate && hit.settled) {
          if (!hit.refreshing) refreshInBackground(key, hit, load);
          return hit.value;
        }
      }
      return store(key, load).value;
    },
    clear() {
      if (name) bus.clear(name);
      else entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
