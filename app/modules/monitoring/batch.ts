/**
 * What the gateways send, checked before anything is stored (pure, unit-tested). A batch with any
 * bad item is refused whole, with every problem by its index, so a collector can fix and resend.
 */
import { FUTURE_TOLERANCE_MS, MAX_BATCH_READINGS, MAX_READING_KWH } from "./constants";

export type BatchProblem = { index: number | null; field: string | null; reason: string };
export type ParsedReading = { meter: string; readAt: Date; kwh: number };

/** ISO 8601 with an explicit zone (Z or ±hh:mm): a time without a zone is ambiguous. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Readings before this are not from a smart meter of this platform. */
const EARLIEST = Date.parse("2015-01-01T00:00:00Z");

export function parseTime(value: unknown): Date | null {
  if (typeof value !== "string" || !ISO_WITH_ZONE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function checkTime(value: unknown, now: Date): { at: Date } | { reason: string } {
  const at = parseTime(value);
  if (!at) return { reason: "time must be ISO 8601 with a zone, e.g. 2026-12-04T10:15:00+08:00" };
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { reason: "time is in the future" };
  if (at.getTime() < EARLIEST) return { reason: "time is before 2015" };
  return { at };
}

export function parseReadingsBatch(
  body: unknown,
  now: Date,
): { ok: true; readings: ParsedReading[] } | { ok: false; status: 400 | 413 | 422; problems: BatchProblem[] } {
  const items = body && typeof body === "object" && !Array.isArray(body) ? (body as { readings?: unknown }).readings : undefined;
  if (!Array.isArray(items))
    return { ok: false, status: 400, problems: [{ index: null, field: "readings", reason: 'expected {"readings": [{"meter", "time", "kwh"}, …]}' }] };
  if (items.length === 0) return { ok: false, status: 422, problems: [{ index: null, field: "readings", reason: "the batch is empty" }] };
  if (items.length > MAX_BATCH_READINGS)
    return { ok: false, status: 413, problems: [{ index: null, field: "readings", reason: `at most ${MAX_BATCH_READINGS} readings per batch` }] };
  const problems: BatchProblem[] = [];
  const readings: ParsedReading[] = [];
  items.forEach((item, index) => {
    if (!item || typeof item !== "object") return void problems.push({ index, field: null, reason: "each reading is an object" });
    const { meter, time, kwh } = item as Record<string, unknown>;
    let ok = true;
    if (typeof meter !== "string" || meter.trim() === "" || meter.length > 64) {
      problems.push({ index, field: "meter", reason: "meter must be the meter's number (1-64 characters)" });
      ok = false;
    }
    const t = checkTime(time, now);
    if ("reason" in t) {
      problems.push({ index, field: "time", reason: t.reason });
      ok = false;
    }
    if (typeof kwh !== "number" || !Number.isFinite(kwh)) {
      problems.push({ index, field: "kwh", reason: "kwh must be a number" });
      ok = false;
    } else if (kwh < 0) {
      problems.push({ index, field: "kwh", reason: "kwh must not be negative" });
      ok = false;
    } else if (kwh > MAX_READING_KWH) {
      problems.push({ index, field: "kwh", reason: `kwh above ${MAX_READING_KWH} is not a plausible reading` });
      ok = false;
    }
    if (ok && "at" in t) readings.push({ meter: (meter as string).trim(), readAt: t.at, kwh: kwh as number });
  });
  if (problems.length) return { ok: false, status: 422, problems: problems.slice(0, 200) };
  return { ok: true, readings };
}

export type ParsedPassageEvent = { building: string; floor: number; passage: string; at: Date; status: "blocked" | "clear"; photo: Uint8Array | null };

/** Largest camera photo accepted in a passage event (bytes, after base64 decoding). */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function parsePassageEvent(
  body: unknown,
  now: Date,
): { ok: true; event: ParsedPassageEvent } | { ok: false; status: 400 | 413 | 422; problems: BatchProblem[] } {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { ok: false, status: 400, problems: [{ index: null, field: null, reason: 'expected {"building", "floor", "passage", "time", "status", "photo"}' }] };
  const b = body as Record<string, unknown>;
  const problems: BatchProblem[] = [];
  const str = (v: unknown) => typeof v === "string" && v.trim() !== "" && v.length <= 64;
  if (!str(b.building)) problems.push({ index: null, field: "building", reason: "building must be the building's code" });
  if (!str(b.passage)) problems.push({ index: null, field: "passage", reason: "passage must be the passage's code" });
  if (typeof b.floor !== "number" || !Number.isInteger(b.floor) || b.floor < -5 || b.floor > 200)
    problems.push({ index: null, field: "floor", reason: "floor must be a whole number" });
  const t = checkTime(b.time, now);
  if ("reason" in t) problems.push({ index: null, field: "time", reason: t.reason });
  const status = b.status ?? "blocked";
  if (status !== "blocked" && status !== "clear") problems.push({ index: null, field: "status", reason: 'status must be "blocked" or "clear"' });
  let photo: Uint8Array | null = null;
  if (b.photo != null) {
    if (typeof b.photo !== "string" || !/^[A-Za-z0-9+/=\s]+$/.test(b.photo))
      problems.push({ index: null, field: "photo", reason: "photo must be a base64 JPEG or PNG" });
    else if ((b.photo.length * 3) / 4 > MAX_PHOTO_BYTES + 4)
      return { ok: false, status: 413, problems: [{ index: null, field: "photo", reason: `photo larger than ${MAX_PHOTO_BYTES} bytes` }] };
    else photo = new Uint8Array(Buffer.from(b.photo, "base64"));
  }
  if (problems.length || !("at" in t)) return { ok: false, status: 422, problems };
  return {
    ok: true,
    event: {
      building: (b.building as string).trim(),
      floor: b.floor as number,
      passage: (b.passage as string).trim(),
      at: t.at,
      status: status as "blocked" | "clear",
      photo,
    },
  };
}
