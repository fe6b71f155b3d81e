/**
 * Bulk onboarding from CSV, all-or-nothing, without holding the database for the whole file.
 *
 * Where a 2,000-row file spent its ~10 s: eight statements per row (enterprise, its search text,
 * its audit row, membership, status row, dues-rate look-up, dues, their audit row), 16,000 round
 * trips in one transaction; the embedded database (one connection) answered nobody else meanwhile.
 * Now: the rows are checked in memory, written to a staging table in short batches (other requests
 * run between them), and published by one set-based statement in one short transaction.
 */
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Tx } from "../../../db/client.server";
import { associations, enterprises, joinApplications, memberImportRows } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import { isUniqueViolation } from "../../lib/db-errors.server";
import { shanghaiToday } from "../../lib/format";
import type { ImportProblem } from "../../lib/import-problem";
import { parseImportCsv, validateImportRowsInTurns, type ImportRow } from "./csv-import";
import { firstDuesDueOn } from "./membership-rules";
import { enterpriseValues } from "./records.server";
import { searchDocument } from "./search-text";

export type ImportResult = { ok: true; created: number } | { ok: false; problems: ImportProblem[] };

/** Rows per staging statement: ~20-80 ms of the embedded database each, then other requests get a turn. */
export const IMPORT_BATCH = 100;
/** Staged rows of an import that never finished (the process died) are this old before they go. */
const STALE_STAGING = "1 day";

const columnNames = Object.fromEntries(Object.entries(getTableColumns(enterprises)).map(([key, column]) => [key, column.name]));

/** The enterprise's values keyed by column name, for jsonb_populate_record(null::enterprises, …). */
function enterpriseJson(row: ImportRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(enterpriseValues(row)).map(([key, value]) => [columnNames[key], value]));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bulk onboarding: all rows valid, or nothing is written and every bad row is reported. */
export async function importEnterprises(actor: Actor, csvText: string, ip: string | null, today = shanghaiToday()): Promise<ImportResult> {
  const db = await getDb();
  // PostgreSQL text cannot hold NUL: such a file is not a CSV of enterprises.
  if (csvText.includes("\u0000")) return { ok: false, problems: [{ line: 1, column: null, message: "members:import.badFile" }] };
  const { header, records } = parseImportCsv(csvText);
  const assocRows = await db.select({ id: associations.id, code: associations.code }).from(associations);
  const byCode = new Map(assocRows.map((a) => [a.code, a.id]));
  const codesInFile = records.map((r) => (r.credit_code ?? "").normalize("NFKC").replace(/\s+/g, "").toUpperCase()).filter(Boolean);
  const taken = new Set<string>();
  for (let i = 0; i < codesInFile.length; i += 500) {
    const chunk = codesInFile.slice(i, i + 500);
    for (const r of await db.select({ c: enterprises.creditCode }).from(enterprises).where(inArray(enterprises.creditCode, chunk))) taken.add(r.c);
    for (const r of await db
      .select({ c: joinApplications.creditCode })
      .from(joinApplications)
      .where(and(inArray(joinApplications.creditCode, chunk), eq(joinApplications.status, "pending"))))
      taken.add(r.c);
  }
  const { rows, problems } = await validateImportRowsInTurns(records, header, new Set(byCode.keys()), taken);
  if (problems.length > 0) return { ok: false, problems };

  const importId = randomUUID();
  await db.delete(memberImportRows).where(lt(memberImportRows.stagedAt, sql`now() - ${STALE_STAGING}::interval`));
  try {
    // Staging: invisible to every page; each batch is one statement, and other requests get their turn between batches.
    for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
      await db.insert(memberImportRows).values(
        rows.slice(i, i + IMPORT_BATCH).map((row) => ({
          importId,
          line: row.line,
          enterprise: enterpriseJson(row),
          searchText: sql`to_tsvector('simple', ${searchDocument(row.name, row.creditCode)})`,
          associationId: byCode.get(row.associationCode)!,
          membershipType: row.membershipType,
        })),
      );
      await nextTurn();
    }
    return await db.transaction(async (tx) => {
      const created = await publishStaged(tx, importId, actor, today);
      await tx.delete(memberImportRows).where(eq(memberImportRows.importId, importId));
      await appendAudit(tx, {
        actor,
        action: "enterprise.import",
        entityType: "enterprise",
        entityId: null,
        // One row for the file, naming what it created: per-record audit rows were 4,000 more inserts.
        after: { created: created.length, enterpriseIds: created.map((c) => c.enterpriseId), membershipIds: created.map((c) => c.membershipId) },
        ip,
      });
      return { ok: true as const, created: created.length };
    });
  } catch (error) {
    await db.delete(memberImportRows).where(eq(memberImportRows.importId, importId));
    // A code taken between the check and the write: nothing was published (one transaction).
    if (isUniqueViolation(error)) return { ok: false, problems: [{ line: 1, column: "credit_code", message: "members:import.duplicateInDb" }] };
    throw error;
  }
}

/**
 * One statement: the staged enterprises with their search text, an active membership each, its
 * first status row and this year's dues at the association's rate (as createActiveMembership).
 */
async function publishStaged(tx: Tx, importId: string, actor: Actor, today: string) {
  const reason = "members:reasons.imported";
  const year = Number(today.slice(0, 4));
  const result = await tx.execute(sql`
    with s as (
      select * from member_import_rows where import_id = ${importId}
    ), e as (
      insert into enterprises (name, credit_code, legal_rep, address, village, segment, above_size, annual_output_fen, employees,
                               export_share_pct, contact_person, phone, email, public_fields, search_text)
      select r.name, r.credit_code, r.legal_rep, r.address, r.village, r.segment, r.above_size, r.annual_output_fen, r.employees,
             r.export_share_pct, r.contact_person, r.phone, r.email, r.public_fields, s.search_text
      from s cross join lateral jsonb_populate_record(null::enterprises, s.enterprise) r
      order by s.line
      returning id, credit_code
    ), m as (
      insert into memberships (enterprise_id, association_id, type, status, joined_on, status_reason)
      select e.id, s.association_id, s.membership_type, 'active', ${today}::date, ${reason}
      from e join s on s.enterprise->>'credit_code' = e.credit_code
      order by s.line
      returning id, enterprise_id, association_id, type
    ), c as (
      insert into membership_status_changes (membership_id, from_status, to_status, reason, changed_by)
      select m.id, null, 'active', ${reason}, ${actor?.userId ?? null} from m
    ), d as (
      insert into dues (membership_id, year, amount_fen, due_on)
      select m.id, ${year}::int, coalesce(r.amount_fen, 0), ${firstDuesDueOn(today)}::date
      from m left join dues_rates r on r.association_id = m.association_id and r.type = m.type
    )
    select m.enterprise_id as "enterpriseId", m.id as "membershipId" from m order by m.enterprise_id`);
  // postgres.js answers an array, PGlite an object with rows.
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { enterpriseId: number; membershipId: number }[];
}
