import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox, notifications, users } from "../../db/schema/accounts";
import { enterpriseUsers } from "../../db/schema/members";
import { jobApplications, jobPostings } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import { shanghaiToday } from "../../app/lib/format";
import type { Actor } from "../../app/lib/permissions";
import {
  applyToPosting,
  getApplicationForEnterprise,
  listEnterpriseApplications,
  listMyApplications,
  moveApplication,
  undoLastStep,
} from "../../app/modules/jobs/applications.server";
import {
  closePosting,
  countApplications,
  countPostingsAndPositions,
  createPosting,
  getPosting,
  listPublicPostings,
  moderatePosting,
} from "../../app/modules/jobs/postings.server";
import { findResume, saveProfile } from "../../app/modules/jobs/profiles.server";
import { sendFile } from "../../app/lib/uploads.server";
import { parseJobSearch, type PostingInput } from "../../app/modules/jobs/forms";
import { actorOf } from "../support/actors";

const search = (qs: string) => parseJobSearch(new URL(`http://x/jobs?${qs}`));

function addDays(days: number): string {
  const d = new Date(`${shanghaiToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let member: NonNullable<Actor>; // enterprise 1 (demo)
let otherMember: NonNullable<Actor>; // enterprise 2
const staff = actorOf("staff", { userId: "demo-staff" });
let seekerN = 0;
const INTERVIEW = {
  interviewAt: new Date("2031-05-06T14:30:00+08:00"),
  interviewPlace: "仙降街道 公司二楼会议室",
  interviewContact: "人事部 李女士 0577-65123456",
};

async function newSeeker(): Promise<NonNullable<Actor>> {
  const db = await getDb();
  const id = `it-seeker-${++seekerN}`;
  await db.insert(users).values({ id, email: `${id}@test.local`, passwordHash: "x", displayName: `求职者${seekerN}`, role: "seeker", phone: "13800000000" });
  return actorOf("seeker", { userId: id, displayName: `求职者${seekerN}` });
}

function input(overrides: Partial<PostingInput> = {}): PostingInput {
  return {
    enterpriseId: 1,
    title: "鞋面针车工",
    headcount: 6,
    salaryMin: 6000,
    salaryMax: 9000,
    education: "none",
    experience: "y1to3",
    jobType: "full_time",
    location: "仙降街道",
    description: "熟练操作平车，计件工资。",
    benefits: "包吃住",
    contact: "人事部 0577-65123456",
    closesOn: addDays(30),
    ...overrides,
  };
}

async function createOk(actor: Actor, overrides: Partial<PostingInput> = {}): Promise<number> {
  const r = await createPosting(actor, input(overrides));
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

describe("jobs: postings, search, applications", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    member = (await loadActor("demo-member"))!;
    await db.insert(users).values({ id: "it-member-2", email: "m2@test.local", passwordHash: "x", displayName: "另一企业", role: "member" });
    await db.insert(enterpriseUsers).values({ enterpriseId: 2, userId: "it-member-2" });
    otherMember = (await loadActor("it-member-2"))!;
  });

  it("seeds enough open postings: 24+ enterprises with more than 300 positions, and enterprise 1 has some", async () => {
    const { total } = await listPublicPostings(search(""), 1);
    expect(total).toBeGreaterThan(300);
    const { total: ofOne } = await listPublicPostings(search("enterprise=1"), 1);
    expect(ofOne).toBeGreaterThan(0);
    const db = await getDb();
    const result = (await db.execute(
      sql`select count(distinct enterprise_id)::int as enterprises, sum(headcount)::int as positions from job_postings where closed_at is null and hidden_at is null and closes_on >= ${shanghaiToday()} and enterprise_id <= 24`,
    )) as unknown as { rows?: { enterprises: number; positions: number }[] } & { enterprises: number; positions: number }[];
    const [row] = result.rows ?? result;
    expect(row.enterprises).toBe(24);
    expect(row.positions).toBeGreaterThan(300);
  });

  it("finds 针车工 when searching 针车, also by enterprise name, and combines search with filters", async () => {
    const { rows, total } = await listPublicPostings(search(`q=${encodeURIComponent("针车")}`), 1);
    expect(total).toBeGreaterThan(0);
    expect(rows.every((r) => r.title.includes("针车"))).toBe(true);
    expect(rows.some((r) => r.title === "针车工")).toBe(true);
    const [first] = rows;
    const byName = await listPublicPostings(search(`q=${encodeURIComponent(first.enterpriseName)}`), 1);
    expect(byName.rows.length).toBeGreaterThan(0);
    expect(byName.rows.every((r) => r.enterpriseName === first.enterpriseName)).toBe(true);
    const none = await listPublicPostings(search(`q=${encodeURIComponent("宇宙飞船")}`), 1);
    expect(none.total).toBe(0);
    const filtered = await listPublicPostings(
      search(`q=${encodeURIComponent("针车")}&type=full_time&salary=7000&location=${encodeURIComponent("仙降街道")}&sort=salary`),
      1,
    );
    for (const r of filtered.rows) {
      expect(r.jobType).toBe("full_time");
      expect(r.salaryMaxFen).toBeGreaterThanOrEqual(700_000);
      expect(r.location).toBe("仙降街道");
    }
    const salaries = filtered.rows.map((r) => r.salaryMaxFen);
    expect([...salaries].sort((a, b) => b - a)).toEqual(salaries);
  });

  it("paginates on the server and filters by fair", async () => {
    const p1 = await listPublicPostings(search(""), 1);
    const p2 = await listPublicPostings(search(""), 2);
    expect(p1.rows).toHaveLength(20);
    expect(p2.rows[0].id).not.toBe(p1.rows[0].id);
    const db = await getDb();
    await db
      .update(jobPostings)
      .set({ fairId: 77 })
      .where(
        sql`${jobPostings.id} in (${sql.join(
          p1.rows.slice(0, 3).map((r) => sql`${r.id}`),
          sql`, `,
        )})`,
      );
    const fair = await listPublicPostings(search("fair=77"), 1);
    expect(fair.rows.map((r) => r.id).sort()).toEqual(
      p1.rows
        .slice(0, 3)
        .map((r) => r.id)
        .sort(),
    );
    const figures = await countPostingsAndPositions({ fairId: 77 });
    expect(figures.postings).toBe(3);
    expect(figures.positions).toBe(p1.rows.slice(0, 3).reduce((s, r) => s + r.headcount, 0));
  });

  it("lets a member post only for its own enterprise and refuses a past closing date", async () => {
    expect(await createPosting(member, input({ enterpriseId: 2 }))).toEqual({ ok: false, error: "notYourEnterprise" });
    expect(await createPosting(member, input({ closesOn: addDays(-1) }))).toEqual({ ok: false, error: "closesInPast" });
    const id = await createOk(member, { title: "成型车间主管" });
    const { rows } = await listPublicPostings(search(`q=${encodeURIComponent("车间主管")}`), 1);
    expect(rows.map((r) => r.id)).toContain(id);
    const db = await getDb();
    const [audit] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job_posting.create"), eq(auditEvents.entityId, String(id))));
    expect(audit.n).toBe(1);
  });

  it("refuses a second application, and 50 parallel applications leave one row", async () => {
    const seeker = await newSeeker();
    const id = await createOk(member);
    expect((await applyToPosting(seeker, id, "你好")).ok).toBe(true);
    expect(await applyToPosting(seeker, id, "再来一次")).toEqual({ ok: false, error: "alreadyApplied" });
    const racer = await newSeeker();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => applyToPosting(racer, id, null).catch((e: Error) => ({ ok: false as const, error: e.message }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "alreadyApplied")).toBe(true);
    const db = await getDb();
    const [n] = await db
      .select({ n: count() })
      .from(jobApplications)
      .where(and(eq(jobApplications.postingId, id), eq(jobApplications.seekerUserId, racer.userId)));
    expect(n.n).toBe(1);
    // The database itself refuses a duplicate, whatever the code does.
    await expect(db.insert(jobApplications).values({ postingId: id, seekerUserId: racer.userId })).rejects.toThrow();
  });

  it("keeps an enterprise out of another enterprise's applications", async () => {
    const seeker = await newSeeker();
    const id = await createOk(member);
    const applied = await applyToPosting(seeker, id, "想应聘");
    if (!applied.ok) throw new Error(applied.error);
    expect(await getApplicationForEnterprise(member, applied.id)).not.toBeNull();
    expect(await getApplicationForEnterprise(otherMember, applied.id)).toBeNull();
    expect((await listEnterpriseApplications(otherMember, 1, { postingId: id })).rows).toHaveLength(0);
    expect(await moveApplication(otherMember, applied.id, { type: "advance", to: "viewed" })).toEqual({ ok: false, error: "notFound" });
    expect(await getApplicationForEnterprise(staff, applied.id)).toBeNull();
    const mine = await listEnterpriseApplications(member, 1, { postingId: id });
    expect(mine.rows.map((r) => r.id)).toEqual([applied.id]);
  });

  it("moves an application to intent reached step by step, tells the seeker, and counts it", async () => {
    const seeker = await newSeeker();
    const id = await createOk(member);
    const db = await getDb();
    await db.update(jobPostings).set({ fairId: 88 }).where(eq(jobPostings.id, id));
    const applied = await applyToPosting(seeker, id, null);
    if (!applied.ok) throw new Error(applied.error);
    // An interview needs its time, place and contact.
    expect(await moveApplication(member, applied.id, { type: "advance", to: "interview" })).toEqual({ ok: false, error: "interviewRequired" });
    for (const to of ["viewed", "shortlisted", "interview", "intent"] as const) {
      const interview = to === "interview" ? INTERVIEW : null;
      expect(await moveApplication(member, applied.id, { type: "advance", to }, null, interview)).toEqual({ ok: true, id: applied.id, status: to });
    }
    expect(await moveApplication(member, applied.id, { type: "advance", to: "shortlisted" })).toEqual({ ok: false, error: "notNext" });
    const mine = await listMyApplications(seeker, 1);
    expect(mine.rows[0]).toMatchObject({ id: applied.id, status: "intent" });
    const [n] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, seeker.userId));
    expect(n.n).toBe(4);
    expect(await countApplications({ fairId: 88, status: ["intent", "hired"] })).toBe(1);
    expect(await countApplications({ fairId: 88 })).toBe(1);
    expect(await moveApplication(member, applied.id, { type: "decline", reason: "" })).toEqual({ ok: false, error: "reasonRequired" });
    expect((await moveApplication(member, applied.id, { type: "decline", reason: "已招满" })).ok).toBe(true);
    expect(await moveApplication(member, applied.id, { type: "advance", to: "hired" })).toEqual({ ok: false, error: "final" });
    const detail = await getApplicationForEnterprise(member, applied.id);
    expect(detail?.events.map((e) => e.toStatus)).toEqual(["applied", "viewed", "shortlisted", "interview", "intent", "declined"]);
  });

  it("reaches hired in one step, tells the seeker of an interview's time, place and contact (in-app and email)", async () => {
    const seeker = await newSeeker();
    const id = await createOk(member, { title: "面试通知岗位" });
    const db = await getDb();
    const applied = await applyToPosting(seeker, id, null);
    const quick = await applyToPosting(await newSeeker(), id, null);
    if (!applied.ok || !quick.ok) throw new Error("apply failed");
    expect(await moveApplication(member, quick.id, { type: "advance", to: "hired" })).toEqual({ ok: true, id: quick.id, status: "hired" });

    expect((await moveApplication(member, applied.id, { type: "advance", to: "interview" }, null, INTERVIEW)).ok).toBe(true);
    const [row] = (await listMyApplications(seeker, 1)).rows;
    expect(row).toMatchObject({ status: "interview", interviewPlace: INTERVIEW.interviewPlace, interviewContact: INTERVIEW.interviewContact });
    expect(row.interviewAt?.toISOString()).toBe("2031-05-06T06:30:00.000Z");
    const [notice] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, seeker.userId))
      .orderBy(sql`${notifications.id} desc`)
      .limit(1);
    expect(notice).toMatchObject({
      messageKey: "jobs:notify.interview",
      params: { title: "面试通知岗位", time: "2031-05-06 14:30", place: INTERVIEW.interviewPlace, contact: INTERVIEW.interviewContact },
    });
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, `${seeker.userId}@test.local`))
      .orderBy(sql`${emailOutbox.id} desc`)
      .limit(1);
    expect(mail.subject).toContain("2031-05-06 14:30");
    expect(mail.subject).toContain(INTERVIEW.interviewPlace);
  });

  it("undoes only the last step, the same day, audited, and the seeker is told; undoing the interview clears it", async () => {
    const seeker = await newSeeker();
    const id = await createOk(member);
    const db = await getDb();
    const applied = await applyToPosting(seeker, id, null);
    if (!applied.ok) throw new Error(applied.error);
    // Nothing to undo on a new application (applying is the seeker's, not a step).
    expect(await undoLastStep(member, applied.id)).toEqual({ ok: false, error: "nothingToUndo" });
    expect((await moveApplication(member, applied.id, { type: "advance", to: "interview" }, null, INTERVIEW)).ok).toBe(true);
    expect((await moveApplication(member, applied.id, { type: "decline", reason: "另有人选" })).ok).toBe(true);
    expect((await getApplicationForEnterprise(member, applied.id))?.undoTo).toBe("interview");
    // Another enterprise cannot; a day later it is too late.
    expect(await undoLastStep(otherMember, applied.id)).toEqual({ ok: false, error: "notFound" });
    expect(await undoLastStep(member, applied.id, null, new Date(Date.now() + 86_400_000))).toEqual({ ok: false, error: "undoExpired" });

    expect(await undoLastStep(member, applied.id)).toEqual({ ok: true, id: applied.id, status: "interview" });
    let [app] = await db.select().from(jobApplications).where(eq(jobApplications.id, applied.id));
    expect(app).toMatchObject({ status: "interview", declineReason: null, interviewPlace: INTERVIEW.interviewPlace });
    // Only the last step: an undo is not undone, so a second undo does not walk back further.
    expect(await undoLastStep(member, applied.id)).toEqual({ ok: false, error: "nothingToUndo" });
    expect((await getApplicationForEnterprise(member, applied.id))?.undoTo).toBeNull();
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job_application.undo"), eq(auditEvents.entityId, String(applied.id))));
    expect(audit).toMatchObject({ before: { status: "declined", declineReason: "另有人选" }, after: { status: "interview" } });
    const [notice] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, seeker.userId))
      .orderBy(sql`${notifications.id} desc`)
      .limit(1);
    expect(notice).toMatchObject({ messageKey: "jobs:notify.stepUndone", params: { status: "interview" } });

    // A new step can be undone again; undoing the move to "interview" clears the interview.
    const again = await applyToPosting(await newSeeker(), id, null);
    if (!again.ok) throw new Error(again.error);
    expect((await moveApplication(member, again.id, { type: "advance", to: "interview" }, null, INTERVIEW)).ok).toBe(true);
    expect(await undoLastStep(member, again.id)).toEqual({ ok: true, id: again.id, status: "applied" });
    [app] = await db.select().from(jobApplications).where(eq(jobApplications.id, again.id));
    expect(app).toMatchObject({ status: "applied", interviewAt: null, interviewPlace: null, interviewContact: null });
    const detail = await getApplicationForEnterprise(member, again.id);
    expect(detail?.events.map((e) => [e.toStatus, e.undo])).toEqual([
      ["applied", false],
      ["interview", false],
      ["applied", true],
    ]);
  });

  it("hides a posting on moderation: gone for the public, the reason shown to its enterprise", async () => {
    const id = await createOk(member, { title: "模具学徒" });
    expect(await moderatePosting(member, id, { hide: true, reason: "x" })).toEqual({ ok: false, error: "notFound" });
    expect((await moderatePosting(staff, id, { hide: true, reason: "薪资描述不实" })).ok).toBe(true);
    expect(await getPosting(null, id)).toBeNull();
    expect(await getPosting(otherMember, id)).toBeNull();
    const own = await getPosting(member, id);
    expect(own?.state).toBe("hidden");
    expect(own?.posting.hiddenReason).toBe("薪资描述不实");
    const { rows } = await listPublicPostings(search(`q=${encodeURIComponent("模具学徒")}`), 1);
    expect(rows.map((r) => r.id)).not.toContain(id);
    expect(await applyToPosting(await newSeeker(), id, null)).toEqual({ ok: false, error: "notFound" });
    expect((await moderatePosting(staff, id, { hide: false })).ok).toBe(true);
    expect((await getPosting(null, id))?.state).toBe("open");
  });

  it("stops a posting at its closing date or when closed by hand", async () => {
    const id = await createOk(member, { title: "鞋底打磨临时工" });
    const db = await getDb();
    await db
      .update(jobPostings)
      .set({ closesOn: addDays(-1) })
      .where(eq(jobPostings.id, id));
    expect((await getPosting(null, id))?.state).toBe("expired");
    expect((await listPublicPostings(search(`q=${encodeURIComponent("打磨临时")}`), 1)).rows).toHaveLength(0);
    expect(await applyToPosting(await newSeeker(), id, null)).toEqual({ ok: false, error: "notOpen" });
    await db
      .update(jobPostings)
      .set({ closesOn: addDays(0) })
      .where(eq(jobPostings.id, id));
    expect((await getPosting(null, id))?.state).toBe("open");
    expect(await closePosting(otherMember, id)).toEqual({ ok: false, error: "notFound" });
    expect((await closePosting(member, id)).ok).toBe(true);
    expect(await closePosting(member, id)).toEqual({ ok: false, error: "alreadyClosed" });
    expect((await getPosting(null, id))?.state).toBe("closed");
    expect(await applyToPosting(await newSeeker(), id, null)).toEqual({ ok: false, error: "notOpen" });
  });

  it("shows a résumé only to its seeker and to enterprises it applied to", async () => {
    const seeker = await newSeeker();
    const profile = {
      fullName: "李同学",
      phone: "13811112222",
      school: "瑞安职专",
      major: "鞋类设计",
      graduationYear: 2026,
      education: "high_school" as const,
      skills: "平车",
    };
    expect(await saveProfile(seeker, profile, { name: "cv.pdf", bytes: new TextEncoder().encode("<html>") })).toEqual({ ok: false, error: "resumeType" });
    expect(await saveProfile(seeker, profile, { name: "cv.pdf", bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x25) })).toEqual({
      ok: false,
      error: "resumeTooLarge",
    });
    expect(await saveProfile(seeker, profile, { name: "我的简历.pdf", bytes: new TextEncoder().encode("%PDF-1.4 resume") })).toEqual({ ok: true });
    expect((await findResume(seeker, seeker.userId))?.originalName).toBe("我的简历.pdf");
    expect(await findResume(member, seeker.userId)).toBeNull();
    const id = await createOk(member);
    expect((await applyToPosting(seeker, id, null)).ok).toBe(true);
    expect(await (await sendFile((await findResume(member, seeker.userId))!)).text()).toBe("%PDF-1.4 resume");
    expect(await findResume(otherMember, seeker.userId)).toBeNull();
    expect(await findResume(await newSeeker(), seeker.userId)).toBeNull();
  });
});
