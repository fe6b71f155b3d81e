import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, notifications, users } from "../../db/schema/accounts";
import { associations, dues, enterpriseUsers, enterprises, joinApplications, membershipStatusChanges, memberships } from "../../db/schema/members";
import { seedDemo } from "../../db/seed/demo.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { IMPORT_COLUMNS } from "../../app/modules/members/csv-import";
import { applyToJoin, approveApplication, rejectApplication } from "../../app/modules/members/join.server";
import {
  changeMembershipStatus,
  decideChangeRequest,
  exportEnterprisesCsv,
  getEnterpriseRecord,
  importEnterprises,
  villages,
  enterprisePageQuery,
  listEnterprises,
  recordDuesPaid,
  updateEnterprise,
} from "../../app/modules/members/members.server";
import { myDashboard, myEnterprise, requestChange, updateContact } from "../../app/modules/members/my.server";
import { listDirectory } from "../../app/modules/members/directory.server";
import { enterpriseProfileSchema, joinApplicationSchema } from "../../app/modules/members/forms";
import { actorOf } from "../support/actors";
import { translator } from "../../app/lib/i18n";
import { NOT_FOUND } from "../../app/lib/command.server";

const staff = actorOf("staff", { userId: "demo-staff" });
let centreId = 0;
let seq = 500_000;

function application(over: Record<string, string> = {}) {
  seq++;
  return joinApplicationSchema.parse({
    associationId: String(centreId),
    name: `瑞安市集成测试${seq}鞋业有限公司`,
    creditCode: generateCreditCode(seq),
    legalRep: "王测试",
    address: "瑞安市测试路1号",
    village: "云江村",
    segment: "soles",
    annualOutputWan: "1200",
    employees: "50",
    exportSharePct: "20",
    contactPerson: "王测试",
    phone: "13811112222",
    email: "",
    publicFields: ["segment", "phone"],
    displayName: "王测试",
    userEmail: `applicant-${seq}@it.test`,
    password: "long-enough-pw",
    confirmPassword: "long-enough-pw",
    ...over,
  });
}

async function auditCount(action: string, entityId?: string | number) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(entityId === undefined ? eq(auditEvents.action, action) : and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(entityId))));
  return row.n;
}

describe("member enterprises and memberships", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    const [centre] = await db.select().from(associations).where(eq(associations.code, "yunjiang"));
    centreId = centre.id;
  });

  it("keeps the source's figures and searches Chinese names by bigram", async () => {
    const centreActive = await listEnterprises({ association: centreId, status: "active" }, 1);
    expect(centreActive.total).toBe(179);
    expect((await listEnterprises({ association: centreId, status: "active", aboveSize: "yes" }, 1)).total).toBe(21);
    const shoes = await listEnterprises({ q: "鞋业" }, 1, 500);
    expect(shoes.total).toBeGreaterThan(0);
    for (const r of shoes.rows) expect(r.name).toContain("鞋业");
    const one = shoes.rows[0];
    const byCode = await listEnterprises({ q: one.creditCode.slice(0, 12).toLowerCase() }, 1);
    expect(byCode.rows.map((r) => r.id)).toContain(one.id);
  });

  it("lists a page with its memberships and the filter's villages, each once and in the database's order", async () => {
    const db = await getDb();
    const expected = (await db.selectDistinct({ v: enterprises.village }).from(enterprises).orderBy(enterprises.village)).map((r) => r.v);
    expect(expected.length).toBeGreaterThan(1);
    expect(await villages()).toEqual(expected);
    const page = await listEnterprises({ association: centreId }, 2);
    const ids = page.rows.map((r) => r.id);
    const links = await db
      .select({ id: memberships.id, enterpriseId: memberships.enterpriseId })
      .from(memberships)
      .where(inArray(memberships.enterpriseId, ids));
    expect(page.rows.flatMap((r) => r.memberships.map((m) => m.id)).sort((a, b) => a - b)).toEqual(links.map((l) => l.id).sort((a, b) => a - b));
    for (const r of page.rows)
      expect(r.memberships.map((m) => m.id)).toEqual(
        links
          .filter((l) => l.enterpriseId === r.id)
          .map((l) => l.id)
          .sort((a, b) => a - b),
      );
  });

  it("reads a later page of the name order from its index, not by sorting every enterprise", async () => {
    type PlanNode = { "Node Type": string; "Index Name"?: string; "Actual Rows": number; Plans?: PlanNode[] };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const db = await getDb();
    const page = await listEnterprises({}, 3);
    const plan = await db.transaction(async (tx) => {
      // Without the sequential scan the planner shows whether an index gives the whole order (name, id).
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = (await tx.execute(sql`explain (analyze, format json) ${enterprisePageQuery(tx, {}, 3)}`)) as unknown as {
        rows?: Record<string, unknown>[];
      } & Record<string, unknown>[];
      const [row] = result.rows ?? result;
      const json = Object.values(row)[0];
      return nodes(((typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[])[0].Plan);
    });
    // Only the page's own rows are sorted (none of the ones skipped before it).
    for (const sort of plan.filter((n) => n["Node Type"].includes("Sort"))) expect(sort["Actual Rows"]).toBeLessThanOrEqual(page.rows.length);
    expect(plan.some((n) => n["Index Name"] === "enterprises_name_id_idx")).toBe(true);
    const all = await db.select({ id: enterprises.id }).from(enterprises).orderBy(enterprises.name, enterprises.id);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(2 * page.rows.length, 3 * page.rows.length).map((r) => r.id));
  });

  it("applies: a member account and a pending application in one transaction, audited, staff notified", async () => {
    const input = application();
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, "demo-staff"));
    const result = await applyToJoin(input, "10.0.0.1");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [user] = await db.select().from(users).where(eq(users.id, result.userId));
    expect(user.role).toBe("member");
    const [app] = await db.select().from(joinApplications).where(eq(joinApplications.id, result.applicationId));
    expect(app).toMatchObject({ status: "pending", creditCode: input.creditCode, applicantUserId: result.userId });
    expect(await auditCount("join_application.create", result.applicationId)).toBe(1);
    expect(await auditCount("user.create", result.userId)).toBe(1);
    const [after] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, "demo-staff"));
    expect(after.n).toBe(before.n + 1);
    const dash = await myDashboard(actorOf("member", { userId: result.userId }));
    expect(dash.enterprises).toEqual([]);
    expect(dash.applications.map((a) => a.status)).toEqual(["pending"]);

    // The same code again (pending) or an existing member's code is refused; nothing is written.
    const [users0] = await db.select({ n: count() }).from(users);
    // Both with the same answer: whether a code is a member's or pending is not told to the public.
    expect(await applyToJoin(application({ creditCode: input.creditCode }), null)).toEqual({
      ok: false,
      field: "creditCode",
      error: "members:errors.creditCodeUnavailable",
    });
    const [existing] = await db.select().from(enterprises).limit(1);
    expect(await applyToJoin(application({ creditCode: existing.creditCode }), null)).toEqual({
      ok: false,
      field: "creditCode",
      error: "members:errors.creditCodeUnavailable",
    });
    expect(await applyToJoin(application({ userEmail: "staff@demo.test" }), null)).toMatchObject({ ok: false, field: "userEmail" });
    const [users1] = await db.select({ n: count() }).from(users);
    expect(users1.n).toBe(users0.n);
  });

  it("refuses a credit code whose check character is wrong", () => {
    const good = generateCreditCode(4242);
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    const parsed = joinApplicationSchema.safeParse({
      ...application(),
      creditCode: bad,
      annualOutputWan: "1",
      employees: "1",
      exportSharePct: "1",
      confirmPassword: "long-enough-pw",
      password: "long-enough-pw",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path[0] === "creditCode")?.message).toBe("members:errors.creditCode");
  });

  it("approves: enterprise, owner link, active membership with history and dues, audited, applicant notified", async () => {
    const input = application();
    const applied = await applyToJoin(input, null);
    if (!applied.ok) throw new Error("apply failed");
    const result = await approveApplication(staff, applied.applicationId, "council_member", "10.0.0.2", "2026-11-26");
    expect(result.ok).toBe(true);
    if (!result.ok || !result.enterpriseId) return;
    const db = await getDb();
    const [e] = await db.select().from(enterprises).where(eq(enterprises.id, result.enterpriseId));
    expect(e).toMatchObject({ name: input.name, creditCode: input.creditCode, annualOutputFen: 1200 * 1_000_000, publicFields: ["segment", "phone"] });
    const [link] = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, e.id));
    expect(link).toMatchObject({ userId: applied.userId, isOwner: true });
    const [m] = await db.select().from(memberships).where(eq(memberships.enterpriseId, e.id));
    expect(m).toMatchObject({ status: "active", type: "council_member", associationId: centreId, joinedOn: "2026-11-26" });
    expect(await db.select().from(membershipStatusChanges).where(eq(membershipStatusChanges.membershipId, m.id))).toHaveLength(1);
    const [d] = await db.select().from(dues).where(eq(dues.membershipId, m.id));
    expect(d).toMatchObject({ year: 2026, amountFen: 300_000, dueOn: "2026-12-26", paidOn: null });
    expect(await auditCount("enterprise.create", e.id)).toBe(1);
    expect(await auditCount("membership.create", m.id)).toBe(1);
    expect(await auditCount("join_application.approve", applied.applicationId)).toBe(1);
    const notes = await db.select().from(notifications).where(eq(notifications.userId, applied.userId));
    expect(notes.map((n) => n.messageKey)).toContain("notifications.joinApproved");
    const dash = await myDashboard(actorOf("member", { userId: applied.userId, enterpriseIds: [e.id] }), "2026-11-26");
    expect(dash.enterprises.map((x) => x.id)).toEqual([e.id]);
    expect(dash.enterprises[0].memberships[0]).toMatchObject({ status: "active", duesState: "due_soon", nextStep: "members:next.payDueSoon" });
    // Deciding twice is refused; the public directory now lists it.
    expect(await rejectApplication(staff, applied.applicationId, "x", null)).toEqual({ ok: false, error: "members:errors.alreadyDecided" });
    const dir = await listDirectory({ q: input.name }, 1);
    expect(dir.rows.map((r) => r.name)).toEqual([input.name]);
    expect(dir.rows[0]).toMatchObject({ phone: "13811112222", address: null, contactPerson: null, legalRep: null });
  });

  it("rejects with a reason, audited, and the applicant sees the reason", async () => {
    const applied = await applyToJoin(application(), null);
    if (!applied.ok) throw new Error("apply failed");
    expect(await rejectApplication(staff, applied.applicationId, "资料不全", null)).toEqual({ ok: true });
    expect(await auditCount("join_application.reject", applied.applicationId)).toBe(1);
    const dash = await myDashboard(actorOf("member", { userId: applied.userId }));
    expect(dash.applications[0]).toMatchObject({ status: "rejected", decisionReason: "资料不全" });
    expect(await approveApplication(staff, applied.applicationId, "member", null)).toEqual({ ok: false, error: "members:errors.alreadyDecided" });
  });

  it("imports all-or-nothing: one bad row rejects the file and is reported by line", async () => {
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(enterprises);
    const row = (seed: number, over: Record<string, string> = {}) => {
      const v: Record<string, string> = {
        name: `瑞安市导入${seed}鞋材有限公司`,
        credit_code: generateCreditCode(seed),
        legal_rep: "陈导入",
        address: "瑞安市导入路",
        village: "云江村",
        segment: "materials",
        above_size: "否",
        annual_output_wan: "300",
        employees: "12",
        export_share_pct: "0",
        contact_person: "陈导入",
        phone: "13900001111",
        email: "",
        association_code: "yunjiang",
        membership_type: "member",
        ...over,
      };
      return IMPORT_COLUMNS.map((c) => v[c]).join(",");
    };
    const head = IMPORT_COLUMNS.join(",");
    const bad = [head, row(610_001), row(610_002), row(610_003, { credit_code: "91330381MA000000X0" }), row(610_004)].join("\n");
    const refused = await importEnterprises(staff, bad, null);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems).toEqual([{ line: 4, column: "credit_code", message: "members:errors.creditCode" }]);
    const [same] = await db.select({ n: count() }).from(enterprises);
    expect(same.n).toBe(before.n);
    const good = [head, row(610_001), row(610_002), row(610_004, { association_code: "federation", membership_type: "executive_committee" })].join("\n");
    expect(await importEnterprises(staff, good, null)).toEqual({ ok: true, created: 3 });
    const [after] = await db.select({ n: count() }).from(enterprises);
    expect(after.n).toBe(before.n + 3);
    expect(await auditCount("enterprise.import")).toBe(1);
    // Importing the same file again: every row is a duplicate of the database.
    const again = await importEnterprises(staff, good, null);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(await importEnterprises(staff, `${head}\n${row(610_009, { name: "a\u0000b" })}`, null)).toEqual({
      ok: false,
      problems: [{ line: 1, column: null, message: "members:import.badFile" }],
    });
    const csv = await exportEnterprisesCsv({ q: "导入" }, "zh-CN");
    expect(csv.startsWith("\uFEFF企业名称,统一社会信用代码")).toBe(true);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
  });

  it("keeps blank optional figures blank (null, not 0) through join, approval, staff edit, import and export", async () => {
    const db = await getDb();
    const blank = { annualOutputWan: "", employees: "", exportSharePct: "" };
    const applied = await applyToJoin(application(blank), null);
    if (!applied.ok) throw new Error("apply failed");
    const approved = await approveApplication(staff, applied.applicationId, "member", null, "2026-11-26");
    if (!approved.ok || !approved.enterpriseId) throw new Error("approve failed");
    const figures = { annualOutputFen: enterprises.annualOutputFen, employees: enterprises.employees, exportSharePct: enterprises.exportSharePct };
    const [joined] = await db.select(figures).from(enterprises).where(eq(enterprises.id, approved.enterpriseId));
    expect(joined).toEqual({ annualOutputFen: null, employees: null, exportSharePct: null });
    // Staff give the figures (0 typed is 0), then blank them again.
    const record = await getEnterpriseRecord(approved.enterpriseId);
    if (!record) throw new Error("no record");
    const profile = (over: Record<string, string>) =>
      enterpriseProfileSchema.parse({
        ...record.enterprise,
        email: record.enterprise.email ?? "",
        annualOutputWan: "",
        employees: "",
        exportSharePct: "",
        ...over,
      });
    expect((await updateEnterprise(staff, approved.enterpriseId, profile({ annualOutputWan: "0", employees: "0", exportSharePct: "0" }), null)).ok).toBe(true);
    expect((await db.select(figures).from(enterprises).where(eq(enterprises.id, approved.enterpriseId)))[0]).toEqual({
      annualOutputFen: 0,
      employees: 0,
      exportSharePct: 0,
    });
    expect((await updateEnterprise(staff, approved.enterpriseId, profile({}), null)).ok).toBe(true);
    expect((await db.select(figures).from(enterprises).where(eq(enterprises.id, approved.enterpriseId)))[0]).toEqual({
      annualOutputFen: null,
      employees: null,
      exportSharePct: null,
    });
    // The export writes blanks, not 0, for a figure not given.
    const csv = await exportEnterprisesCsv({ q: record.enterprise.name }, "en");
    const [, line] = csv.split("\r\n");
    expect(line.split(",").slice(7, 10)).toEqual(["", "", ""]);
    // A CSV import row with the three cells blank.
    const head = IMPORT_COLUMNS.join(",");
    const code = generateCreditCode(611_001);
    const v: Record<string, string> = {
      name: "瑞安市空白导入鞋材有限公司",
      credit_code: code,
      legal_rep: "陈导入",
      address: "瑞安市导入路",
      village: "云江村",
      segment: "materials",
      above_size: "否",
      annual_output_wan: "",
      employees: "",
      export_share_pct: "",
      contact_person: "陈导入",
      phone: "13900001111",
      email: "",
      association_code: "yunjiang",
      membership_type: "member",
    };
    expect(await importEnterprises(staff, `${head}\n${IMPORT_COLUMNS.map((c) => v[c]).join(",")}`, null)).toEqual({ ok: true, created: 1 });
    expect((await db.select(figures).from(enterprises).where(eq(enterprises.creditCode, code)))[0]).toEqual({
      annualOutputFen: null,
      employees: null,
      exportSharePct: null,
    });
  });

  it("scopes a member to its own enterprises: another's record is not found and not changed", async () => {
    const db = await getDb();
    const [own] = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.userId, "demo-member"));
    const member = actorOf("member", { userId: "demo-member", enterpriseIds: [own.enterpriseId] });
    const [other] = await db
      .select()
      .from(enterprises)
      .where(inArray(enterprises.id, [own.enterpriseId + 1]));
    expect(await myEnterprise(member, other.id)).toBeNull();
    const contact = { contactPerson: "入侵者", phone: "13800000000", email: null, address: "x", publicFields: [] };
    expect(await updateContact(member, other.id, contact, null)).toEqual({ ok: false, error: "notFound" });
    expect(await requestChange(member, other.id, { name: "偷改", creditCode: null, note: null }, null)).toEqual({ ok: false, error: "notFound" });
    const [unchanged] = await db.select().from(enterprises).where(eq(enterprises.id, other.id));
    expect(unchanged.contactPerson).toBe(other.contactPerson);
    // Its own: contact change audited with before/after; a name change goes to staff.
    expect(await updateContact(member, own.enterpriseId, { ...contact, contactPerson: "林新联系人", address: "瑞安市新地址" }, null)).toEqual({ ok: true });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "enterprise.contact"), eq(auditEvents.entityId, String(own.enterpriseId))));
    expect((audit.after as { contactPerson: string }).contactPerson).toBe("林新联系人");
    expect((audit.before as { contactPerson: string }).contactPerson).not.toBe("林新联系人");
    expect(await requestChange(member, own.enterpriseId, { name: "瑞安市改名鞋业有限公司", creditCode: null, note: "已换照" }, null)).toEqual({ ok: true });
    expect(await requestChange(member, own.enterpriseId, { name: "再改", creditCode: null, note: null }, null)).toEqual({
      ok: false,
      error: "members:errors.changePending",
    });
    const record = await getEnterpriseRecord(own.enterpriseId);
    const req = record!.changeRequests[0];
    expect(await decideChangeRequest(staff, own.enterpriseId + 1, { requestId: req.id, decision: "approve", reason: null }, null)).toEqual({
      ok: false,
      error: { code: NOT_FOUND },
    });
    expect(await decideChangeRequest(staff, own.enterpriseId, { requestId: req.id, decision: "approve", reason: null }, null)).toEqual({ ok: true });
    const [renamed] = await db.select().from(enterprises).where(eq(enterprises.id, own.enterpriseId));
    expect(renamed.name).toBe("瑞安市改名鞋业有限公司");
    expect((await listEnterprises({ q: "改名鞋业" }, 1)).rows.map((r) => r.id)).toEqual([own.enterpriseId]);
  });

  it("changes status only along the rules, with a reason where required, and paying restores a lapsed membership", async () => {
    const db = await getDb();
    const [m] = await db.select().from(memberships).where(eq(memberships.status, "active")).limit(1);
    expect(await changeMembershipStatus(staff, m.enterpriseId, { membershipId: m.id, status: "suspended", reason: null }, null)).toMatchObject({
      ok: false,
      error: { code: "members:errors.reasonRequired" },
    });
    expect(await changeMembershipStatus(staff, m.enterpriseId, { membershipId: m.id, status: "pending", reason: "x" }, null)).toMatchObject({
      ok: false,
      error: { code: "members:errors.transitionNotAllowed" },
    });
    expect(await changeMembershipStatus(staff, m.enterpriseId + 1, { membershipId: m.id, status: "lapsed", reason: "x" }, null)).toMatchObject({
      ok: false,
      error: { code: NOT_FOUND },
    });
    expect(await changeMembershipStatus(staff, m.enterpriseId, { membershipId: m.id, status: "lapsed", reason: "会费未缴" }, null)).toEqual({ ok: true });
    const [d] = await db.select().from(dues).where(eq(dues.membershipId, m.id));
    if (d.paidOn) await db.update(dues).set({ paidOn: null }).where(eq(dues.id, d.id));
    expect(await recordDuesPaid(staff, m.enterpriseId, { duesId: d.id, paidOn: "2026-11-20" }, null)).toEqual({ ok: true });
    expect(await recordDuesPaid(staff, m.enterpriseId, { duesId: d.id, paidOn: "2026-11-20" }, null)).toMatchObject({
      ok: false,
      error: { code: "members:errors.alreadyPaid" },
    });
    const [after] = await db.select().from(memberships).where(eq(memberships.id, m.id));
    expect(after.status).toBe("active");
    const history = await db.select().from(membershipStatusChanges).where(eq(membershipStatusChanges.membershipId, m.id));
    expect(history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(["active>lapsed", "lapsed>active"]);
    expect(await auditCount("membership.status", m.id)).toBe(2);
    expect(await auditCount("dues.paid", d.id)).toBe(1);
  });

  it("tells the enterprise's users when staff change a membership's status, with the reason", async () => {
    const db = await getDb();
    const [link] = await db
      .select({ membership: memberships, userId: enterpriseUsers.userId })
      .from(memberships)
      .innerJoin(enterpriseUsers, eq(enterpriseUsers.enterpriseId, memberships.enterpriseId))
      .where(eq(memberships.status, "active"))
      .limit(1);
    const m = link.membership;
    const before = await db.select().from(notifications).where(eq(notifications.userId, link.userId));
    expect(await changeMembershipStatus(staff, m.enterpriseId, { membershipId: m.id, status: "suspended", reason: "拖欠会费两年" }, null)).toEqual({
      ok: true,
    });
    const after = await db.select().from(notifications).where(eq(notifications.userId, link.userId));
    const added = after.filter((n) => !before.some((b) => b.id === n.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ messageKey: "notifications.membershipStatusChangedBecause", link: `/my/enterprises/${m.enterpriseId}` });
    const t = translator("zh-CN");
    expect(t(added[0].messageKey, added[0].params as Record<string, string>)).toMatch(/会员状态已由协会改为“已暂停”，原因：拖欠会费两年$/);
    expect(translator("en")(added[0].messageKey, added[0].params as Record<string, string>)).toMatch(/to “Suspended”\. Reason: 拖欠会费两年$/);
  });
});
