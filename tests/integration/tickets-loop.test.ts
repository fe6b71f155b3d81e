import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox, notifications } from "../../db/schema/accounts";
import { departments } from "../../db/schema/organisations";
import { ticketReferrals, tickets } from "../../db/schema/tickets";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import {
  acceptTicket,
  addComment,
  answerTicket,
  getAttachment,
  getTicket,
  listTickets,
  provideInfo,
  rateTicket,
  referTicket,
  rejectTicket,
  reopenTicket,
  requestInfo,
  resolveTicket,
  returnTicket,
  runTicketTimers,
  submitTicket,
} from "../../app/modules/tickets/tickets.server";
import { stageTicketFile } from "../../app/modules/tickets/attachments.server";
import type { Actor } from "../../app/lib/permissions";
import { NOT_FOUND } from "../../app/lib/command.server";

type A = NonNullable<Actor>;
let staff: A, member: A, taxDept: A, courtDept: A, otherMember: A;
let taxId: number, courtId: number, memberEnterprise: number;
const sh = (local: string) => new Date(`${local}+08:00`);

async function newTicket(at: Date, urgency: "normal" | "urgent" = "normal", title = "鞋底原料供应紧张") {
  const r = await submitTicket(
    member,
    { enterpriseId: memberEnterprise, category: "supply_chain", title, description: "原料到货慢，希望协调。", urgency, visitId: null },
    [],
    { now: at },
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

describe("the closed loop of a problem", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    staff = (await loadActor("demo-staff"))!;
    member = (await loadActor("demo-member"))!;
    taxDept = (await loadActor("demo-dept"))!;
    courtDept = (await loadActor("demo-dept-court"))!;
    otherMember = { ...member, userId: "demo-member", enterpriseIds: [member.enterpriseIds[0] + 1] };
    memberEnterprise = member.enterpriseIds[0];
    taxId = taxDept.departmentId!;
    courtId = courtDept.departmentId!;
    const [tax] = await db.select().from(departments).where(eq(departments.code, "tax"));
    expect(tax.id).toBe(taxId);
  });

  it("goes submitted -> accepted -> referred -> answered -> resolved -> closed with a rating, with notices and audit", async () => {
    const db = await getDb();
    const t0 = sh("2026-11-23T10:00:00"); // Monday
    const file = await stageTicketFile("发票.pdf", Buffer.from("%PDF-1.4\n% demo\n"));
    const submitted = await submitTicket(
      member,
      { enterpriseId: memberEnterprise, category: "tax", title: "出口退税进度", description: "退税未到账。", urgency: "normal", visitId: null },
      [file],
      { now: t0 },
    );
    if (!submitted.ok) throw new Error(submitted.error.code);
    const id = submitted.value.id;
    expect(submitted.value.status).toBe("submitted");
    expect(submitted.value.acceptDueAt.toISOString()).toBe(sh("2026-11-25T00:00:00").toISOString()); // end of Tue
    expect((await acceptTicket(staff, id, { category: "tax", priority: "high", handlerId: staff.userId }, { now: new Date(t0.getTime() + 3600_000) })).ok).toBe(
      true,
    );
    const referred = await referTicket(staff, id, { departmentId: taxId, note: "请核实" }, { now: sh("2026-11-23T14:00:00") });
    expect(referred.ok && referred.value.status).toBe("referred");
    expect(referred.ok && referred.value.answerDueAt?.toISOString()).toBe(sh("2026-12-01T00:00:00").toISOString()); // 5 working days: end of Mon 30 Nov
    const [deptNotice] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, taxDept.userId), eq(notifications.messageKey, "tickets:notify.referred")));
    expect(deptNotice.n).toBeGreaterThan(0);
    const [mail] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.toAddress, "dept@demo.test"));
    expect(mail.n).toBeGreaterThan(0);
    // The department sees it, and its attachment.
    const seen = await getTicket(taxDept, id);
    expect(seen?.attachments).toHaveLength(1);
    expect(await getAttachment(taxDept, id, seen!.attachments[0].id)).not.toBeNull();
    expect((await answerTicket(taxDept, id, "已加快审核，本周到账。", { now: sh("2026-11-25T10:00:00") })).ok).toBe(true);
    const [referral] = await db.select().from(ticketReferrals).where(eq(ticketReferrals.ticketId, id));
    expect(referral.answeredBy).toBe(taxDept.userId);
    expect((await resolveTicket(staff, id, "退税已到账。", { now: sh("2026-11-26T10:00:00") })).ok).toBe(true);
    // A low rating needs a reason.
    expect(await rateTicket(member, id, { rating: 2, comment: null }, { now: sh("2026-11-27T10:00:00") })).toEqual({
      ok: false,
      error: { code: "tickets:errors.lowRatingReason" },
    });
    const closed = await rateTicket(member, id, { rating: 2, comment: "到账太慢" }, { now: sh("2026-11-27T10:00:00") });
    expect(closed.ok && closed.value.status).toBe("closed");
    expect(closed.ok && closed.value.flaggedForReview).toBe(true);
    const kinds = (await getTicket(staff, id))!.events.map((e) => e.kind);
    expect(kinds).toEqual(["submitted", "accepted", "referred", "comment", "answered", "resolved", "rated", "closed"]);
    const [audits] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "ticket"), eq(auditEvents.entityId, String(id))));
    expect(audits.n).toBe(7); // six commands, and the attachment's file.upload
    // Illegal: a closed problem cannot be resolved again.
    expect(await resolveTicket(staff, id, "x")).toEqual({ ok: false, error: { code: "tickets:errors.illegalTransition" } });
  });

  it("a department returns a problem that is not theirs; staff refer it again", async () => {
    const id = await newTicket(sh("2026-11-23T09:00:00"));
    await acceptTicket(staff, id, { category: "legal_rights", priority: "normal", handlerId: staff.userId });
    await referTicket(staff, id, { departmentId: taxId });
    const returned = await returnTicket(taxDept, id, "属于法院职责");
    expect(returned.ok && returned.value.status).toBe("accepted");
    expect(returned.ok && returned.value.departmentId).toBe(null);
    expect(await getTicket(taxDept, id)).toBeNull(); // no longer theirs
    const again = await referTicket(staff, id, { departmentId: courtId });
    expect(again.ok && again.value.status).toBe("referred");
    expect(await getTicket(courtDept, id)).not.toBeNull();
    // A department cannot answer what it cannot see.
    expect(await answerTicket(taxDept, id, "x")).toEqual({ ok: false, error: { code: NOT_FOUND } });
  });

  it("the enterprise reopens within 7 days, not after", async () => {
    const id = await newTicket(sh("2026-11-02T09:00:00"));
    await acceptTicket(staff, id, { category: "supply_chain", priority: "normal", handlerId: staff.userId }, { now: sh("2026-11-02T10:00:00") });
    await resolveTicket(staff, id, "已协调", { now: sh("2026-11-03T10:00:00") });
    expect(await reopenTicket(member, id, "问题仍在", { now: sh("2026-11-11T10:00:00") })).toEqual({
      ok: false,
      error: { code: "tickets:errors.reopenWindow" },
    });
    const reopened = await reopenTicket(member, id, "问题仍在", { now: sh("2026-11-09T10:00:00") });
    expect(reopened.ok && reopened.value.status).toBe("accepted");
    const events = (await getTicket(member, id))!.events.map((e) => e.kind);
    expect(events).toEqual(["submitted", "accepted", "resolved", "reopened"]); // history kept
  });

  it("closes itself 7 days after resolution", async () => {
    const id = await newTicket(sh("2026-11-02T09:00:00"));
    await acceptTicket(staff, id, { category: "supply_chain", priority: "normal", handlerId: staff.userId }, { now: sh("2026-11-02T10:00:00") });
    await resolveTicket(staff, id, "已协调", { now: sh("2026-11-04T10:00:00") });
    await runTicketTimers(sh("2026-11-10T10:00:00"));
    expect((await getTicket(staff, id))!.ticket.status).toBe("resolved");
    const swept = await runTicketTimers(sh("2026-11-11T10:00:01"));
    expect(swept.autoClosed).toBeGreaterThanOrEqual(1);
    const after = (await getTicket(staff, id))!;
    expect(after.ticket.status).toBe("closed");
    expect(after.events.at(-1)?.kind).toBe("auto_closed");
  });

  it("an overdue referral escalates to the staff lead once, and shows as overdue", async () => {
    const db = await getDb();
    const id = await newTicket(sh("2026-11-16T09:00:00"), "urgent", "紧急用电增容");
    await acceptTicket(staff, id, { category: "supply_chain", priority: "high", handlerId: staff.userId }, { now: sh("2026-11-16T10:00:00") });
    const r = await referTicket(staff, id, { departmentId: taxId }, { now: sh("2026-11-16T11:00:00") });
    expect(r.ok && r.value.answerDueAt?.toISOString()).toBe(sh("2026-11-19T00:00:00").toISOString()); // urgent: 2 working days
    const before = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, "demo-staff"), eq(notifications.messageKey, "tickets:notify.escalated")));
    await runTicketTimers(sh("2026-11-18T23:00:00"));
    expect((await getTicket(staff, id))!.ticket.escalatedAt).toBeNull();
    await runTicketTimers(sh("2026-11-19T09:00:00"));
    await runTicketTimers(sh("2026-11-20T09:00:00"));
    const t = (await getTicket(staff, id))!;
    expect(t.ticket.escalatedAt).not.toBeNull();
    expect(t.events.filter((e) => e.kind === "escalated")).toHaveLength(1);
    const after = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, "demo-staff"), eq(notifications.messageKey, "tickets:notify.escalated")));
    expect(after[0].n - before[0].n).toBe(1);
    const overdue = await listTickets(staff, { overdue: "1", q: "用电增容" }, 1);
    expect(overdue.rows.map((x) => x.id)).toContain(id);
    expect(overdue.rows.find((x) => x.id === id)?.overdue).toBe(true);
  });

  it("waiting on the enterprise pauses the clock and moves the deadline", async () => {
    const id = await newTicket(sh("2026-11-23T09:00:00"));
    await acceptTicket(staff, id, { category: "supply_chain", priority: "normal", handlerId: staff.userId }, { now: sh("2026-11-23T10:00:00") });
    await referTicket(staff, id, { departmentId: taxId }, { now: sh("2026-11-23T11:00:00") }); // due end of Mon 30 Nov
    const waiting = await requestInfo(staff, id, "请补充发票", { now: sh("2026-11-24T10:00:00") });
    expect(waiting.ok && waiting.value.dueAt).toBeNull();
    expect(await answerTicket(taxDept, id, "x", { now: sh("2026-11-25T10:00:00") })).toEqual({ ok: false, error: { code: "tickets:errors.waiting" } });
    const resumed = await provideInfo(member, id, "已补充", { now: sh("2026-11-26T10:00:00") }); // 2 working days paused
    expect(resumed.ok && resumed.value.dueAt?.toISOString()).toBe(sh("2026-12-03T00:00:00").toISOString());
    expect(await provideInfo(member, id, "again")).toEqual({ ok: false, error: { code: "tickets:errors.notWaiting" } });
  });

  it("a department cannot read another department's problem; a member neither another enterprise's problem nor an internal comment", async () => {
    const id = await newTicket(sh("2026-11-23T09:00:00"), "normal", "内部留言测试");
    await acceptTicket(staff, id, { category: "supply_chain", priority: "normal", handlerId: staff.userId });
    await referTicket(staff, id, { departmentId: taxId });
    await addComment(staff, id, { body: "内部：企业信用有瑕疵", internal: true });
    await addComment(taxDept, id, { body: "部门内部意见", internal: true });
    await addComment(staff, id, { body: "公开：已交办税务局", internal: false });
    expect(await getTicket(courtDept, id)).toBeNull();
    expect((await listTickets(courtDept, {}, 1)).rows.map((r) => r.id)).not.toContain(id);
    expect(await addComment(courtDept, id, { body: "x", internal: false })).toEqual({ ok: false, error: { code: NOT_FOUND } });
    expect(await getTicket(otherMember, id)).toBeNull();
    expect((await listTickets(otherMember, {}, 1)).rows.map((r) => r.id)).not.toContain(id);
    const asMember = (await getTicket(member, id))!;
    const bodies = asMember.events.map((e) => e.body ?? "");
    expect(bodies).toContain("公开：已交办税务局");
    expect(bodies.some((b) => b.includes("内部"))).toBe(false);
    expect(asMember.events.every((e) => !e.internal)).toBe(true);
    // The member's own comment can never be internal.
    await addComment(member, id, { body: "我方补充", internal: true });
    expect((await getTicket(member, id))!.events.some((e) => e.body === "我方补充")).toBe(true);
    // Staff cannot pretend to be a department; a member cannot accept.
    expect(await answerTicket(staff, id, "x")).toEqual({ ok: false, error: { code: NOT_FOUND } });
    const asStaff = (await getTicket(staff, id))!;
    expect(asStaff.events.filter((e) => e.internal).map((e) => e.body)).toEqual(["内部：企业信用有瑕疵", "部门内部意见"]);
  });

  it("staff reject with a reason the enterprise sees; a rejected problem is final", async () => {
    const id = await newTicket(sh("2026-11-23T09:00:00"));
    const r = await rejectTicket(staff, id, "不属于协会受理范围");
    expect(r.ok && r.value.status).toBe("rejected");
    expect((await getTicket(member, id))!.events.at(-1)?.body).toBe("不属于协会受理范围");
    expect(await acceptTicket(staff, id, { category: "other", priority: "normal", handlerId: staff.userId })).toEqual({
      ok: false,
      error: { code: "tickets:errors.illegalTransition" },
    });
  });

  it("finds Chinese text by bigrams through the queue filters", async () => {
    await newTicket(sh("2026-11-23T09:00:00"), "normal", "针车工招工难");
    const found = await listTickets(staff, { q: "针车" }, 1);
    expect(found.rows.some((r) => r.title === "针车工招工难")).toBe(true);
    const none = await listTickets(staff, { q: "车针" }, 1);
    expect(none.rows.some((r) => r.title === "针车工招工难")).toBe(false);
    const single = await listTickets(staff, { q: "针" }, 1);
    expect(single.rows.some((r) => r.title === "针车工招工难")).toBe(true);
    const db = await getDb();
    const [all] = await db.select({ n: count() }).from(tickets);
    expect((await listTickets(staff, {}, 1)).total).toBe(all.n);
  });
});
