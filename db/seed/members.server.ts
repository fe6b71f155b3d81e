/** Demo data of the members area, added after the foundation's demo data (see seedDemo). */
import { asc, eq, isNull } from "drizzle-orm";
import { hashPassword } from "../../app/lib/passwords.server";
import { shanghaiToday } from "../../app/lib/format";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { addDays } from "../../app/modules/members/membership-rules";
import { searchDocument } from "../../app/modules/members/search-text";
import { sql } from "drizzle-orm";
import type { Executor } from "../client.server";
import { users } from "../schema/accounts";
import { associations, dues, enterprises, joinApplications } from "../schema/members";

export async function seedMembersDemo(db: Executor, year: number, today = shanghaiToday()): Promise<void> {
  // Search text (name bigrams) for every demo enterprise.
  const rows = await db.select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode }).from(enterprises);
  for (const r of rows) {
    await db
      .update(enterprises)
      .set({ searchText: sql`to_tsvector('simple', ${searchDocument(r.name, r.creditCode)})` })
      .where(eq(enterprises.id, r.id));
  }
  // The unpaid dues of this year fall due around today (half soon, half just overdue), so the
  // reminders show in the demo and no member lapses at first start: the source's figures hold.
  if (year === Number(today.slice(0, 4))) {
    const unpaid = await db.select({ id: dues.id }).from(dues).where(isNull(dues.paidOn)).orderBy(asc(dues.id));
    for (const [i, d] of unpaid.entries()) {
      await db
        .update(dues)
        .set({ dueOn: i % 2 === 0 ? addDays(today, 20) : addDays(today, -10) })
        .where(eq(dues.id, d.id));
    }
  }
  // One application waiting for staff.
  const [centre] = await db.select().from(associations).where(eq(associations.kind, "centre"));
  await db
    .insert(users)
    .values({ id: "demo-applicant", email: "applicant@demo.test", passwordHash: await hashPassword("yunjiang-demo"), displayName: "郑申请", role: "member" });
  const creditCode = generateCreditCode(900_001);
  await db.insert(joinApplications).values({
    associationId: centre.id,
    applicantUserId: "demo-applicant",
    creditCode,
    profile: {
      name: "瑞安市申请示范鞋业有限公司",
      creditCode,
      legalRep: "郑申请",
      address: "瑞安市云江路88号",
      village: "云江村",
      segment: "soles",
      aboveSize: false,
      annualOutputWan: 8_000_000_00,
      employees: 40,
      exportSharePct: 15,
      contactPerson: "郑申请",
      phone: "13800000088",
      email: "applicant@demo.test",
      publicFields: ["segment", "village"],
    },
  });
}
