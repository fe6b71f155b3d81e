import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { financeProfiles } from "../../../db/schema/finance";
import { enterprises } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { NOT_FOUND, ok, refuse, unchanged, type CommandResult } from "../../lib/command.server";
import type { Actor } from "../../lib/permissions";

type SignedIn = NonNullable<Actor>;
export type LiaisonInput = { liaisonUserId: string | null; inRenewalService: boolean };

/** Who may be a finance liaison: an active (not disabled) staff user or admin. The choices and the check agree. */
const activeStaffOrAdmin = () => and(inArray(users.role, ["staff", "admin"]), isNull(users.disabledAt));

/** The staff users who can be an enterprise's finance liaison (active staff and admins), by name. */
export async function liaisonChoices() {
  const db = await getDb();
  return db.select({ id: users.id, name: users.displayName }).from(users).where(activeStaffOrAdmin()).orderBy(asc(users.displayName));
}

/** An enterprise's finance side as the liaison screen shows it. */
export async function financeSideOf(enterpriseId: number): Promise<LiaisonInput> {
  const db = await getDb();
  const [row] = await db
    .select({ liaisonUserId: financeProfiles.liaisonUserId, inRenewalService: financeProfiles.inRenewalService })
    .from(financeProfiles)
    .where(eq(financeProfiles.enterpriseId, enterpriseId));
  return row ?? { liaisonUserId: null, inRenewalService: false };
}

/**
 * Sets an enterprise's finance liaison and renewal-service flag (audited). The liaison is then the
 * one flagged for the enterprise's waiting needs and maturing loans.
 */
export async function setFinanceLiaison(actor: SignedIn, enterpriseId: number, input: LiaisonInput, ip: string | null): Promise<CommandResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [enterprise] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, enterpriseId));
    if (!enterprise) return refuse(NOT_FOUND);
    if (input.liaisonUserId) {
      const [liaison] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.liaisonUserId), activeStaffOrAdmin()));
      if (!liaison) return refuse("finance:liaison.errors.notStaff", "liaisonUserId");
    }
    const [before] = await tx
      .select({ liaisonUserId: financeProfiles.liaisonUserId, inRenewalService: financeProfiles.inRenewalService })
      .from(financeProfiles)
      .where(eq(financeProfiles.enterpriseId, enterpriseId))
      .for("update");
    if (before && before.liaisonUserId === input.liaisonUserId && before.inRenewalService === input.inRenewalService) return unchanged();
    const after = { liaisonUserId: input.liaisonUserId, inRenewalService: input.inRenewalService, updatedAt: new Date() };
    await tx
      .insert(financeProfiles)
      .values({ enterpriseId, ...after })
      .onConflictDoUpdate({ target: financeProfiles.enterpriseId, set: after });
    await appendAudit(tx, {
      actor,
      action: "finance.setLiaison",
      entityType: "enterprise",
      entityId: String(enterpriseId),
      before: before ?? null,
      after: input,
      ip,
    });
    return ok();
  });
}
