/**
 * Storing readings, for the gateway API, the CSV import and the demo data alike.
 *
 * Idempotent: the raw table's key is (meter, time), so the same reading sent twice is stored
 * once; a reading that was already stored with the SAME kWh counts as duplicated, with another
 * kWh as refused (a conflict: the first value stays). The rollups (meter_days, meter_months) are
 * increased only by the rows this transaction really inserted, in the same transaction, so they
 * always equal the sums of the raw rows, also when overlapping batches race: rows are written in
 * (meter, time) order and rollups in (meter, day) then (meter, month) order, so two batches wait
 * on each other instead of deadlocking.
 */
import { inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { meters } from "../../../db/schema/monitoring";
import { shanghaiToday } from "../../lib/format";
import type { ParsedReading } from "./batch";
import { monitoringChanged } from "./cache.server";

export type StoredReading = { meterId: number; readAt: Date; kwh: number };
export type StoreResult = { accepted: number; duplicated: number; conflicts: { index: number; storedKwh: number }[] };

const CHUNK = 2000;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}

/** Meter ids by number, for the numbers that exist. */
export async function meterIdsByCode(db: Executor, codes: Iterable<string>): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  const out = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await db
      .select({ id: meters.id, code: meters.code })
      .from(meters)
      .where(inArray(meters.code, unique.slice(i, i + 5000)));
    for (const r of rows) out.set(r.code, r.id);
  }
  return out;
}

const key = (meterId: number, ms: number) => `${meterId}|${ms}`;

/**
 * Stores readings inside the caller's transaction. `readings[i]` keeps its index in the answer
 * (conflicts name it). The same (meter, time) twice in one batch: the second is a duplicate (same
 * kWh) or a conflict (another kWh).
 */
export async function storeReadings(tx: Executor, readings: readonly StoredReading[], gatewayId: number | null = null): Promise<StoreResult> {
  const conflicts: StoreResult["conflicts"] = [];
  let duplicated = 0;
  const firstOf = new Map<string, number>();
  const order: number[] = [];
  readings.forEach((r, index) => {
    const k = key(r.meterId, r.readAt.getTime());
    const first = firstOf.get(k);
    if (first === undefined) {
      firstOf.set(k, index);
      order.push(index);
    } else if (readings[first].kwh === r.kwh) duplicated++;
    else conflicts.push({ index, storedKwh: readings[first].kwh });
  });
  order.sort((a, b) => readings[a].meterId - readings[b].meterId || readings[a].readAt.getTime() - readings[b].readAt.getTime());

  const inserted: StoredReading[] = [];
  for (let i = 0; i < order.length; i += CHUNK) {
    const chunk = order.slice(i, i + CHUNK).map((idx) => readings[idx]);
    const meterIds = chunk.map((r) => r.meterId);
    const times = chunk.map((r) => r.readAt.toISOString());
    const kwhs = chunk.map((r) => r.kwh);
    // unnest keeps the statement at three parameters however many rows (and in the given order).
    const result = await tx.execute(sql`
      insert into meter_readings (meter_id, read_at, kwh, gateway_id)
      select m, t, k, ${gatewayId}::int from unnest(${sql.raw(arrayLiteral(meterIds, "int"))}, ${sql.raw(arrayLiteral(times, "timestamptz"))}, ${sql.raw(arrayLiteral(kwhs, "float8"))}) as u(m, t, k)
      on conflict (meter_id, read_at) do nothing
      returning meter_id, read_at`);
    const got = new Set(rowsOf<{ meter_id: number; read_at: string | Date }>(result).map((r) => key(Number(r.meter_id), new Date(r.read_at).getTime())));
    const missing: StoredReading[] = [];
    for (const r of chunk) (got.has(key(r.meterId, r.readAt.getTime())) ? inserted : missing).push(r);
    if (missing.length) {
      const stored = await tx.execute(sql`
        select r.meter_id, r.read_at, r.kwh from meter_readings r
        join unnest(${sql.raw(
          arrayLiteral(
            missing.map((r) => r.meterId),
            "int",
          ),
        )}, ${sql.raw(
          arrayLiteral(
            missing.map((r) => r.readAt.toISOString()),
            "timestamptz",
          ),
        )}) as u(m, t)
          on r.meter_id = u.m and r.read_at = u.t`);
      const kwhOf = new Map(
        rowsOf<{ meter_id: number; read_at: string | Date; kwh: number }>(stored).map((r) => [
          key(Number(r.meter_id), new Date(r.read_at).getTime()),
          Number(r.kwh),
        ]),
      );
      for (const r of missing) {
        const k = key(r.meterId, r.readAt.getTime());
        const was = kwhOf.get(k);
        if (was === r.kwh) duplicated++;
        else conflicts.push({ index: firstOf.get(k)!, storedKwh: was ?? Number.NaN });
      }
    }
  }
  await addToRollups(tx, inserted);
  conflicts.sort((a, b) => a.index - b.index);
  return { accepted: inserted.length, duplicated, conflicts };
}

/** A PostgreSQL array literal of numbers or ISO times (built from values we made, never from raw input). */
function arrayLiteral(values: (number | string)[], type: "int" | "float8" | "timestamptz"): string {
  if (type === "timestamptz") return `'{${values.map((v) => `"${String(v).replace(/[^0-9TZ:.+-]/g, "")}"`).join(",")}}'::timestamptz[]`;
  return `'{${values.map((v) => (Number.isFinite(v as number) ? String(v) : "0")).join(",")}}'::${type}[]`;
}

async function addToRollups(tx: Executor, rows: readonly StoredReading[]): Promise<void> {
  if (rows.length === 0) return;
  const days = new Map<string, { meterId: number; day: string; kwh: number; n: number }>();
  for (const r of rows) {
    const day = shanghaiToday(r.readAt);
    const k = `${String(r.meterId).padStart(10, "0")}|${day}`;
    const d = days.get(k);
    if (d) {
      d.kwh += r.kwh;
      d.n++;
    } else days.set(k, { meterId: r.meterId, day, kwh: r.kwh, n: 1 });
  }
  const months = new Map<string, { meterId: number; month: string; kwh: number; n: number }>();
  for (const d of days.values()) {
    const month = `${d.day.slice(0, 7)}-01`;
    const k = `${String(d.meterId).padStart(10, "0")}|${month}`;
    const m = months.get(k);
    if (m) {
      m.kwh += d.kwh;
      m.n += d.n;
    } else months.set(k, { meterId: d.meterId, month, kwh: d.kwh, n: d.n });
  }
  const dayRows = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const monthRows = [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  for (let i = 0; i < dayRows.length; i += CHUNK) {
    const c = dayRows.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into meter_days (meter_id, day, kwh, readings)
      select * from unnest(${sql.raw(
        arrayLiteral(
          c.map((d) => d.meterId),
          "int",
        ),
      )}, ${sql.raw(dateArray(c.map((d) => d.day)))}, ${sql.raw(
        arrayLiteral(
          c.map((d) => d.kwh),
          "float8",
        ),
      )}, ${sql.raw(
        arrayLiteral(
          c.map((d) => d.n),
          "int",
        ),
      )})
      on conflict (meter_id, day) do update set kwh = meter_days.kwh + excluded.kwh, readings = meter_days.readings + excluded.readings`);
  }
  for (let i = 0; i < monthRows.length; i += CHUNK) {
    const c = monthRows.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into meter_months (meter_id, month, kwh, readings)
      select * from unnest(${sql.raw(
        arrayLiteral(
          c.map((d) => d.meterId),
          "int",
        ),
      )}, ${sql.raw(dateArray(c.map((d) => d.month)))}, ${sql.raw(
        arrayLiteral(
          c.map((d) => d.kwh),
          "float8",
        ),
      )}, ${sql.raw(
        arrayLiteral(
          c.map((d) => d.n),
          "int",
        ),
      )})
      on conflict (meter_id, month) do update set kwh = meter_months.kwh + excluded.kwh, readings = meter_months.readings + excluded.readings`);
  }
}

function dateArray(days: string[]): string {
  return `'{${days.map((d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? d : "1970-01-01")).join(",")}}'::date[]`;
}

export type IngestAnswer =
  | { ok: true; accepted: number; duplicated: number; refused: { index: number; meter: string; time: string; reason: string }[] }
  | { ok: false; status: 422; problems: { index: number; field: string; reason: string }[] };

/** A gateway's batch (already parsed): unknown meters refuse the whole batch; else one transaction. */
export async function ingestReadings(gatewayId: number | null, readings: readonly ParsedReading[], db?: Executor): Promise<IngestAnswer> {
  const x = db ?? (await getDb());
  const ids = await meterIdsByCode(
    x,
    readings.map((r) => r.meter),
  );
  const unknown = readings.flatMap((r, index) => (ids.has(r.meter) ? [] : [{ index, field: "meter", reason: `unknown meter ${r.meter}` }]));
  if (unknown.length) return { ok: false, status: 422, problems: unknown.slice(0, 200) };
  const result = await x.transaction((tx) =>
    storeReadings(
      tx,
      readings.map((r) => ({ meterId: ids.get(r.meter)!, readAt: r.readAt, kwh: r.kwh })),
      gatewayId,
    ),
  );
  if (result.accepted > 0) monitoringChanged();
  return {
    ok: true,
    accepted: result.accepted,
    duplicated: result.duplicated,
    refused: result.conflicts.map((c) => ({
      index: c.index,
      meter: readings[c.index].meter,
      time: readings[c.index].readAt.toISOString(),
      reason: `a reading for this meter and time is already stored with ${c.storedKwh} kWh`,
    })),
  };
}
