import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import {
  disputeCases,
  disputeEvents,
  disputeReminders,
  disputeSessions,
  disputeStationPeople,
  disputeStations,
  type DeadlineKind,
  type DisputeEventKind,
  type DisputeStatus,
} from "../../../db/schema/disputes";
import { associations, enterpriseUsers, enterprises } from "../../../db/schema/members";
import { appendAudit } from "../../lib/audit.server";
import { filesOf, findFile, recordUploads, type StagedUpload } from "../../lib/uploads.server";
import type { Actor } from "../../lib/permissions";
import { notify, type Notice } from "../notifications/notifications.server";
import { CASE_FILE_OWNER } from "./evidence.server";
import { REMIND_BEFORE_DAYS, clockRuns, confirmationDue, deadlinesOf, extendDue, mediationDue, reminderDue } from "./deadlines";
import type { CaseFilter, FileCaseInput } from "./forms";
import { actionsFrom, canRecordMinutes, canScheduleSession, settlementAfterConfirmation, transition, type CaseRole, type DisputeAction } from "./state-machine";

type SignedIn = NonNullable<Actor>;
export type DisputeCase = typeof disputeCases.$inferSelect;
export type CommandResult = { ok: true; case: DisputeCase } | { ok: false; error: string };
export type Options = { now?: Date; db?: Executor; ip?: string | null };

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}

// ---------------------------------------------------------------------------------------------
// Confidentiality: only the parties' users, the assigned mediator and the station's staff see a
// case. Everyone else (another member, another mediator, staff of another station, department,
// bank, seeker, an admin who is not on the station) finds nothing: the routes answer 404.

function stationsStaffedBy(userId: string): SQL {
  return sql`(select ${disputeStationPeople.stationId} from ${disputeStationPeople} where ${disputeStationPeople.userId} = ${userId} and ${disputeStationPeople.role} = 'staff')`;
}

export function caseScope(actor: SignedIn): SQL {
  if (actor.role === "member") {
    if (!actor.enterpriseIds.length) return sql`false`;
    return or(inArray(disputeCases.applicantEnterpriseId, actor.enterpriseIds), inArray(disputeCases.respondentEnterpriseId, actor.enterpriseIds))!;
  }
  if (actor.role === "mediator") return eq(disputeCases.mediatorId, actor.userId);
  if (actor.role === "staff" || actor.role === "admin") return sql`${disputeCases.stationId} in ${stationsStaffedBy(actor.userId)}`;
  return sql`false`;
}

async function isStationStaff(db: Executor, actor: SignedIn, stationId: number): Promise<boolean> {
  if (actor.role !== "staff" && actor.role !== "admin") return false;
  const [row] = await db
    .select({ one: sql`1` })
    .from(disputeStationPeople)
    .where(and(eq(disputeStationPeople.stationId, stationId), eq(disputeStationPeople.userId, actor.userId), eq(disputeStationPeople.role, "staff")));
  return Boolean(row);
}

/** The actor's places on a case (a user may be both station staff and nothing else, a member one side). */
export function rolesOn(actor: SignedIn, c: DisputeCase, stationStaff: boolean): CaseRole[] {
  const roles: CaseRole[] = [];
  if (stationStaff) roles.push("station");
  if (actor.role === "mediator" && c.mediatorId === actor.userId) roles.push("mediator");
  if (actor.role === "member" && actor.enterpriseIds.includes(c.applicantEnterpriseId)) roles.push("applicant");
  if (actor.role === "member" && c.respondentEnterpriseId !== null && actor.enterpriseIds.includes(c.respondentEnterpriseId)) roles.push("respondent");
  return roles;
}

async function loadScoped(tx: Executor, actor: SignedIn, id: number, lock = false): Promise<DisputeCase | null> {
  const q = tx
    .select()
    .from(disputeCases)
    .where(and(eq(disputeCases.id, id), caseScope(actor)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Who hears of what

async function enterpriseUserIds(tx: Executor, enterpriseId: number | null): Promise<string[]> {
  if (enterpriseId === null) return [];
  const rows = await tx.select({ id: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, enterpriseId));
  return rows.map((r) => r.id);
}

async function stationStaffIds(tx: Executor, stationId: number): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(disputeStationPeople)
    .innerJoin(users, eq(users.id, disputeStationPeople.userId))
    .where(and(eq(disputeStationPeople.stationId, stationId), eq(disputeStationPeople.role, "staff"), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

type Audience = "parties" | "station" | "mediator";

async function recipients(tx: Executor, c: DisputeCase, who: Audience[]): Promise<string[]> {
  const ids: string[] = [];
  if (who.includes("parties")) ids.push(...(await enterpriseUserIds(tx, c.applicantEnterpriseId)), ...(await enterpriseUserIds(tx, c.respondentEnterpriseId)));
  if (who.includes("station")) ids.push(...(await stationStaffIds(tx, c.stationId)));
  if (who.includes("mediator") && c.mediatorId) ids.push(c.mediatorId);
  return ids;
}

function noticesFor(userIds: string[], actor: Actor, messageKey: string, c: DisputeCase, params: Record<string, string | number> = {}): Notice[] {
  return [...new Set(userIds)]
    .filter((u) => u !== actor?.userId)
    .map((userId) => ({ userId, messageKey, params: { code: c.code, ...params }, link: `/disputes/${c.id}` }));
}

async function addEvent(
  tx: Executor,
  caseId: number,
  actor: Actor,
  kind: DisputeEventKind,
  now: Date,
  extra: { from?: DisputeStatus; to?: DisputeStatus; body?: string | null } = {},
) {
  await tx.insert(disputeEvents).values({
    caseId,
    at: now,
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? null,
    kind,
    fromStatus: extra.from ?? null,
    toStatus: extra.to ?? null,
    body: extra.body ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Commands

type Change = { set: Partial<typeof disputeCases.$inferInsert>; event?: DisputeEventKind; body?: string | null; notices?: Notice[]; to?: DisputeStatus };

/**
 * Runs one command on a case: scoped load with a row lock, the actor's places on the case, the
 * state machine, the change, its timeline event, the audit row and the notices, in one transaction.
 */
async function command(
  actor: SignedIn,
  id: number,
  action: DisputeAction | null,
  opts: Options,
  body: (tx: Tx, c: DisputeCase, ctx: { to: DisputeStatus; now: Date; roles: CaseRole[] }) => Promise<Change | { error: string }>,
  // Steps that change no status are audited under their own name.
  auditAction: DisputeAction | "update" | "scheduleSession" | "recordMinutes" | "requestExtension" | "consentExtension" | "addEvidence" = action ?? "update",
): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  return db.transaction(async (tx) => {
    const c = await loadScoped(tx, actor, id, true);
    if (!c) return { ok: false as const, error: "notFound" };
    const roles = rolesOn(actor, c, await isStationStaff(tx, actor, c.stationId));
    let to = c.status;
    if (action) {
      const step = transition(c.status, action, roles);
      if (!step.ok) return { ok: false as const, error: step.error };
      to = step.to;
    }
    const change = await body(tx, c, { to, now, roles });
    if ("error" in change) return { ok: false as const, error: change.error };
    const finalTo = change.to ?? to;
    const [after] = await tx
      .update(disputeCases)
      .set({ ...change.set, status: finalTo, updatedAt: now })
      .where(eq(disputeCases.id, id))
      .returning();
    if (change.event)
      await addEvent(tx, id, actor, change.event, now, {
        from: c.status !== finalTo ? c.status : undefined,
        to: c.status !== finalTo ? finalTo : undefined,
        body: change.body ?? null,
      });
    await appendAudit(tx, { actor, action: `dispute.${auditAction}`, entityType: "dispute_case", entityId: id, before: c, after, ip: opts.ip ?? null });
    await notify(tx, change.notices ?? []);
    return { ok: true as const, case: after };
  });
}

/** The next case code of a station: JF + year + station number + a four-digit sequence (解纷码). */
async function nextCode(tx: Executor, stationNumber: number, stationId: number, now: Date): Promise<string> {
  const year = Number(new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 4));
  const prefix = `JF${year}${String(stationNumber).padStart(2, "0")}`;
  const [row] = await tx
    .select({ n: count() })
    .from(disputeCases)
    .where(and(eq(disputeCases.stationId, stationId), ilike(disputeCases.code, `${prefix}%`)));
  return `${prefix}${String(row.n + 1).padStart(4, "0")}`;
}

/** A member files a case for one of its enterprises, with evidence staged by receiveEvidenceForm. */
export async function fileCase(actor: SignedIn, input: FileCaseInput, files: StagedUpload[] = [], opts: Options = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  const db = opts.db ?? (await getDb());
  if (actor.role !== "member" || !actor.enterpriseIds.includes(input.applicantEnterpriseId)) return { ok: false, error: "disputes:errors.applicant" };
  return db.transaction(async (tx) => {
    // The station row is locked: two cases filed at once get consecutive codes.
    const [station] = await tx.select().from(disputeStations).where(eq(disputeStations.id, input.stationId)).for("update");
    if (!station) return { ok: false as const, error: "disputes:errors.station" };
    let respondentName = input.respondentName ?? "";
    let respondentCreditCode = input.respondentCreditCode;
    let respondentEnterpriseId: number | null = null;
    if (input.respondentKind === "member") {
      if (input.respondentEnterpriseId === input.applicantEnterpriseId) return { ok: false as const, error: "disputes:errors.sameParty" };
      const [e] = await tx
        .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
        .from(enterprises)
        .where(eq(enterprises.id, input.respondentEnterpriseId!));
      if (!e) return { ok: false as const, error: "disputes:errors.respondentEnterprise" };
      respondentEnterpriseId = e.id;
      respondentName = e.name;
      respondentCreditCode = e.creditCode;
    }
    const code = await nextCode(tx, station.number, station.id, now);
    const [c] = await tx
      .insert(disputeCases)
      .values({
        code,
        stationId: station.id,
        applicantEnterpriseId: input.applicantEnterpriseId,
        respondentEnterpriseId,
        respondentName,
        respondentCreditCode,
        respondentContact: input.respondentKind === "outside" ? input.respondentContact : null,
        type: input.type,
        amountFen: input.amountYuan,
        facts: input.facts,
        request: input.request,
        consentToMediation: input.consent,
        filedBy: actor.userId,
        filedAt: now,
        updatedAt: now,
      })
      .returning();
    await addEvent(tx, c.id, actor, "filed", now, { to: "filed" });
    await recordUploads(tx, files, { ownerKind: CASE_FILE_OWNER, ownerId: c.id, actor, at: now, ip: opts.ip ?? null });
    await appendAudit(tx, {
      actor,
      action: "dispute.file",
      entityType: "dispute_case",
      entityId: c.id,
      after: { ...c, evidence: files.length },
      ip: opts.ip ?? null,
    });
    await notify(tx, noticesFor(await stationStaffIds(tx, station.id), actor, "disputes:notify.filed", c));
    return { ok: true as const, case: c };
  });
}

export function acceptCase(actor: SignedIn, id: number, opts: Options = {}) {
  return command(actor, id, "accept", opts, async (tx, c, { now }) => ({
    set: { acceptedAt: now, mediationDueAt: mediationDue(now) },
    event: "accepted",
    notices: noticesFor(await recipients(tx, c, ["parties"]), actor, "disputes:notify.accepted", c),
  }));
}

export function declineCase(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return command(actor, id, "decline", opts, async (tx, c) => ({
    set: { declineReason: reason, closedAt: opts.now ?? new Date() },
    event: "declined",
    body: reason,
    notices: noticesFor(await enterpriseUserIds(tx, c.applicantEnterpriseId), actor, "disputes:notify.declined", c),
  }));
}

export function assignMediator(actor: SignedIn, id: number, mediatorId: string, opts: Options = {}) {
  return command(actor, id, "assignMediator", opts, async (tx, c) => {
    const [m] = await tx
      .select({ id: users.id, name: users.displayName })
      .from(disputeStationPeople)
      .innerJoin(users, eq(users.id, disputeStationPeople.userId))
      .where(
        and(
          eq(disputeStationPeople.stationId, c.stationId),
          eq(disputeStationPeople.userId, mediatorId),
          eq(disputeStationPeople.role, "mediator"),
          eq(users.role, "mediator"),
          isNull(users.disabledAt),
        ),
      );
    if (!m) return { error: "disputes:errors.mediator" };
    return {
      set: { mediatorId: m.id },
      event: "mediator_assigned",
      body: m.name,
      notices: [
        ...noticesFor([m.id], actor, "disputes:notify.assigned", c),
        ...noticesFor(await enterpriseUserIds(tx, c.applicantEnterpriseId), actor, "disputes:notify.mediatorAssigned", c, { mediator: m.name }),
      ],
    };
  });
}

export function inviteRespondent(actor: SignedIn, id: number, opts: Options = {}) {
  return command(actor, id, "inviteRespondent", opts, async (tx, c, { now }) => ({
    set: { invitedAt: now },
    event: "respondent_invited",
    notices: [
      ...noticesFor(await enterpriseUserIds(tx, c.respondentEnterpriseId), actor, "disputes:notify.invited", c),
      ...noticesFor(await recipients(tx, c, ["station"]), actor, "disputes:notify.invitedStation", c),
    ],
  }));
}

/** The respondent agrees to mediation or declines it (a member in the portal; staff record an outside party's answer). */
export function answerInvitation(actor: SignedIn, id: number, input: { answer: "agree" | "decline"; note: string | null }, opts: Options = {}) {
  const action = input.answer === "agree" ? "respondentAgree" : "respondentDecline";
  return command(actor, id, action, opts, async (tx, c, { now, roles }) => {
    // Station staff answer only for an outside respondent; a member respondent answers for itself.
    if (!roles.includes("respondent") && c.respondentEnterpriseId !== null) return { error: "disputes:errors.memberRespondentAnswers" };
    return {
      set: { respondentAnswer: input.note, respondentAnsweredAt: now },
      event: input.answer === "agree" ? "respondent_agreed" : "respondent_declined",
      body: input.note,
      notices: noticesFor(
        await recipients(tx, c, ["parties", "station", "mediator"]),
        actor,
        input.answer === "agree" ? "disputes:notify.respondentAgreed" : "disputes:notify.respondentDeclined",
        c,
      ),
    };
  });
}

export function scheduleSession(
  actor: SignedIn,
  id: number,
  input: { mode: "online" | "in_person"; startsAt: Date; place: string | null; link: string | null },
  opts: Options = {},
) {
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, c, { now, roles }) => {
      if (!roles.includes("mediator") && !roles.includes("station")) return { error: "disputes:errors.notYours" };
      if (!canScheduleSession(c.status)) return { error: "disputes:errors.illegalTransition" };
      await tx.insert(disputeSessions).values({
        caseId: c.id,
        mode: input.mode,
        startsAt: input.startsAt,
        place: input.mode === "in_person" ? input.place : null,
        link: input.mode === "online" ? input.link : null,
        createdBy: actor.userId,
        createdAt: now,
      });
      const when = input.startsAt.toISOString();
      return {
        set: {},
        event: "session_scheduled",
        body: input.mode === "online" ? input.link : input.place,
        notices: noticesFor(await recipients(tx, c, ["parties", "station", "mediator"]), actor, "disputes:notify.session", c, { when }),
      };
    },
    "scheduleSession",
  );
}

export function recordMinutes(actor: SignedIn, id: number, input: { sessionId: number; minutes: string }, opts: Options = {}) {
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, c, { now, roles }) => {
      if (!roles.includes("mediator")) return { error: "disputes:errors.notYours" };
      if (!canRecordMinutes(c.status)) return { error: "disputes:errors.illegalTransition" };
      const [s] = await tx
        .update(disputeSessions)
        .set({ minutes: input.minutes, minutesAt: now })
        .where(and(eq(disputeSessions.id, input.sessionId), eq(disputeSessions.caseId, c.id)))
        .returning();
      if (!s) return { error: "disputes:errors.session" };
      return { set: {}, event: "minutes_recorded", notices: [] };
    },
    "recordMinutes",
  );
}

export function draftAgreement(actor: SignedIn, id: number, input: { terms: string; amountYuan: number }, opts: Options = {}) {
  return command(actor, id, "draftAgreement", opts, async (tx, c, { now }) => ({
    set: {
      agreementTerms: input.terms,
      agreementAmountFen: input.amountYuan,
      agreementDraftedAt: now,
      applicantConfirmedAt: null,
      applicantConfirmedBy: null,
      respondentConfirmedAt: null,
      respondentConfirmedBy: null,
    },
    event: "agreement_drafted",
    notices: noticesFor(await recipients(tx, c, ["parties", "station"]), actor, "disputes:notify.agreementDrafted", c),
  }));
}

/**
 * A party confirms the agreement (station staff for an outside respondent). The case is settled
 * only once both sides have confirmed; the judicial-confirmation clock starts then.
 */
export function confirmAgreement(actor: SignedIn, id: number, opts: Options = {}) {
  return command(actor, id, "confirmAgreement", opts, async (tx, c, { now, roles }) => {
    const set: Partial<typeof disputeCases.$inferInsert> = {};
    let side: "applicant" | "respondent" | null = null;
    if (roles.includes("applicant") && !c.applicantConfirmedAt) side = "applicant";
    else if (roles.includes("respondent") && !c.respondentConfirmedAt) side = "respondent";
    else if (roles.includes("station") && c.respondentEnterpriseId === null && !c.respondentConfirmedAt) side = "respondent";
    if (!side) return { error: roles.includes("applicant") || roles.includes("respondent") ? "disputes:errors.alreadyConfirmed" : "disputes:errors.notYours" };
    if (side === "applicant") Object.assign(set, { applicantConfirmedAt: now, applicantConfirmedBy: actor.userId });
    else Object.assign(set, { respondentConfirmedAt: now, respondentConfirmedBy: actor.userId });
    const to = settlementAfterConfirmation({
      applicant: side === "applicant" || Boolean(c.applicantConfirmedAt),
      respondent: side === "respondent" || Boolean(c.respondentConfirmedAt),
    });
    if (to === "settled") Object.assign(set, { settledAt: now, confirmationDueAt: confirmationDue(now) });
    return {
      set,
      to,
      event: to === "settled" ? "settled" : "agreement_confirmed",
      body: side,
      notices: noticesFor(
        await recipients(tx, c, ["parties", "station", "mediator"]),
        actor,
        to === "settled" ? "disputes:notify.settled" : "disputes:notify.confirmed",
        c,
      ),
    };
  });
}

export function rejectAgreement(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return command(actor, id, "rejectAgreement", opts, async (tx, c, { roles }) => {
    if (roles.includes("station") && !roles.includes("applicant") && c.respondentEnterpriseId !== null)
      return { error: "disputes:errors.memberRespondentAnswers" };
    return {
      set: { applicantConfirmedAt: null, applicantConfirmedBy: null, respondentConfirmedAt: null, respondentConfirmedBy: null },
      event: "agreement_rejected",
      body: reason,
      notices: noticesFor(await recipients(tx, c, ["parties", "station", "mediator"]), actor, "disputes:notify.agreementRejected", c),
    };
  });
}

export function failMediation(actor: SignedIn, id: number, reason: string, opts: Options = {}) {
  return command(actor, id, "fail", opts, async (tx, c, { now }) => ({
    set: { failedAt: now, failReason: reason },
    event: "failed",
    body: reason,
    notices: noticesFor(await recipients(tx, c, ["parties", "station"]), actor, "disputes:notify.failed", c),
  }));
}

export function referToCourt(actor: SignedIn, id: number, input: { court: string; caseNumber: string | null; date: string }, opts: Options = {}) {
  return command(actor, id, "referToCourt", opts, async (tx, c, { now }) => ({
    set: { referredAt: now, referralCourt: input.court, referralCaseNumber: input.caseNumber, referralDate: input.date },
    event: "referred",
    body: input.court,
    notices: noticesFor(await recipients(tx, c, ["parties", "mediator"]), actor, "disputes:notify.referred", c, { court: input.court }),
  }));
}

export function applyJudicial(actor: SignedIn, id: number, input: { court: string; caseNumber: string | null }, opts: Options = {}) {
  return command(actor, id, "applyJudicial", opts, async (tx, c, { now }) => ({
    set: { judicialAppliedAt: now, judicialCourt: input.court, judicialCaseNumber: input.caseNumber },
    event: "judicial_applied",
    body: input.court,
    notices: noticesFor(await recipients(tx, c, ["parties", "station", "mediator"]), actor, "disputes:notify.judicialApplied", c),
  }));
}

export function decideJudicial(actor: SignedIn, id: number, input: { decision: "confirmed" | "refused"; note: string | null }, opts: Options = {}) {
  return command(actor, id, input.decision === "confirmed" ? "confirmJudicial" : "refuseJudicial", opts, async (tx, c, { now }) => ({
    set: { judicialDecidedAt: now, judicialDecision: input.decision, judicialNote: input.note },
    event: input.decision === "confirmed" ? "judicial_confirmed" : "judicial_refused",
    body: input.note,
    notices: noticesFor(
      await recipients(tx, c, ["parties", "mediator"]),
      actor,
      input.decision === "confirmed" ? "disputes:notify.judicialConfirmed" : "disputes:notify.judicialRefused",
      c,
    ),
  }));
}

export function closeCase(actor: SignedIn, id: number, opts: Options = {}) {
  return command(actor, id, "close", opts, async (tx, c, { now }) => ({
    set: { closedAt: now },
    event: "closed",
    notices: noticesFor(await recipients(tx, c, ["parties", "mediator"]), actor, "disputes:notify.closed", c),
  }));
}

/** The mediator (or station staff) asks both parties to extend the mediation by some days. */
export function requestExtension(actor: SignedIn, id: number, input: { days: number; reason: string }, opts: Options = {}) {
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, c, { roles }) => {
      if (!roles.includes("mediator") && !roles.includes("station")) return { error: "disputes:errors.notYours" };
      if (!clockRuns("mediation", c.status) || !c.mediationDueAt) return { error: "disputes:errors.illegalTransition" };
      if (c.extensionDays !== null) return { error: "disputes:errors.extensionPending" };
      return {
        set: { extensionDays: input.days, extensionReason: input.reason, extensionApplicantConsentAt: null, extensionRespondentConsentAt: null },
        event: "extension_requested",
        body: `${input.days} · ${input.reason}`,
        notices: noticesFor(await recipients(tx, c, ["parties", "station"]), actor, "disputes:notify.extensionRequested", c, { days: input.days }),
      };
    },
    "requestExtension",
  );
}

/**
 * A party consents to the extension asked for (station staff record an outside respondent's
 * consent). With both consents the mediation deadline moves by the days asked for.
 */
export function consentExtension(actor: SignedIn, id: number, opts: Options = {}) {
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, c, { now, roles }) => {
      if (c.extensionDays === null || !clockRuns("mediation", c.status) || !c.mediationDueAt) return { error: "disputes:errors.noExtension" };
      const set: Partial<typeof disputeCases.$inferInsert> = {};
      let side: "applicant" | "respondent" | null = null;
      if (roles.includes("applicant") && !c.extensionApplicantConsentAt) side = "applicant";
      else if (roles.includes("respondent") && !c.extensionRespondentConsentAt) side = "respondent";
      else if (roles.includes("station") && c.respondentEnterpriseId === null && !c.extensionRespondentConsentAt) side = "respondent";
      if (!side) return { error: "disputes:errors.notYours" };
      if (side === "applicant") set.extensionApplicantConsentAt = now;
      else set.extensionRespondentConsentAt = now;
      const both = (side === "applicant" || c.extensionApplicantConsentAt) && (side === "respondent" || c.extensionRespondentConsentAt);
      if (both) {
        Object.assign(set, {
          mediationDueAt: extendDue(c.mediationDueAt, c.extensionDays),
          extendedDays: c.extendedDays + c.extensionDays,
          extensionDays: null,
          extensionReason: null,
        });
        // The last consent is on the timeline too, before the extension it completes.
        await addEvent(tx, c.id, actor, "extension_consented", now, { body: side });
      }
      return {
        set,
        event: both ? "extension_granted" : "extension_consented",
        body: both ? String(c.extensionDays) : side,
        notices: both
          ? noticesFor(await recipients(tx, c, ["parties", "station", "mediator"]), actor, "disputes:notify.extended", c, { days: c.extensionDays })
          : [],
      };
    },
    "consentExtension",
  );
}

/** A party adds evidence while the case is open. */
export async function addEvidence(actor: SignedIn, id: number, files: StagedUpload[], opts: Options = {}) {
  return command(
    actor,
    id,
    null,
    opts,
    async (tx, c, { now, roles }) => {
      if (!roles.includes("applicant") && !roles.includes("respondent")) return { error: "disputes:errors.notYours" };
      if (c.status === "closed" || c.status === "declined") return { error: "disputes:errors.illegalTransition" };
      if (!files.length) return { error: "disputes:errors.noFiles" };
      await recordUploads(tx, files, { ownerKind: CASE_FILE_OWNER, ownerId: c.id, actor, at: now, ip: opts.ip ?? null });
      return {
        set: {},
        event: "evidence_added",
        body: files.map((f) => f.originalName).join("、"),
        notices: noticesFor(await recipients(tx, c, ["station", "mediator"]), actor, "disputes:notify.evidence", c),
      };
    },
    "addEvidence",
  );
}

// ---------------------------------------------------------------------------------------------
// Reminders: once per deadline (a row in dispute_reminders per case, kind and due instant), in-app
// and through the email outbox, from REMIND_BEFORE_DAYS before the deadline until it passes.

export async function runDisputeReminders(now = new Date(), db?: Executor): Promise<{ sent: number }> {
  const executor = db ?? (await getDb());
  const soon = new Date(now.getTime() + REMIND_BEFORE_DAYS * 24 * 3600 * 1000);
  return executor.transaction(async (tx) => {
    let sent = 0;
    const candidates = await tx
      .select()
      .from(disputeCases)
      .where(
        or(
          and(
            inArray(disputeCases.status, ["accepted", "mediator_assigned", "respondent_invited", "in_mediation", "agreement_pending"]),
            isNotNull(disputeCases.mediationDueAt),
            lt(disputeCases.mediationDueAt, soon),
            gte(disputeCases.mediationDueAt, now),
          ),
          and(
            eq(disputeCases.status, "settled"),
            isNotNull(disputeCases.confirmationDueAt),
            lt(disputeCases.confirmationDueAt, soon),
            gte(disputeCases.confirmationDueAt, now),
          ),
        ),
      );
    for (const c of candidates) {
      const kind: DeadlineKind = c.status === "settled" ? "confirmation" : "mediation";
      const dueAt = kind === "mediation" ? c.mediationDueAt! : c.confirmationDueAt!;
      if (!reminderDue(dueAt, now)) continue;
      const inserted = await tx
        .insert(disputeReminders)
        .values({ caseId: c.id, kind, dueAt, sentAt: now })
        .onConflictDoNothing()
        .returning({ id: disputeReminders.id });
      if (!inserted.length) continue;
      sent++;
      await addEvent(tx, c.id, null, "reminder_sent", now, { body: kind });
      await appendAudit(tx, { actor: null, action: "dispute.remind", entityType: "dispute_case", entityId: c.id, after: { kind, dueAt } });
      await notify(
        tx,
        noticesFor(await recipients(tx, c, ["parties", "station", "mediator"]), null, `disputes:notify.reminder.${kind}`, c, {
          due: dueAt.toISOString().slice(0, 10),
        }),
      );
    }
    return { sent };
  });
}

// ---------------------------------------------------------------------------------------------
// Queries

export const CASES_PAGE_SIZE = 20;

function filterConditions(actor: SignedIn, f: CaseFilter, now: Date): SQL[] {
  const where: SQL[] = [caseScope(actor)];
  if (f.status) where.push(eq(disputeCases.status, f.status));
  if (f.type) where.push(eq(disputeCases.type, f.type));
  if (f.station) where.push(eq(disputeCases.stationId, f.station));
  const running = (kind: DeadlineKind) =>
    kind === "mediation"
      ? and(
          inArray(disputeCases.status, ["accepted", "mediator_assigned", "respondent_invited", "in_mediation", "agreement_pending"]),
          isNotNull(disputeCases.mediationDueAt),
        )!
      : and(eq(disputeCases.status, "settled"), isNotNull(disputeCases.confirmationDueAt))!;
  if (f.deadline === "overdue")
    where.push(or(and(running("mediation"), lt(disputeCases.mediationDueAt, now)), and(running("confirmation"), lt(disputeCases.confirmationDueAt, now)))!);
  if (f.deadline === "soon") {
    const soon = new Date(now.getTime() + REMIND_BEFORE_DAYS * 24 * 3600 * 1000);
    where.push(
      or(
        and(running("mediation"), gte(disputeCases.mediationDueAt, now), lt(disputeCases.mediationDueAt, soon)),
        and(running("confirmation"), gte(disputeCases.confirmationDueAt, now), lt(disputeCases.confirmationDueAt, soon)),
      )!,
    );
  }
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(ilike(disputeCases.code, pattern), ilike(disputeCases.respondentName, pattern), ilike(enterprises.name, pattern), ilike(disputeCases.facts, pattern))!,
    );
  }
  return where;
}

export async function listCases(actor: SignedIn, f: CaseFilter, page: number, now = new Date()) {
  const db = await getDb();
  const where = and(...filterConditions(actor, f, now));
  const [total] = await db
    .select({ n: count() })
    .from(disputeCases)
    .innerJoin(enterprises, eq(enterprises.id, disputeCases.applicantEnterpriseId))
    .where(where);
  const rows = await db
    .select({
      id: disputeCases.id,
      code: disputeCases.code,
      status: disputeCases.status,
      type: disputeCases.type,
      amountFen: disputeCases.amountFen,
      filedAt: disputeCases.filedAt,
      mediationDueAt: disputeCases.mediationDueAt,
      confirmationDueAt: disputeCases.confirmationDueAt,
      applicantName: enterprises.name,
      respondentName: disputeCases.respondentName,
      stationZh: disputeStations.nameZh,
      stationEn: disputeStations.nameEn,
      mediatorName: users.displayName,
    })
    .from(disputeCases)
    .innerJoin(enterprises, eq(enterprises.id, disputeCases.applicantEnterpriseId))
    .innerJoin(disputeStations, eq(disputeStations.id, disputeCases.stationId))
    .leftJoin(users, eq(users.id, disputeCases.mediatorId))
    .where(where)
    .orderBy(desc(disputeCases.filedAt), desc(disputeCases.id))
    .limit(CASES_PAGE_SIZE)
    .offset((page - 1) * CASES_PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r, deadlines: deadlinesOf(r, now) })), total: total.n };
}

/** A case code typed in the search box: the case itself, if the actor may see it. */
export async function findCaseByCode(actor: SignedIn, code: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: disputeCases.id })
    .from(disputeCases)
    .where(and(eq(disputeCases.code, code.trim().toUpperCase()), caseScope(actor)));
  return row?.id ?? null;
}

function viewerAudited(actor: SignedIn): boolean {
  return actor.role === "staff" || actor.role === "admin" || actor.role === "mediator";
}

/**
 * One case as the actor may see it, or null (outside the scope: not found). A view by station
 * staff (or the mediator) is written to the audit log.
 */
export async function getCase(actor: SignedIn, id: number, opts: Options = {}) {
  const db = opts.db ?? (await getDb());
  const c = await loadScoped(db, actor, id);
  if (!c) return null;
  const now = opts.now ?? new Date();
  if (viewerAudited(actor)) await appendAudit(db, { actor, action: "dispute.view", entityType: "dispute_case", entityId: id, ip: opts.ip ?? null });
  const stationStaff = await isStationStaff(db, actor, c.stationId);
  const roles = rolesOn(actor, c, stationStaff);
  const [station] = await db.select().from(disputeStations).where(eq(disputeStations.id, c.stationId));
  const [applicant] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      legalRep: enterprises.legalRep,
      address: enterprises.address,
      phone: enterprises.phone,
    })
    .from(enterprises)
    .where(eq(enterprises.id, c.applicantEnterpriseId));
  const [respondent] = c.respondentEnterpriseId
    ? await db
        .select({
          id: enterprises.id,
          name: enterprises.name,
          creditCode: enterprises.creditCode,
          legalRep: enterprises.legalRep,
          address: enterprises.address,
          phone: enterprises.phone,
        })
        .from(enterprises)
        .where(eq(enterprises.id, c.respondentEnterpriseId))
    : [null];
  const [mediator] = c.mediatorId ? await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, c.mediatorId)) : [null];
  const sessions = await db
    .select()
    .from(disputeSessions)
    .where(eq(disputeSessions.caseId, id))
    .orderBy(asc(disputeSessions.startsAt), asc(disputeSessions.id));
  const events = await db.select().from(disputeEvents).where(eq(disputeEvents.caseId, id)).orderBy(asc(disputeEvents.at), asc(disputeEvents.id));
  const evidence = (await filesOf({ ownerKind: CASE_FILE_OWNER, ownerId: id })).map((f) => ({
    id: f.id,
    originalName: f.originalName,
    size: f.size,
    createdAt: f.createdAt,
    createdBy: f.createdBy,
  }));
  const mediators = stationStaff
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(disputeStationPeople)
        .innerJoin(users, eq(users.id, disputeStationPeople.userId))
        .where(and(eq(disputeStationPeople.stationId, c.stationId), eq(disputeStationPeople.role, "mediator"), isNull(users.disabledAt)))
        .orderBy(asc(users.displayName))
    : [];
  return {
    case: c,
    roles,
    actions: actionsFrom(c.status, roles),
    deadlines: deadlinesOf(c, now),
    station: station!,
    applicant: applicant!,
    respondent: respondent ?? null,
    mediator: mediator ?? null,
    sessions,
    events,
    evidence,
    mediators,
  };
}

/** A case's evidence file if the actor may see the case; a download by staff or the mediator is audited. */
export async function getEvidence(actor: SignedIn, caseId: number, fileId: string, opts: Options = {}) {
  const db = opts.db ?? (await getDb());
  const c = await loadScoped(db, actor, caseId);
  if (!c) return null;
  const file = await findFile(fileId, { ownerKind: CASE_FILE_OWNER, ownerId: caseId });
  if (!file) return null;
  if (viewerAudited(actor))
    await appendAudit(db, {
      actor,
      action: "dispute.file.download",
      entityType: "dispute_case",
      entityId: caseId,
      after: { fileId: file.id, name: file.originalName },
      ip: opts.ip ?? null,
    });
  return file;
}

/** What the filing form offers: the actor's enterprises, the stations, the member enterprises as respondents. */
export async function filingOptions(actor: SignedIn) {
  const db = await getDb();
  const own = actor.enterpriseIds.length
    ? await db
        .select({ id: enterprises.id, name: enterprises.name })
        .from(enterprises)
        .where(inArray(enterprises.id, actor.enterpriseIds))
        .orderBy(asc(enterprises.name))
    : [];
  const stations = await listStations(db);
  const respondents = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).orderBy(asc(enterprises.name));
  return { own, stations, respondents };
}

export async function listStations(db?: Executor) {
  const x = db ?? (await getDb());
  return x
    .select({
      id: disputeStations.id,
      number: disputeStations.number,
      nameZh: disputeStations.nameZh,
      nameEn: disputeStations.nameEn,
      courtZh: disputeStations.courtZh,
      courtEn: disputeStations.courtEn,
      chamberZh: associations.nameZh,
      chamberEn: associations.nameEn,
    })
    .from(disputeStations)
    .innerJoin(associations, eq(associations.id, disputeStations.associationId))
    .orderBy(asc(disputeStations.number));
}

/** The stations an actor works at (for the list's station filter). */
export async function stationsOf(actor: SignedIn) {
  const all = await listStations();
  if (actor.role === "staff" || actor.role === "admin" || actor.role === "mediator") {
    const db = await getDb();
    const mine = await db.select({ id: disputeStationPeople.stationId }).from(disputeStationPeople).where(eq(disputeStationPeople.userId, actor.userId));
    const ids = new Set(mine.map((m) => m.id));
    return all.filter((s) => ids.has(s.id));
  }
  return all;
}

/** Whether the actor is staff of at least one station (may act on cases at all). */
export async function worksAtStation(actor: SignedIn): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ one: sql`1` })
    .from(disputeStationPeople)
    .where(eq(disputeStationPeople.userId, actor.userId))
    .limit(1);
  return Boolean(row);
}

/** Whether the actor may see a case at all (no audit: the routes ask before reading a form). */
export async function caseVisible(actor: SignedIn, id: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: disputeCases.id })
    .from(disputeCases)
    .where(and(eq(disputeCases.id, id), caseScope(actor)));
  return Boolean(row);
}
