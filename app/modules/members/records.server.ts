/** Shared writes of the members area, used inside the callers' transactions. */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.server";
import { dues, duesRates, enterprises, membershipStatusChanges, memberships, type MembershipStatus, type MembershipType } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import { firstDuesDueOn } from "./membership-rules";
import type { EnterpriseProfileInput } from "./forms";
import { searchDocument } from "./search-text";

export async function setSearchText(tx: Executor, enterpriseId: number, name: string, creditCode: string): Promise<void> {
  await tx
    .update(enterprises)
    .set({ searchText: sql`to_tsvector('simple', ${searchDocument(name, creditCode)})` })
    .where(eq(enterprises.id, enterpriseId));
}

export function enterpriseValues(p: EnterpriseProfileInput) {
  return {
    name: p.name,
    creditCode: p.creditCode,
    legalRep: p.legalRep,
    address: p.address,
    village: p.village,
    segment: p.segment,
    aboveSize: p.aboveSize,
    annualOutputFen: p.annualOutputWan,
    employees: p.employees,
    exportSharePct: p.exportSharePct,
    contactPerson: p.contactPerson,
    phone: p.phone,
    email: p.email,
    publicFields: p.publicFields,
  };
}

export async function insertEnterprise(tx: Executor, p: EnterpriseProfileInput, actor: Actor, ip?: string | null) {
  const [row] = await tx.insert(enterprises).values(enterpriseValues(p)).returning();
  await setSearchText(tx, row.id, row.name, row.creditCode);
  const { searchText: _s, ...after } = row;
  await appendAudit(tx, { actor, action: "enterprise.create", entityType: "enterprise", entityId: row.id, after, ip });
  return row;
}

export async function duesAmount(tx: Executor, associationId: number, type: MembershipType): Promise<number> {
  const [rate] = await tx
    .select({ amountFen: duesRates.amountFen })
    .from(duesRates)
    .where(and(eq(duesRates.associationId, associationId), eq(duesRates.type, type)));
  return rate?.amountFen ?? 0;
}

/** An active membership with its first status row and this year's dues; audited. */
export async function createActiveMembership(
  tx: Executor,
  input: { enterpriseId: number; associationId: number; type: MembershipType; today: string; reason?: string | null },
  actor: Actor,
  ip?: string | null,
) {
  const status: MembershipStatus = "active";
  const [m] = await tx
    .insert(memberships)
    .values({
      enterpriseId: input.enterpriseId,
      associationId: input.associationId,
      type: input.type,
      status,
      joinedOn: input.today,
      statusReason: input.reason ?? null,
    })
    .returning();
  await tx
    .insert(membershipStatusChanges)
    .values({ membershipId: m.id, fromStatus: null, toStatus: status, reason: input.reason ?? null, changedBy: actor?.userId ?? null });
  const year = Number(input.today.slice(0, 4));
  const [d] = await tx
    .insert(dues)
    .values({ membershipId: m.id, year, amountFen: await duesAmount(tx, input.associationId, input.type), dueOn: firstDuesDueOn(input.today) })
    .returning();
  await appendAudit(tx, { actor, action: "membership.create", entityType: "membership", entityId: m.id, after: { membership: m, dues: d }, ip });
  return m;
}
