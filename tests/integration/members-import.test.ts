// A large members import: all-or-nothing (a bad last row writes nothing and is named by its line),
// and the database keeps answering others while it runs (it is staged in short batches and
// published by one short transaction). PGlite by default, PostgreSQL with TEST_DATABASE_URL.
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, pingDb } from "../../db/client.server";
import { auditEvents } from "../../db/schema/accounts";
import { associations, dues, duesRates, enterprises, memberImportRows, membershipStatusChanges, memberships } from "../../db/schema/members";
import { seedDemo } from "../../db/seed/demo.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { IMPORT_COLUMNS } from "../../app/modules/members/csv-import";
import { firstDuesDueOn } from "../../app/modules/members/membership-rules";
import { importEnterprises, listEnterprises } from "../../app/modules/members/members.server";
import { actorOf } from "../support/actors";

const staff = actorOf("staff", { userId: "demo-staff" });
const ROWS = 2000;
const TODAY = "2027-05-20";

function csvOf(first: number, n: number, over: (i: number) => Record<string, string> = () => ({})): string {
  const lines = Array.from({ length: n }, (_, i) => {
    const v: Record<string, string> = {
      name: `瑞安市批量${first + i}鞋业有限公司`,
      credit_code: generateCreditCode(first + i),
      legal_rep: "陈批量",
      address: "瑞安市批量路",
      village: "云江村",
      segment: "soles",
      above_size: "否",
      annual_output_wan: "300",
      employees: "12",
      export_share_pct: "5",
      contact_person: "陈批量",
      phone: "13900002222",
      email: "",
      association_code: i % 2 ? "federation" : "yunjiang",
      membership_type: i % 2 ? "executive_committee" : "member",
      ...over(i),
    };
    return IMPORT_COLUMNS.map((c) => v[c]).join(",");
  });
  return [IMPORT_COLUMNS.join(","), ...lines].join("\n");
}

async function counts() {
  const db = await getDb();
  const [[e], [m], [d], [c], [s]] = await Promise.all([
    db.select({ n: count() }).from(enterprises),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(dues),
    db.select({ n: count() }).from(membershipStatusChanges),
    db.select({ n: count() }).from(memberImportRows),
  ]);
  return { enterprises: e.n, memberships: m.n, dues: d.n, statusChanges: c.n, staged: s.n };
}

describe("members import of 2,000 rows", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx));
  }, 180_000);

  it("a bad last row: nothing is written, and the row is named by its line", async () => {
    const before = await counts();
    const bad = csvOf(3_100_000, ROWS, (i): Record<string, string> => (i === ROWS - 1 ? { credit_code: "91330381MA000000X0" } : {}));
    const result = await importEnterprises(staff, bad, null, TODAY);
    expect(result).toEqual({ ok: false, problems: [{ line: ROWS + 1, column: "credit_code", message: "members:errors.creditCode" }] });
    expect(await counts()).toEqual(before);
  });

  it("imports every row with its membership, status row, dues and search text, audited once; staging left empty", async () => {
    const db = await getDb();
    const before = await counts();
    const result = await importEnterprises(staff, csvOf(3_100_000, ROWS), "203.0.113.9", TODAY);
    expect(result).toEqual({ ok: true, created: ROWS });
    expect(await counts()).toEqual({
      enterprises: before.enterprises + ROWS,
      memberships: before.memberships + ROWS,
      dues: before.dues + ROWS,
      statusChanges: before.statusChanges + ROWS,
      staged: 0,
    });
    // The last row, as the file says, on the federation as an executive committee member.
    const last = generateCreditCode(3_100_000 + ROWS - 1);
    const [row] = await db
      .select({ e: enterprises, m: memberships, d: dues, assoc: associations.code })
      .from(enterprises)
      .innerJoin(memberships, eq(memberships.enterpriseId, enterprises.id))
      .innerJoin(dues, eq(dues.membershipId, memberships.id))
      .innerJoin(associations, eq(associations.id, memberships.associationId))
      .where(eq(enterprises.creditCode, last));
    expect(row.e).toMatchObject({
      name: `瑞安市批量${3_100_000 + ROWS - 1}鞋业有限公司`,
      segment: "soles",
      aboveSize: false,
      employees: 12,
      exportSharePct: 5,
      email: null,
      publicFields: ["segment", "village"],
    });
    expect(row.e.annualOutputFen).toBe(300 * 10_000 * 100);
    expect(row.assoc).toBe("federation");
    expect(row.m).toMatchObject({ type: "executive_committee", status: "active", joinedOn: TODAY, statusReason: "members:reasons.imported" });
    const [rate] = await db
      .select()
      .from(duesRates)
      .where(and(eq(duesRates.associationId, row.m.associationId), eq(duesRates.type, "executive_committee")));
    expect(row.d).toMatchObject({ year: 2027, amountFen: rate.amountFen, dueOn: firstDuesDueOn(TODAY), paidOn: null });
    const [change] = await db.select().from(membershipStatusChanges).where(eq(membershipStatusChanges.membershipId, row.m.id));
    expect(change).toMatchObject({ fromStatus: null, toStatus: "active", reason: "members:reasons.imported", changedBy: "demo-staff" });
    // Found by the staff search (the search text was written).
    const found = await listEnterprises({ q: `批量${3_100_000 + ROWS - 1}` }, 1, 500);
    expect(found.rows.map((r) => r.creditCode)).toContain(last);
    // One audit row for the file, naming every enterprise and membership it created.
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "enterprise.import"));
    expect(audits).toHaveLength(1);
    const after = audits[0].after as { created: number; enterpriseIds: number[]; membershipIds: number[] };
    expect(audits[0]).toMatchObject({ actorId: "demo-staff", ip: "203.0.113.9" });
    expect(after.created).toBe(ROWS);
    expect(new Set(after.enterpriseIds).size).toBe(ROWS);
    expect(after.enterpriseIds).toContain(row.e.id);
    expect(after.membershipIds).toContain(row.m.id);
    // Importing the same file again: every row is a duplicate, nothing written.
    const again = await importEnterprises(staff, csvOf(3_100_000, ROWS), null, TODAY);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.problems).toHaveLength(ROWS);
    expect((await counts()).enterprises).toBe(before.enterprises + ROWS);
  });

  it("keeps answering other queries within 1 s while a 2,000-row import runs", async () => {
    let running = true;
    // The time between two answered pings (a ping every 20 ms): it counts both a query waiting for
    // the database and the event loop kept busy by the import's own work.
    const waits: number[] = [];
    let last = performance.now();
    const pings = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 20));
        expect(await pingDb()).toBe(true);
        const now = performance.now();
        waits.push(now - last);
        last = now;
      }
    })();
    const started = performance.now();
    const result = await importEnterprises(staff, csvOf(3_200_000, ROWS), null, TODAY);
    const took = performance.now() - started;
    running = false;
    await pings;
    expect(result).toEqual({ ok: true, created: ROWS });
    console.log(
      `import of ${ROWS} rows: ${Math.round(took)} ms; ${waits.length} pings meanwhile, the longest gap between two answers ${Math.round(Math.max(...waits))} ms`,
    );
    expect(waits.length).toBeGreaterThan(1);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });

  it("an import the process never finished leaves staged rows that the next import deletes", async () => {
    const db = await getDb();
    await db.insert(memberImportRows).values({
      importId: "abandoned",
      line: 2,
      enterprise: {},
      searchText: sql`to_tsvector('simple', 'x')`,
      associationId: 1,
      membershipType: "member",
      stagedAt: new Date(Date.now() - 2 * 86_400_000),
    });
    expect(await importEnterprises(staff, csvOf(3_300_000, 3), null, TODAY)).toEqual({ ok: true, created: 3 });
    expect(
      await db
        .select()
        .from(memberImportRows)
        .where(inArray(memberImportRows.importId, ["abandoned"])),
    ).toEqual([]);
  });
});
