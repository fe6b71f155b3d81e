/**
 * The overview's figures (activity, flags, prosperity for 500+ firms) are computed from the
 * monthly rollups and kept briefly in each process: cleared by every change made through this
 * module (ingest, imports, thresholds, meters), in every process through the cache bus
 * (app/lib/cache-bus.server.ts); `ttlMs` bounds staleness when a notification is lost.
 */
import { createCache } from "../../lib/cache.server";

export const snapshotCache = createCache<unknown>({ ttlMs: 60_000, maxEntries: 8, staleWhileRevalidate: true, name: "monitoring:snapshot" });
export const alarmCache = createCache<unknown>({ ttlMs: 30_000, maxEntries: 8, name: "monitoring:alarms" });

export function monitoringChanged(): void {
  snapshotCache.clear();
}

export function alarmsChanged(): void {
  alarmCache.clear();
}
