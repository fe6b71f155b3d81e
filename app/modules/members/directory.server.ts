/** The public member directory: enterprises with an active membership, public fields only. */
import { and, asc, count, eq, ilike, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { enterprises, memberships, type PublicField, type Segment } from "../../../db/schema/members";
import { searchQuery, searchWords } from "./search-text";

export const DIRECTORY_PAGE_SIZE = 20;

export type DirectoryFilters = { q?: string; association?: number; segment?: Segment };

export async function listDirectory(f: DirectoryFilters, page: number) {
  const db = await getDb();
  const m: SQL[] = [eq(memberships.enterpriseId, enterprises.id), eq(memberships.status, "active")];
  if (f.association) m.push(eq(memberships.associationId, f.association));
  const conditions: SQL[] = [sql`exists (select 1 from ${memberships} where ${and(...m)})`];
  if (f.segment) conditions.push(eq(enterprises.segment, f.segment));
  if (f.q) {
    // The search index also holds the credit code (staff search by it); the public directory shows
    // only the name, so every word of the term must be in the name: the index narrows, the name decides.
    const tsq = searchQuery(f.q);
    if (tsq) conditions.push(sql`${enterprises.searchText} @@ to_tsquery('simple', ${tsq})`);
    const words = searchWords(f.q);
    for (const word of words.length ? words : [f.q]) conditions.push(ilike(enterprises.name, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  const where = and(...conditions);
  const [total] = await db.select({ n: count() }).from(enterprises).where(where);
  const rows = await db
    .select()
    .from(enterprises)
    .where(where)
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(DIRECTORY_PAGE_SIZE)
    .offset((page - 1) * DIRECTORY_PAGE_SIZE);
  // Only what the enterprise chose to show leaves the server (name and segment always).
  return {
    total: total.n,
    rows: rows.map((e) => {
      const shown = new Set<PublicField>(e.publicFields);
      const pick = <T>(field: PublicField, value: T) => (shown.has(field) ? value : null);
      return {
        id: e.id,
        name: e.name,
        segment: e.segment,
        legalRep: pick("legalRep", e.legalRep),
        address: pick("address", e.address),
        village: pick("village", e.village),
        contactPerson: pick("contactPerson", e.contactPerson),
        phone: pick("phone", e.phone),
        email: pick("email", e.email),
        employees: pick("employees", e.employees),
      };
    }),
  };
}
