import { and, count, eq, inArray, notInArray } from "drizzle-orm";
import { getDb, type Tx } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { disputeCases, disputeStationPeople, disputeStations } from "../../../db/schema/disputes";
import { appendAudit } from "../../lib/audit.server";
import { NOT_FOUND, ok, refuse, type CommandResult } from "../../lib/command.server";
import type { Role } from "../accounts/constants";
import type { DisputeStatus, StationRole } from "./constants";

type SignedIn = NonNullable<import("../../lib/permissions").Actor>;

/** The place a user of this role holds at a station, or none: only staff, admins and mediators work there. */
export function stationRoleFor(role: Role): StationRole | null {
  if (role === "staff" || role === "admin") return "staff";
  if (role === "mediator") return "mediator";
  return null;
}

// A mediator's case is still in hand until it ends one way or another.
const endedForMediator: DisputeStatus[] = ["declined", "respondent_declined", "failed", "referred", "judicial_confirmed", "judicial_refused", "closed"];

/** The stations a user works at. */
export async function stationIdsOf(userId: string): Promise<number[]> {
  const db = await getDb();
  const rows = await db.select({ id: disputeStationPeople.stationId }).from(disputeStationPeople).where(eq(disputeStationPeople.userId, userId));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Sets the shared-court stations a staff user or mediator works at (an admin's screen). A mediator
 * cannot leave a station while a case there is still in their hands: those are reassigned first.
 */
export async function setStationsOfUser(
  actor: SignedIn,
  userId: string,
  stationIds: number[],
  ip: string | null,
): Promise<CommandResult<{ added: number; removed: number }>> {
  const wanted = [...new Set(stationIds)].sort((a, b) => a - b);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) return refuse(NOT_FOUND);
    const role = stationRoleFor(user.role);
    if (!role) return refuse("disputes:stations.errors.notStationRole", "stations");
    if (wanted.length) {
      const found = await tx.select({ id: disputeStations.id }).from(disputeStations).where(inArray(disputeStations.id, wanted));
      if (found.length !== wanted.length) return refuse("common:forms.choose", "stations");
    }
    const before = (await tx.select({ id: disputeStationPeople.stationId }).from(disputeStationPeople).where(eq(disputeStationPeople.userId, userId)))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const leaving = before.filter((id) => !wanted.includes(id));
    const joining = wanted.filter((id) => !before.includes(id));
    if (!leaving.length && !joining.length) return ok({ added: 0, removed: 0 });
    if (role === "mediator" && leaving.length) {
      const [open] = await tx
        .select({ n: count() })
        .from(disputeCases)
        .where(and(eq(disputeCases.mediatorId, userId), inArray(disputeCases.stationId, leaving), notInArray(disputeCases.status, endedForMediator)));
      if (open && open.n > 0) return refuse("disputes:stations.errors.openCases", "stations");
    }
    if (leaving.length)
      await tx.delete(disputeStationPeople).where(and(eq(disputeStationPeople.userId, userId), inArray(disputeStationPeople.stationId, leaving)));
    if (joining.length) await tx.insert(disputeStationPeople).values(joining.map((stationId) => ({ stationId, userId, role })));
    await appendAudit(tx, {
      actor,
      action: "user.setStations",
      entityType: "user",
      entityId: userId,
      before: { stations: before },
      after: { stations: wanted },
      ip,
    });
    return ok({ added: joining.length, removed: leaving.length });
  });
}

/** After a role change: the user's places follow the new role, or end if it works at no station. */
export async function followRoleAtStations(tx: Tx, userId: string, role: Role): Promise<void> {
  const place = stationRoleFor(role);
  if (!place) await tx.delete(disputeStationPeople).where(eq(disputeStationPeople.userId, userId));
  else await tx.update(disputeStationPeople).set({ role: place }).where(eq(disputeStationPeople.userId, userId));
}
