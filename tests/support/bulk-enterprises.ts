// Member enterprises in bulk for the benches (tests/bench): the demo's name, village and address
// generators, each with one or two memberships in the seeded associations, inserted 1,000 at a time.
import { count, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.server";
import { associations, enterprises, memberships } from "../../db/schema/members";
import { address, enterpriseName, personName, phone, village } from "../../db/seed/demo-names";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { membershipStatuses, membershipTypes, segments } from "../../app/modules/members/constants";
import { searchDocument } from "../../app/modules/members/search-text";

/** Adds enterprises until there are `total`; returns how many it added. Credit codes from 4,000,000 up (the demo's are far below). */
export async function topUpEnterprises(db: Executor, total: number): Promise<number> {
  const [{ n: existing }] = await db.select({ n: count() }).from(enterprises);
  const assocIds = (await db.select({ id: associations.id }).from(associations).orderBy(associations.id)).map((a) => a.id);
  if (assocIds.length === 0) throw new Error("seed the demo first: no associations");
  for (let from = existing; from < total; from += 1000) {
    const chunk = Array.from({ length: Math.min(1000, total - from) }, (_, k) => from + k);
    const rows = chunk.map((i) => {
      const name = `${enterpriseName(i)}${i}`;
      const creditCode = generateCreditCode(4_000_000 + i);
      return {
        name,
        creditCode,
        legalRep: personName(i),
        address: address(i),
        village: village(i),
        segment: segments[i % segments.length],
        aboveSize: i % 5 === 0,
        annualOutputFen: (1 + (i % 97)) * 1_000_000_00,
        employees: 10 + (i % 300),
        exportSharePct: i % 60,
        contactPerson: personName(i + 1),
        phone: phone(i),
        searchText: sql`to_tsvector('simple', ${searchDocument(name, creditCode)})`,
      };
    });
    const ids = await db.insert(enterprises).values(rows).returning({ id: enterprises.id });
    // The federation-wide centre or a chamber for every firm; every third also a second association.
    const links = ids.flatMap(({ id }, k) => {
      const i = chunk[k];
      const first = assocIds[i % assocIds.length];
      const second = assocIds[(i * 7 + 1) % assocIds.length];
      const one = {
        enterpriseId: id,
        associationId: first,
        type: membershipTypes[i % 11 === 0 ? 1 : 0],
        status: membershipStatuses[i % 13 === 0 ? 2 : 1],
        joinedOn: "2024-01-01",
      };
      return i % 3 === 0 && second !== first ? [one, { ...one, associationId: second, type: membershipTypes[0] }] : [one];
    });
    await db.insert(memberships).values(links);
  }
  return Math.max(0, total - existing);
}
