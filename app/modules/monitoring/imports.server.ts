/**
 * Staff CSV imports, all-or-nothing: every row is checked (the file, then against the database:
 * unknown meters and credit codes); only a clean file is written, in one transaction with one
 * audit event. A readings file may be imported again (same values: duplicates, nothing changes);
 * a reading that contradicts a stored one fails the whole file. Tax, headcount and premises rows
 * replace the stored figure of that enterprise and month.
 */
import { inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { enterprises } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { shanghaiToday } from "../../lib/format";
import type { ImportProblem } from "../../lib/import-problem";
import type { Actor } from "../../lib/permissions";
import { monitoringChanged } from "./cache.server";
export { importTemplate } from "./imports";
import { parseCsv, validateMonthly, validatePremises, validateReadings, type ImportKind, type ReadingRow } from "./imports";
import { meterIdsByCode, storeReadings } from "./ingest.server";

type SignedIn = NonNullable<Actor>;
export type ImportResult = { ok: true; kind: ImportKind; written: number; duplicated: number } | { ok: false; problems: ImportProblem[] };

class Rollback extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super("rollback");
  }
}

async function enterpriseIdsByCode(db: Executor, codes: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  const out = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 5000) {
    for (const r of await db
      .select({ id: enterprises.id, code: enterprises.creditCode })
      .from(enterprises)
      .where(inArray(enterprises.creditCode, unique.slice(i, i + 5000))))
      out.set(r.code, r.id);
  }
  return out;
}

/** Readings already parsed (the bench feeds generated rows through here too). */
export async function importReadingRows(actor: SignedIn, rows: ReadingRow[], db?: Executor): Promise<ImportResult> {
  const x = db ?? (await getDb());
  const ids = await meterIdsByCode(
    x,
    rows.map((r) => r.meter),
  );
  const unknown = rows.filter((r) => !ids.has(r.meter)).map((r) => ({ line: r.line, column: "meter", message: "monitoring:import.unknownMeter" }));
  if (unknown.length) return { ok: false, problems: unknown.slice(0, 500) };
  try {
    const result = await x.transaction(async (tx) => {
      const stored = await storeReadings(
        tx,
        rows.map((r) => ({ meterId: ids.get(r.meter)!, readAt: r.readAt, kwh: r.kwh })),
      );
      if (stored.conflicts.length)
        throw new Rollback(
          stored.conflicts
            .slice(0, 500)
            .map((c) => ({ line: rows[c.index].line, column: "kwh", message: `monitoring:import.conflict|${JSON.stringify({ kwh: c.storedKwh })}` })),
        );
      await appendAudit(tx, {
        actor,
        action: "monitoring.import",
        entityType: "meter_readings",
        entityId: null,
        after: { kind: "readings", rows: rows.length, accepted: stored.accepted, duplicated: stored.duplicated },
      });
      return { ok: true as const, kind: "readings" as const, written: stored.accepted, duplicated: stored.duplicated };
    });
    if (result.written) monitoringChanged();
    return result;
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, problems: error.problems };
    throw error;
  }
}

export async function importMonitoringCsv(actor: SignedIn, kind: ImportKind, csvText: string, now = new Date()): Promise<ImportResult> {
  if (csvText.includes("\u0000")) return { ok: false, problems: [{ line: 1, column: null, message: "monitoring:import.badFile" }] };
  const { header, records } = parseCsv(csvText);
  if (kind === "readings") {
    const { rows, problems } = validateReadings(header, records, now);
    if (problems.length) return { ok: false, problems };
    return importReadingRows(actor, rows);
  }
  const db = await getDb();
  if (kind === "premises") {
    const { rows, problems } = validatePremises(header, records);
    if (problems.length) return { ok: false, problems };
    const ids = await enterpriseIdsByCode(
      db,
      rows.map((r) => r.creditCode),
    );
    const unknown = rows
      .filter((r) => !ids.has(r.creditCode))
      .map((r) => ({ line: r.line, column: "credit_code", message: "monitoring:import.unknownEnterprise" }));
    if (unknown.length) return { ok: false, problems: unknown.slice(0, 500) };
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await tx.execute(sql`insert into enterprise_premises (enterprise_id, land_m2, floor_m2, updated_at)
          select * from unnest(${sql.raw(`'{${chunk.map((r) => ids.get(r.creditCode)).join(",")}}'::int[]`)}, ${sql.raw(`'{${chunk.map((r) => r.landM2).join(",")}}'::int[]`)}, ${sql.raw(`'{${chunk.map((r) => r.floorM2).join(",")}}'::int[]`)}, array_fill(now(), array[${chunk.length}::int]))
          on conflict (enterprise_id) do update set land_m2 = excluded.land_m2, floor_m2 = excluded.floor_m2, updated_at = excluded.updated_at`);
      }
      await appendAudit(tx, { actor, action: "monitoring.import", entityType: "enterprise_premises", entityId: null, after: { kind, rows: rows.length } });
    });
    monitoringChanged();
    return { ok: true, kind, written: rows.length, duplicated: 0 };
  }
  const { rows, problems } = validateMonthly(kind, header, records, shanghaiToday(now));
  if (problems.length) return { ok: false, problems };
  const ids = await enterpriseIdsByCode(
    db,
    rows.map((r) => r.creditCode),
  );
  const unknown = rows
    .filter((r) => !ids.has(r.creditCode))
    .map((r) => ({ line: r.line, column: "credit_code", message: "monitoring:import.unknownEnterprise" }));
  if (unknown.length) return { ok: false, problems: unknown.slice(0, 500) };
  const table = kind === "tax" ? "enterprise_tax_months" : "enterprise_headcount_months";
  const column = kind === "tax" ? "tax_fen" : "employees";
  const type = kind === "tax" ? "bigint" : "int";
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx.execute(sql`insert into ${sql.raw(table)} (enterprise_id, month, ${sql.raw(column)})
        select * from unnest(${sql.raw(`'{${chunk.map((r) => ids.get(r.creditCode)).join(",")}}'::int[]`)}, ${sql.raw(`'{${chunk.map((r) => r.month).join(",")}}'::date[]`)}, ${sql.raw(`'{${chunk.map((r) => Math.round(r.value)).join(",")}}'::${type}[]`)})
        on conflict (enterprise_id, month) do update set ${sql.raw(column)} = excluded.${sql.raw(column)}`);
    }
    await appendAudit(tx, { actor, action: "monitoring.import", entityType: table, entityId: null, after: { kind, rows: rows.length } });
  });
  monitoringChanged();
  return { ok: true, kind, written: rows.length, duplicated: 0 };
}
