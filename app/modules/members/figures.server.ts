import { and, count, eq, isNotNull } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { associations, enterprises, memberships } from "../../../db/schema/members";

/** The public headline figures, counted from the data (never typed in). */
export async function publicFigures() {
  const db = await getDb();
  const [centre] = await db.select().from(associations).where(eq(associations.kind, "centre")).limit(1);
  const [chambers] = await db
    .select({ n: count() })
    .from(associations)
    .where(and(eq(associations.kind, "chamber"), isNotNull(associations.parentId)));
  if (!centre) return { centreMembers: 0, aboveSize: 0, districtEnterprises: 0, chambers: chambers.n };
  const activeCentre = and(eq(memberships.associationId, centre.id), eq(memberships.status, "active"));
  const [members] = await db.select({ n: count() }).from(memberships).where(activeCentre);
  const [above] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(enterprises, eq(enterprises.id, memberships.enterpriseId))
    .where(and(activeCentre, eq(enterprises.aboveSize, true)));
  return { centreMembers: members.n, aboveSize: above.n, districtEnterprises: centre.districtEnterpriseCount ?? 0, chambers: chambers.n };
}
