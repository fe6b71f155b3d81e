import { and, asc, eq, isNull, ne, notInArray, or } from "drizzle-orm";
import type { Executor } from "../../db/client.server";
import { enterpriseUsers } from "../../db/schema/members";
import { departments } from "../../db/schema/organisations";
import { ticketAttachments, tickets, visits } from "../../db/schema/tickets";

/**
 * Placeholders of the access matrix ("/tickets/{ticketOfMember}"), resolved against the demo data.
 * Each capability adds its resolvers here.
 */
export type Resolver = (db: Executor) => Promise<string | number>;

async function memberEnterpriseIds(db: Executor): Promise<number[]> {
  const rows = await db.select({ id: enterpriseUsers.enterpriseId }).from(enterpriseUsers).where(eq(enterpriseUsers.userId, "demo-member"));
  return rows.map((r) => r.id);
}

async function taxId(db: Executor): Promise<number> {
  const [tax] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, "tax"));
  return tax.id;
}

export const fixtures: Record<string, Resolver> = {
  /** A problem of member@'s enterprise, referred to the tax bureau (dept@ sees it too). */
  ticketOfMember: async (db) => {
    const [row] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.enterpriseId, (await memberEnterpriseIds(db))[0]), eq(tickets.departmentId, await taxId(db)), eq(tickets.status, "referred")))
      .orderBy(asc(tickets.id))
      .limit(1);
    return row.id;
  },
  /** A problem of member@'s enterprise that carries an attachment (not referred anywhere). */
  ticketWithAttachment: async (db) => {
    const [row] = await db.select({ id: ticketAttachments.ticketId }).from(ticketAttachments).orderBy(asc(ticketAttachments.id)).limit(1);
    return row.id;
  },
  attachmentOfMember: async (db) => {
    const [row] = await db.select({ id: ticketAttachments.id }).from(ticketAttachments).orderBy(asc(ticketAttachments.id)).limit(1);
    return row.id;
  },
  /** A problem of another enterprise, not referred to the tax bureau: neither member@ nor dept@ may see it. */
  ticketOfOther: async (db) => {
    const [row] = await db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(notInArray(tickets.enterpriseId, await memberEnterpriseIds(db)), or(isNull(tickets.departmentId), ne(tickets.departmentId, await taxId(db)))))
      .orderBy(asc(tickets.id))
      .limit(1);
    return row.id;
  },
  visit: async (db) => {
    const [row] = await db.select({ id: visits.id }).from(visits).orderBy(asc(visits.id)).limit(1);
    return row.id;
  },
};
