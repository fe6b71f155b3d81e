// Editing postings and the applications CSV of an enterprise, on a real database.
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema/accounts";
import { enterpriseUsers } from "../../db/schema/members";
import { jobPostings } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import { shanghaiToday } from "../../app/lib/format";
import type { Actor } from "../../app/lib/permissions";
import Papa from "papaparse";
import { translator } from "../../app/lib/i18n";
import { applicationsCsv } from "../../app/modules/jobs/applications-csv";
import { applyToPosting, exportEnterpriseApplications, listEnterpriseApplications, moveApplication } from "../../app/modules/jobs/applications.server";
import { saveProfile } from "../../app/modules/jobs/profiles.server";
import {
  closePosting,
  createPosting,
  getPosting,
  getPostingForEdit,
  listPublicPostings,
  moderatePosting,
  updatePosting,
} from "../../app/modules/jobs/postings.server";
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
const seeker = actorOf("seeker", { userId: "demo-seeker" });

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

async function createOk(overrides: Partial<PostingInput> = {}): Promise<number> {
  const r = await createPosting(member, input(overrides));
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

beforeAll(async () => {
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx, 2026));
  member = (await loadActor("demo-member"))!;
  await db.insert(users).values({ id: "it-member-2", email: "m2@test.local", passwordHash: "x", displayName: "另一企业", role: "member" });
  await db.insert(enterpriseUsers).values({ enterpriseId: 2, userId: "it-member-2" });
  otherMember = (await loadActor("it-member-2"))!;
});

describe("editing a posting", () => {
  it("gives the edit form only to the posting's enterprise, with the values as typed on create", async () => {
    const id = await createOk({ title: "编辑表单岗位", salaryMin: 5500 });
    const own = await getPostingForEdit(member, id);
    expect(own?.values).toMatchObject({
      enterpriseId: "1",
      title: "编辑表单岗位",
      headcount: "6",
      salaryMin: "5500",
      salaryMax: "9000",
      benefits: "包吃住",
      closesOn: addDays(30),
    });
    expect(own?.state).toBe("open");
    for (const other of [otherMember, staff, seeker, null]) expect(await getPostingForEdit(other, id)).toBeNull();
    expect(await getPostingForEdit(member, 2_147_483_000)).toBeNull();
  });

  it("saves every field, renews the search text, keeps the fair, and audits before and after", async () => {
    const id = await createOk({ title: "成型流水线工" });
    const db = await getDb();
    await db.update(jobPostings).set({ fairId: 91 }).where(eq(jobPostings.id, id));
    const changed = input({
      title: "注塑机调机师傅",
      headcount: 2,
      salaryMin: 8000,
      salaryMax: 12000,
      education: "high_school",
      experience: "y3to5",
      jobType: "part_time",
      location: "塘下镇",
      description: "负责注塑机调试与保养。",
      benefits: null,
      contact: "陈先生 13900001111",
      closesOn: addDays(45),
    });
    expect(await updatePosting(member, id, changed, "127.0.0.9")).toEqual({ ok: true, id });
    const [row] = await db.select().from(jobPostings).where(eq(jobPostings.id, id));
    expect(row).toMatchObject({
      title: "注塑机调机师傅",
      headcount: 2,
      salaryMinFen: 800_000,
      salaryMaxFen: 1_200_000,
      education: "high_school",
      experience: "y3to5",
      jobType: "part_time",
      location: "塘下镇",
      description: "负责注塑机调试与保养。",
      benefits: null,
      contact: "陈先生 13900001111",
      closesOn: addDays(45),
      fairId: 91,
      enterpriseId: 1,
    });
    expect((await listPublicPostings(search(`q=${encodeURIComponent("调机")}`), 1)).rows.map((r) => r.id)).toContain(id);
    expect((await listPublicPostings(search(`q=${encodeURIComponent("成型流水")}`), 1)).rows.map((r) => r.id)).not.toContain(id);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job_posting.update"), eq(auditEvents.entityId, String(id))))
      .orderBy(desc(auditEvents.id));
    expect(audit.actorId).toBe("demo-member");
    expect(audit.before).toMatchObject({ title: "成型流水线工", salaryMinFen: 600_000, location: "仙降街道" });
    expect(audit.after).toMatchObject({ title: "注塑机调机师傅", salaryMinFen: 800_000, location: "塘下镇" });
  });

  it("refuses another enterprise, staff and seekers, and a move to another enterprise", async () => {
    const id = await createOk({ title: "不许改的岗位" });
    for (const other of [otherMember, staff, seeker, null])
      expect(await updatePosting(other, id, input({ title: "改了" }))).toEqual({ ok: false, error: "notFound" });
    expect(await updatePosting(otherMember, id, input({ enterpriseId: 2, title: "改了" }))).toEqual({ ok: false, error: "notFound" });
    expect(await updatePosting(member, id, input({ enterpriseId: 2, title: "改了" }))).toEqual({ ok: false, error: "enterpriseFixed" });
    expect((await getPosting(null, id))?.posting.title).toBe("不许改的岗位");
  });

  it("applies the closing date rule of create to a new date, and lets an expired posting be reopened or kept", async () => {
    const id = await createOk({ title: "截止日期岗位" });
    expect(await updatePosting(member, id, input({ title: "截止日期岗位", closesOn: addDays(-1) }))).toEqual({ ok: false, error: "closesInPast" });
    expect((await updatePosting(member, id, input({ title: "截止日期岗位", closesOn: addDays(0) }))).ok).toBe(true);
    const db = await getDb();
    await db
      .update(jobPostings)
      .set({ closesOn: addDays(-3) })
      .where(eq(jobPostings.id, id));
    expect((await getPostingForEdit(member, id))?.state).toBe("expired");
    // The date left as it was: the text is corrected, the posting stays expired.
    expect((await updatePosting(member, id, input({ title: "截止日期岗位（更正）", closesOn: addDays(-3) }))).ok).toBe(true);
    expect((await getPosting(null, id))?.state).toBe("expired");
    expect(await updatePosting(member, id, input({ closesOn: addDays(-2) }))).toEqual({ ok: false, error: "closesInPast" });
    expect((await updatePosting(member, id, input({ closesOn: addDays(10) }))).ok).toBe(true);
    expect((await getPosting(null, id))?.state).toBe("open");
  });

  it("keeps a posting hidden by staff hidden, with its reason", async () => {
    const id = await createOk({ title: "被下架的岗位" });
    expect((await moderatePosting(staff, id, { hide: true, reason: "待核实工资" })).ok).toBe(true);
    expect((await getPostingForEdit(member, id))?.hiddenReason).toBe("待核实工资");
    expect((await updatePosting(member, id, input({ title: "被下架的岗位（已改）" }))).ok).toBe(true);
    expect(await getPosting(null, id)).toBeNull();
    const own = await getPosting(member, id);
    expect(own?.state).toBe("hidden");
    expect(own?.posting).toMatchObject({ title: "被下架的岗位（已改）", hiddenReason: "待核实工资" });
  });

  it("refuses to edit a closed posting", async () => {
    const id = await createOk({ title: "已关闭岗位" });
    expect((await closePosting(member, id)).ok).toBe(true);
    expect((await getPostingForEdit(member, id))?.state).toBe("closed");
    expect(await updatePosting(member, id, input({ title: "再改" }))).toEqual({ ok: false, error: "alreadyClosed" });
  });
});

describe("the applications CSV of an enterprise", () => {
  async function newSeeker(id: string, name: string): Promise<NonNullable<Actor>> {
    const db = await getDb();
    await db.insert(users).values({ id, email: `${id}@test.local`, passwordHash: "x", displayName: name, role: "seeker", phone: "13800000000" });
    return actorOf("seeker", { userId: id, displayName: name });
  }

  it("holds every application to the enterprise's own postings, with the list's filters, and none of another enterprise", async () => {
    const ours = await createOk({ title: "导出测试岗位" });
    const theirsResult = await createPosting(otherMember, input({ enterpriseId: 2, title: "别家导出岗位" }));
    if (!theirsResult.ok) throw new Error(theirsResult.error);
    const theirs = theirsResult.id;
    const a = await newSeeker("csv-seeker-a", "陈甲");
    const b = await newSeeker("csv-seeker-b", '=HYPERLINK("http://x")');
    const c = await newSeeker("csv-seeker-c", "别家求职者");
    await saveProfile(
      a,
      { fullName: "陈小甲", phone: "13911112222", school: "瑞安职专", major: "鞋类设计", graduationYear: 2026, education: "high_school", skills: null },
      null,
    );
    const appA = await applyToPosting(a, ours, "可以马上到岗");
    const appB = await applyToPosting(b, ours, "+1 经验丰富");
    const appC = await applyToPosting(c, theirs, "别家留言");
    if (!appA.ok || !appB.ok || !appC.ok) throw new Error("apply failed");
    expect((await moveApplication(member, appA.id, { type: "advance", to: "viewed" })).ok).toBe(true);

    const all = await exportEnterpriseApplications(member);
    const ids = all.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([appA.id, appB.id]));
    expect(ids).not.toContain(appC.id);
    // The same rows as the paged list the enterprise sees, all of them.
    const list = await listEnterpriseApplications(member, 1);
    expect(all).toHaveLength(list.total);
    expect(all.every((r) => r.enterpriseName === all[0].enterpriseName)).toBe(true);
    expect(all.find((r) => r.id === appA.id)).toMatchObject({
      seekerName: "陈小甲",
      phone: "13911112222",
      school: "瑞安职专",
      education: "high_school",
      status: "viewed",
      message: "可以马上到岗",
      title: "导出测试岗位",
    });

    expect((await exportEnterpriseApplications(member, { postingId: ours })).map((r) => r.id).sort()).toEqual([appA.id, appB.id].sort());
    expect((await exportEnterpriseApplications(member, { postingId: ours, status: "viewed" })).map((r) => r.id)).toEqual([appA.id]);
    // Asking for another enterprise's posting gives nothing, not its rows.
    expect(await exportEnterpriseApplications(member, { postingId: theirs })).toEqual([]);
    const theirIds = (await exportEnterpriseApplications(otherMember)).map((r) => r.id);
    expect(theirIds).toContain(appC.id);
    expect(theirIds).not.toContain(appA.id);
    expect(theirIds.filter((id) => ids.includes(id))).toEqual([]);
    for (const other of [staff, seeker, a]) expect(await exportEnterpriseApplications(other)).toEqual([]);

    const csv = applicationsCsv(all, translator("zh-CN"), "zh-CN");
    expect(csv.startsWith("\uFEFF申请编号,岗位,招聘企业,求职者,手机号码")).toBe(true);
    expect(csv).not.toContain("别家");
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(all.length + 1);
    const rowA = parsed.find((r) => r[0] === String(appA.id))!;
    expect(rowA.slice(1, 5)).toEqual(["导出测试岗位", all[0].enterpriseName, "陈小甲", "13911112222"]);
    expect(rowA[8]).toBe("高中/中专");
    expect(rowA[10]).toBe("已查看");
    const rowB = parsed.find((r) => r[0] === String(appB.id))!;
    // A seeker's text that looks like a formula is escaped, not left for the spreadsheet to run.
    expect(rowB[3]).toBe('\'=HYPERLINK("http://x")');
    expect(rowB[14]).toBe("'+1 经验丰富");
  });
});
