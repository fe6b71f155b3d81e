// Shared-court cases on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): who sees a
// case and its files, the audit of staff views, the agreement's two confirmations, the deadlines'
// reminders (once per deadline) and the whole loop to judicial confirmation.
import { and, asc, count, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { seedDemo } from "../../db/seed/demo.server";
import { auditEvents, emailOutbox, notifications } from "../../db/schema/accounts";
import { disputeCases, disputeReminders, disputeStationPeople, disputeStations } from "../../db/schema/disputes";
import { setStationsOfUser } from "../../app/modules/disputes/stations.server";
import { setUserRole } from "../../app/modules/admin/users.server";
import { enterpriseUsers } from "../../db/schema/members";
import { loadActor } from "../../app/lib/auth.server";
import type { Actor } from "../../app/lib/permissions";
import { confirmationDue, mediationDue } from "../../app/modules/disputes/deadlines";
import {
  acceptCase,
  answerInvitation,
  applyJudicial,
  assignMediator,
  closeCase,
  confirmAgreement,
  consentExtension,
  decideJudicial,
  draftAgreement,
  fileCase,
  findCaseByCode,
  getCase,
  getEvidence,
  inviteRespondent,
  listCases,
  recordMinutes,
  rejectAgreement,
  requestExtension,
  runDisputeReminders,
  scheduleSession,
} from "../../app/modules/disputes/disputes.server";
import { stageEvidence } from "../../app/modules/disputes/evidence.server";
import type { FileCaseInput } from "../../app/modules/disputes/forms";

type A = NonNullable<Actor>;
const who: Record<string, A> = {};
const DAY = 24 * 3600 * 1000;
// Far beyond the demo data's deadlines: only this file's cases are due for reminders.
const T0 = new Date("2031-03-02T09:00:00+08:00");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
let station1 = 0;
let respondentEnterprise = 0;

function input(extra: Partial<FileCaseInput> = {}): FileCaseInput {
  return {
    applicantEnterpriseId: who.member.enterpriseIds[0],
    stationId: station1,
    respondentKind: "member",
    respondentEnterpriseId: respondentEnterprise,
    respondentName: null,
    respondentCreditCode: null,
    respondentContact: null,
    type: "payment_arrears",
    amountYuan: 12_345_600,
    facts: "拖欠货款十二万三千四百五十六元。",
    request: "请求支付货款。",
    consent: true,
    ...extra,
  };
}

async function ok<T extends { ok: boolean }>(p: Promise<T>): Promise<T & { ok: true }> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as T & { ok: true };
}

describe("shared-court cases", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    for (const [name, id] of Object.entries({
      member: "demo-member",
      staff: "demo-staff",
      clerk1: "demo-clerk-1",
      clerk2: "demo-clerk-2",
      mediator: "demo-mediator",
      mediator2: "demo-mediator-2",
      dept: "demo-dept",
      bank: "demo-bank",
      seeker: "demo-seeker",
      admin: "demo-admin",
    }))
      who[name] = (await loadActor(id))!;
    const [s] = await db.select().from(disputeStations).where(eq(disputeStations.number, 1));
    station1 = s.id;
    // A member enterprise with an owner account (made by the demo data) as respondent, and another member.
    const owners = await db
      .select({ userId: enterpriseUsers.userId })
      .from(enterpriseUsers)
      .where(like(enterpriseUsers.userId, "demo-owner-%"))
      .orderBy(asc(enterpriseUsers.userId))
      .limit(2);
    who.respondent = (await loadActor(owners[0].userId))!;
    respondentEnterprise = who.respondent.enterpriseIds[0];
    who.otherMember = (await loadActor(owners[1].userId))!;
    expect(who.otherMember.enterpriseIds).not.toContain(respondentEnterprise);
    // The whole demo data is seeded first: slow on a loaded machine.
  }, 400_000);

  it("shows a case, its evidence and minutes only to the parties, the assigned mediator and the station's staff", async () => {
    const file = await stageEvidence("欠款对账单.pdf", Buffer.from("%PDF-1.4\n% evidence\n%%EOF\n"));
    const filed = await ok(fileCase(who.member, input(), [file], { now: at(0) }));
    const id = filed.case.id;
    expect(filed.case.code).toMatch(/^JF203101\d{4}$/);
    const evidenceId = (await getCase(who.member, id))!.evidence[0].id;

    const sees = async (a: A) => (await getCase(a, id)) !== null;
    const downloads = async (a: A) => (await getEvidence(a, id, evidenceId)) !== null;
    const lists = async (a: A) => (await listCases(a, { q: filed.case.code }, 1)).rows.some((r) => r.id === id);
    const check = async (a: A, expected: boolean) => {
      expect(await sees(a), `${a.userId} sees`).toBe(expected);
      expect(await downloads(a), `${a.userId} downloads`).toBe(expected);
      expect(await lists(a), `${a.userId} lists`).toBe(expected);
      expect((await findCaseByCode(a, filed.case.code)) === id, `${a.userId} looks up`).toBe(expected);
    };
    for (const a of [who.member, who.respondent, who.staff, who.clerk1]) await check(a, true);
    // Another member, another station's staff and mediator, an unassigned mediator, department, bank, seeker, admin.
    for (const a of [who.otherMember, who.clerk2, who.mediator2, who.mediator, who.dept, who.bank, who.seeker, who.admin]) await check(a, false);

    await ok(acceptCase(who.clerk1, id, { now: at(0.1) }));
    // Only the station's own mediators can be assigned.
    expect(await assignMediator(who.staff, id, "demo-mediator-2", { now: at(0.2) })).toEqual({ ok: false, error: "disputes:errors.mediator" });
    await ok(assignMediator(who.staff, id, "demo-mediator", { now: at(0.2) }));
    await check(who.mediator, true);
    await check(who.mediator2, false);
    // Another station's staff cannot act either: the case does not exist for them.
    expect(await inviteRespondent(who.clerk2, id, { now: at(0.3) })).toEqual({ ok: false, error: "notFound" });
    expect(await inviteRespondent(who.otherMember, id, { now: at(0.3) })).toEqual({ ok: false, error: "notFound" });
  });

  it("writes every staff view of a case page or file to the audit log, not the parties' views", async () => {
    const filed = await ok(fileCase(who.member, input(), [await stageEvidence("合同.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"))], { now: at(0) }));
    const id = filed.case.id;
    const db = await getDb();
    const views = async (action: string, actorId: string) =>
      (
        await db
          .select({ n: count() })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(id)), eq(auditEvents.actorId, actorId)))
      )[0].n;
    const fileId = (await getCase(who.member, id))!.evidence[0].id;
    await getEvidence(who.member, id, fileId);
    expect(await views("dispute.view", who.member.userId)).toBe(0);
    expect(await views("dispute.file.download", who.member.userId)).toBe(0);
    await getCase(who.staff, id, { ip: "10.0.0.9" });
    await getCase(who.staff, id);
    await getEvidence(who.clerk1, id, fileId);
    expect(await views("dispute.view", who.staff.userId)).toBe(2);
    expect(await views("dispute.file.download", who.clerk1.userId)).toBe(1);
    const [row] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "dispute.view"), eq(auditEvents.entityId, String(id))))
      .limit(1);
    expect(row.ip).toBe("10.0.0.9");
    // A refused look (another station's staff) finds nothing and is not a view of the case.
    expect(await getCase(who.clerk2, id)).toBeNull();
    expect(await views("dispute.view", who.clerk2.userId)).toBe(0);
  });

  async function inMediation(extra: Partial<FileCaseInput> = {}) {
    const filed = await ok(fileCase(who.member, input(extra), [], { now: at(0) }));
    const id = filed.case.id;
    await ok(acceptCase(who.staff, id, { now: at(1) }));
    await ok(assignMediator(who.staff, id, "demo-mediator", { now: at(1.1) }));
    await ok(inviteRespondent(who.mediator, id, { now: at(1.2) }));
    await ok(answerInvitation(extra.respondentKind === "outside" ? who.staff : who.respondent, id, { answer: "agree", note: null }, { now: at(2) }));
    return id;
  }

  it("counts an agreement as confirmed only when both parties confirm", async () => {
    const id = await inMediation();
    expect(await draftAgreement(who.staff, id, { terms: "支付十万元。", amountYuan: 10_000_000 }, { now: at(5) })).toEqual({
      ok: false,
      error: "disputes:errors.notYours",
    });
    await ok(draftAgreement(who.mediator, id, { terms: "支付十万元。", amountYuan: 10_000_000 }, { now: at(5) }));
    const first = await ok(confirmAgreement(who.member, id, { now: at(6) }));
    expect(first.case.status).toBe("agreement_pending");
    expect(first.case.settledAt).toBeNull();
    expect(first.case.confirmationDueAt).toBeNull();
    expect(await confirmAgreement(who.member, id, { now: at(6.1) })).toEqual({ ok: false, error: "disputes:errors.alreadyConfirmed" });
    // Neither the mediator nor station staff confirm for a member respondent.
    expect((await confirmAgreement(who.mediator, id, { now: at(6.2) })).ok).toBe(false);
    expect((await confirmAgreement(who.staff, id, { now: at(6.2) })).ok).toBe(false);
    expect((await ok(getCase(who.member, id).then((c) => ({ ok: true as const, c })))).c!.case.status).toBe("agreement_pending");
    const second = await ok(confirmAgreement(who.respondent, id, { now: at(7) }));
    expect(second.case.status).toBe("settled");
    expect(second.case.settledAt).toEqual(at(7));
    expect(second.case.confirmationDueAt).toEqual(confirmationDue(at(7)));
  });

  it("clears both confirmations when a party rejects the draft, and lets staff confirm for an outside respondent", async () => {
    const id = await inMediation({
      respondentKind: "outside",
      respondentEnterpriseId: null,
      respondentName: "温州某贸易有限公司",
      respondentContact: "王先生 13800000000",
    });
    await ok(draftAgreement(who.mediator, id, { terms: "分期支付。", amountYuan: 5_000_000 }, { now: at(5) }));
    await ok(confirmAgreement(who.staff, id, { now: at(5.5) }));
    const rejected = await ok(rejectAgreement(who.member, id, "金额不对", { now: at(6) }));
    expect(rejected.case.status).toBe("in_mediation");
    expect(rejected.case.respondentConfirmedAt).toBeNull();
    await ok(draftAgreement(who.mediator, id, { terms: "分期支付，首期五万元。", amountYuan: 5_000_000 }, { now: at(7) }));
    await ok(confirmAgreement(who.member, id, { now: at(7.5) }));
    expect((await ok(confirmAgreement(who.staff, id, { now: at(8) }))).case.status).toBe("settled");
  });

  it("goes on to judicial confirmation and closing, with sessions and minutes on the way", async () => {
    const id = await inMediation();
    await ok(scheduleSession(who.mediator, id, { mode: "online", startsAt: at(3), place: null, link: "https://court.example/room/1" }, { now: at(2.5) }));
    const sessionId = (await getCase(who.mediator, id))!.sessions[0].id;
    expect((await recordMinutes(who.member, id, { sessionId, minutes: "x" }, { now: at(3.1) })).ok).toBe(false);
    await ok(recordMinutes(who.mediator, id, { sessionId, minutes: "双方同意分两期付款。" }, { now: at(3.1) }));
    await ok(draftAgreement(who.mediator, id, { terms: "分两期付款。", amountYuan: 8_000_000 }, { now: at(4) }));
    await ok(confirmAgreement(who.member, id, { now: at(4.5) }));
    await ok(confirmAgreement(who.respondent, id, { now: at(5) }));
    expect((await applyJudicial(who.member, id, { court: "瑞安市人民法院", caseNumber: null }, { now: at(6) })).ok).toBe(false);
    await ok(applyJudicial(who.staff, id, { court: "瑞安市人民法院", caseNumber: "(2031)浙0381民特1号" }, { now: at(6) }));
    expect((await decideJudicial(who.mediator, id, { decision: "confirmed", note: null }, { now: at(9) })).ok).toBe(false);
    await ok(decideJudicial(who.staff, id, { decision: "confirmed", note: "裁定确认" }, { now: at(9) }));
    const closed = await ok(closeCase(who.staff, id, { now: at(10) }));
    expect(closed.case.status).toBe("closed");
    const c = (await getCase(who.member, id))!;
    expect(c.events.map((e) => e.kind)).toEqual([
      "filed",
      "accepted",
      "mediator_assigned",
      "respondent_invited",
      "respondent_agreed",
      "session_scheduled",
      "minutes_recorded",
      "agreement_drafted",
      "agreement_confirmed",
      "settled",
      "judicial_applied",
      "judicial_confirmed",
      "closed",
    ]);
    // An illegal step is refused by the module too.
    expect(await acceptCase(who.staff, id, { now: at(11) })).toEqual({ ok: false, error: "disputes:errors.illegalTransition" });
  });

  it("sends each deadline's reminder once, in-app and by email, and a new one for an extended deadline", async () => {
    const db = await getDb();
    const id = await inMediation();
    const [c] = await db.select().from(disputeCases).where(eq(disputeCases.id, id));
    expect(c.mediationDueAt).toEqual(mediationDue(at(1)));
    const reminders = async () => (await db.select().from(disputeReminders).where(eq(disputeReminders.caseId, id))).map((r) => [r.kind, r.dueAt.toISOString()]);
    const noticesToMember = async () =>
      (
        await db
          .select({ n: count() })
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, who.member.userId),
              like(notifications.messageKey, "disputes:notify.reminder.%"),
              eq(notifications.link, `/disputes/${id}`),
            ),
          )
      )[0].n;
    const outbox = async () =>
      (
        await db
          .select({ n: count() })
          .from(emailOutbox)
          .where(like(emailOutbox.body, `%\n/disputes/${id}`))
      )[0].n;

    const due = c.mediationDueAt!;
    await runDisputeReminders(new Date(due.getTime() - 4 * DAY));
    expect(await reminders()).toEqual([]);
    const mailsBefore = await outbox();
    // Other cases of this file share the deadline: the count of this case's reminders is what matters.
    expect((await runDisputeReminders(new Date(due.getTime() - 2 * DAY))).sent).toBeGreaterThanOrEqual(1);
    expect(await reminders()).toHaveLength(1);
    await runDisputeReminders(new Date(due.getTime() - 1 * DAY));
    await runDisputeReminders(new Date(due.getTime() - 1000));
    expect(await reminders()).toEqual([["mediation", due.toISOString()]]);
    expect(await noticesToMember()).toBe(1);
    // Parties (member, respondent), station staff (secretariat and clerk) and the mediator: one email each.
    expect((await outbox()) - mailsBefore).toBe(5);

    // An extension both parties consent to makes a new deadline, reminded once again.
    await ok(requestExtension(who.mediator, id, { days: 10, reason: "核对账目" }, { now: new Date(due.getTime() - 0.5 * DAY) }));
    const half = await ok(consentExtension(who.member, id, { now: new Date(due.getTime() - 0.4 * DAY) }));
    expect(half.case.mediationDueAt).toEqual(due);
    const granted = await ok(consentExtension(who.respondent, id, { now: new Date(due.getTime() - 0.3 * DAY) }));
    expect(granted.case.mediationDueAt).toEqual(new Date(due.getTime() + 10 * DAY));
    expect(granted.case.extendedDays).toBe(10);
    const newDue = granted.case.mediationDueAt!;
    await runDisputeReminders(new Date(newDue.getTime() - 2 * DAY));
    await runDisputeReminders(new Date(newDue.getTime() - 1 * DAY));
    expect(await reminders()).toEqual([
      ["mediation", due.toISOString()],
      ["mediation", newDue.toISOString()],
    ]);
    expect(await noticesToMember()).toBe(2);

    // The judicial-confirmation deadline after the agreement: its own reminder, once.
    await ok(draftAgreement(who.mediator, id, { terms: "付款。", amountYuan: 100 }, { now: new Date(newDue.getTime() - 0.5 * DAY) }));
    await ok(confirmAgreement(who.member, id, { now: new Date(newDue.getTime() - 0.4 * DAY) }));
    const settled = await ok(confirmAgreement(who.respondent, id, { now: new Date(newDue.getTime() - 0.3 * DAY) }));
    const cdue = settled.case.confirmationDueAt!;
    await runDisputeReminders(new Date(cdue.getTime() - 2 * DAY));
    await runDisputeReminders(new Date(cdue.getTime() - 2 * DAY + 60_000));
    expect((await reminders()).filter(([k]) => k === "confirmation")).toEqual([["confirmation", cdue.toISOString()]]);
  });

  it("lists cases per role with filters, search and pages", async () => {
    const staffList = await listCases(who.staff, {}, 1);
    expect(staffList.total).toBeGreaterThanOrEqual(40);
    expect(staffList.rows).toHaveLength(20);
    const clerk2 = await listCases(who.clerk2, {}, 1);
    expect(clerk2.total).toBeGreaterThan(0);
    expect(clerk2.total).toBeLessThan(staffList.total);
    const mediator2 = await listCases(who.mediator2, {}, 1);
    expect(mediator2.rows.every((r) => r.mediatorName === mediator2.rows[0]?.mediatorName)).toBe(true);
    expect((await listCases(who.dept, {}, 1)).total).toBe(0);
    const settled = await listCases(who.staff, { status: "settled" }, 1);
    expect(settled.rows.every((r) => r.status === "settled")).toBe(true);
    const overdue = await listCases(who.staff, { deadline: "overdue" }, 1);
    expect(overdue.total).toBeGreaterThan(0);
    const mine = await listCases(who.member, {}, 1);
    expect(mine.total).toBeGreaterThan(5);
  });

  it("lets an admin set who works at a station: staff see its cases at once, a mediator keeps a station while a case is in hand", async () => {
    const db = await getDb();
    const ids = async (id: string) =>
      (await db.select({ s: disputeStationPeople.stationId }).from(disputeStationPeople).where(eq(disputeStationPeople.userId, id))).map((r) => r.s).sort();
    const clerk2Stations = await ids("demo-clerk-2");
    expect(clerk2Stations).not.toContain(station1);
    const station1Total = (await listCases(who.clerk1, {}, 1)).total;
    const before = (await listCases(who.clerk2, {}, 1)).total;

    const added = await setStationsOfUser(who.admin, "demo-clerk-2", [...clerk2Stations, station1], null);
    expect(added).toMatchObject({ ok: true, value: { added: 1, removed: 0 } });
    expect((await listCases(who.clerk2, {}, 1)).total).toBe(before + station1Total);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.setStations"), eq(auditEvents.entityId, "demo-clerk-2")));
    expect(audit).toBeDefined();

    await ok(setStationsOfUser(who.admin, "demo-clerk-2", clerk2Stations, null));
    expect((await listCases(who.clerk2, {}, 1)).total).toBe(before);

    // The demo mediator of station 1 has cases in hand there: leaving it is refused, and nothing changes.
    const mediatorStations = await ids("demo-mediator");
    expect(mediatorStations).toContain(station1);
    const refused = await setStationsOfUser(
      who.admin,
      "demo-mediator",
      mediatorStations.filter((s) => s !== station1),
      null,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: "disputes:stations.errors.openCases" } });
    expect(await ids("demo-mediator")).toEqual(mediatorStations);

    // A station that does not exist is refused as a choice, not left to the foreign key.
    const [{ last }] = await db.select({ last: sql<number>`max(${disputeStations.id})` }).from(disputeStations);
    expect(await setStationsOfUser(who.admin, "demo-clerk-2", [...clerk2Stations, last + 1], null)).toMatchObject({
      ok: false,
      error: { code: "common:forms.choose", fieldErrors: { stations: "common:forms.choose" } },
    });
    expect(await ids("demo-clerk-2")).toEqual(clerk2Stations);

    // A department liaison works at no station.
    expect(await setStationsOfUser(who.admin, "demo-dept", [station1], null)).toMatchObject({
      ok: false,
      error: { code: "disputes:stations.errors.notStationRole" },
    });
    expect(await ids("demo-dept")).toEqual([]);

    // A staff user moved to another role leaves the stations with it.
    await ok(setStationsOfUser(who.admin, "demo-clerk-2", [...clerk2Stations, station1], null));
    await ok(setUserRole(who.admin, "demo-clerk-2", { role: "department", departmentId: who.dept.departmentId, bankId: null, isLead: false }, null));
    expect(await ids("demo-clerk-2")).toEqual([]);
    await ok(setUserRole(who.admin, "demo-clerk-2", { role: "staff", departmentId: null, bankId: null, isLead: false }, null));
    await ok(setStationsOfUser(who.admin, "demo-clerk-2", clerk2Stations, null));
  });
});
