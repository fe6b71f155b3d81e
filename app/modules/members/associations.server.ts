import { asc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { associations } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { NOT_FOUND, ok, refuse, unchanged, type CommandResult } from "../../lib/command.server";
import type { Actor } from "../../lib/permissions";
import type { DuesPaymentInput } from "./forms";

/** Every association with where its members pay their dues (the admin's list). */
export async function listDuesPayment() {
  const db = await getDb();
  return db
    .select({
      id: associations.id,
      nameZh: associations.nameZh,
      nameEn: associations.nameEn,
      kind: associations.kind,
      payee: associations.duesPayee,
      bank: associations.duesBank,
      account: associations.duesAccount,
      note: associations.duesNote,
    })
    .from(associations)
    .orderBy(asc(associations.id));
}

/** Sets (or clears, all blank) where an association's members pay their dues; audited. */
export async function setDuesPayment(actor: NonNullable<Actor>, associationId: number, input: DuesPaymentInput, ip: string | null): Promise<CommandResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ payee: associations.duesPayee, bank: associations.duesBank, account: associations.duesAccount, note: associations.duesNote })
      .from(associations)
      .where(eq(associations.id, associationId))
      .for("update");
    if (!before) return refuse(NOT_FOUND);
    const after = { payee: input.payee, bank: input.bank, account: input.account, note: input.note };
    if (JSON.stringify(before) === JSON.stringify(after)) return unchanged();
    await tx
      .update(associations)
      .set({ duesPayee: after.payee, duesBank: after.bank, duesAccount: after.account, duesNote: after.note })
      .where(eq(associations.id, associationId));
    await appendAudit(tx, { actor, action: "association.setDuesPayment", entityType: "association", entityId: associationId, before, after, ip });
    return ok();
  });
}
