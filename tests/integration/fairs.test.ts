import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema/accounts";
import { fairBooths, jobFairs, labourPosts } from "../../db/schema/fairs";
import { associations, memberships } from "../../db/schema/members";
import { seedDemo } from "../../db/seed/demo.server";
import { DEMO_FAIR_FIGURES } from "../../db/seed/fairs.server";
import { generateCheckInCode } from "../../app/modules/fairs/checkin-code";
import {
  checkIn,
  createFair,
  decideBooth,
  fairReport,
  preRegister,
  requestBooth,
  searchRegistrations,
  withdrawBooth,
} from "../../app/modules/fairs/fairs.server";
import { createLabourPost, placementTotals, recordPlacement, suggestMatches, getLabourPost } from "../../app/modules/labour/labour.server";
import { actorOf } from "../support/actors";

const YEAR = 2026;
/** newFair() is on 2031-03-20: check-ins in these tests happen on that day unless a test says otherwise. */
const ON_DAY = { today: "2031-03-20" };
const staff = actorOf("staff", { userId: "demo-staff" });
let centreIds: number[] = [];
let seq = 0;

async function newFair(overrides: Partial<Parameters<typeof createFair>[1]> = {}) {
  seq += 1;
  return createFair(
    staff,
    {
      title: `测试招聘会 ${seq}`,
      fairDate: "2031-03-20",
      startsAt: "09:00",
      endsAt: "16:00",
      mode: "onsite",
      venue: "体育馆",
      onlineUrl: null,
      partnerSchool: "测试学校",
      boothCapacity: 10,
      registrationOpens: "2031-02-01",
      registrationCloses: "2031-03-10",
      description: null,
      publishNow: true,
      ...overrides,
    },
    null,
  );
}

async function newSeeker(n: string) {
  const db = await getDb();
  const id = `it-seeker-${n}`;
  await db.insert(users).values({ id, email: `${id}@it.test`, passwordHash: "x", displayName: `求职者${n}`, phone: "13800000000", role: "seeker" });
  return actorOf("seeker", { userId: id });
}

function member(...enterpriseIds: number[]) {
  return actorOf("member", { userId: "demo-member", enterpriseIds });
}

beforeAll(async () => {
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx, YEAR));
  const [centre] = await db.select().from(associations).where(eq(associations.kind, "centre"));
  centreIds = (
    await db.select({ id: memberships.enterpriseId }).from(memberships).where(eq(memberships.associationId, centre.id)).orderBy(memberships.enterpriseId)
  ).map((r) => r.id);
});

describe("demo data", () => {
  it("reproduces the source's fair: 24 exhibitors, 1,500+ students, most checked in", async () => {
    const db = await getDb();
    const [fair] = await db
      .select()
      .from(jobFairs)
      .where(eq(jobFairs.fairDate, `${YEAR}-06-10`));
    expect(fair.partnerSchool).toContain("职业");
    const report = await fairReport(fair.id);
    expect(report.enterprises).toBe(24);
    expect(report.approvedBooths).toBe(24);
    expect(report.registered).toBeGreaterThanOrEqual(1500);
    expect(report.checkedIn).toBeGreaterThan(report.registered * 0.9);
    expect(report.checkedIn).toBeLessThan(report.registered);
    // Postings and intents come from the jobs tables once they exist in this database.
    if (report.postings) {
      expect(report.postings.positions).toBeGreaterThan(300);
      expect(report.postings.intentsReached).toBeGreaterThanOrEqual(75);
      expect(report.postings.intentsReached).toBeLessThanOrEqual(90);
    }
  });

  it("keeps the ids the access matrix relies on (tests/access/fairs.ts)", async () => {
    const db = await getDb();
    const fairs = await db.select({ id: jobFairs.id, status: jobFairs.status, fairDate: jobFairs.fairDate }).from(jobFairs).orderBy(jobFairs.id).limit(3);
    expect(fairs.map((f) => [f.id, f.status])).toEqual([
      [1, "published"],
      [2, "published"],
      [3, "draft"],
    ]);
    expect(fairs[0].fairDate).toBe(`${YEAR}-06-10`);
    const booths = await db.select().from(fairBooths).where(eq(fairBooths.fairId, 2)).orderBy(fairBooths.id);
    expect(booths.filter((b) => b.status === "approved").map((b) => b.id)).toEqual([27, 28, 29, 30, 31, 32]);
    expect(booths.filter((b) => b.status === "requested").map((b) => b.id)).toEqual([33, 34, 35]);
    expect(booths.map((b) => b.enterpriseId)).not.toContain(centreIds[0]);
    const posts = await db
      .select()
      .from(labourPosts)
      .where(sql`${labourPosts.id} in (2, 29, 30)`)
      .orderBy(labourPosts.id);
    expect(posts.map((p) => [p.id, p.status, p.enterpriseId === centreIds[0]])).toEqual([
      [2, "closed", false],
      [29, "open", true],
      [30, "open", false],
    ]);
    expect(centreIds[0]).toBe(1);
  });

  it("reproduces 100+ people placed by the labour exchange", async () => {
    const totals = await placementTotals();
    expect(totals.peoplePlaced).toBeGreaterThanOrEqual(DEMO_FAIR_FIGURES.labourPlacedAtLeast);
    expect(totals.placements).toBeGreaterThan(10);
  });
});

describe("booths", () => {
  it("takes one booth per enterprise per fair, at the database too", async () => {
    const fair = await newFair();
    const ent = centreIds[100];
    const first = await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-02-15");
    expect(first.ok).toBe(true);
    const again = await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-02-15");
    expect(again).toEqual({ ok: false, error: "alreadyRequested" });
    const db = await getDb();
    await expect(db.insert(fairBooths).values({ fairId: fair.id, enterpriseId: ent })).rejects.toThrow();
    // Two requests at once: one booth.
    const ent2 = centreIds[101];
    const both = await Promise.all([0, 1].map(() => requestBooth(member(ent2), fair.id, { enterpriseId: ent2, note: null }, null, "2031-02-15")));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const [n] = await db
      .select({ n: count() })
      .from(fairBooths)
      .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.enterpriseId, ent2)));
    expect(n.n).toBe(1);
  });

  it("refuses requests outside the window, for an enterprise the user does not act for, and for a draft fair", async () => {
    const fair = await newFair();
    const ent = centreIds[102];
    expect(await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-01-31")).toEqual({ ok: false, error: "windowNotYetOpen" });
    expect(await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-03-11")).toEqual({ ok: false, error: "windowClosed" });
    expect(await requestBooth(member(ent), fair.id, { enterpriseId: centreIds[103], note: null }, null, "2031-02-15")).toEqual({
      ok: false,
      error: "notFound",
    });
    const draft = await newFair({ publishNow: false });
    expect(await requestBooth(member(ent), draft.id, { enterpriseId: ent, note: null }, null, "2031-02-15")).toEqual({ ok: false, error: "notFound" });
  });

  it("numbers approved booths 1, 2, 3 without duplicates under concurrent approvals, and holds the capacity", async () => {
    const fair = await newFair({ boothCapacity: 3 });
    const ents = centreIds.slice(110, 115);
    const booths = [];
    for (const ent of ents) {
      const r = await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-02-15");
      if (!r.ok) throw new Error(r.error);
      booths.push(r.booth);
    }
    const results = await Promise.all(booths.map((b) => decideBooth(staff, fair.id, { boothId: b.id, decision: "approve", reason: null }, null)));
    const approved = results.filter((r) => r.ok).map((r) => (r.ok ? r.booth.boothNumber : null));
    expect(approved.sort()).toEqual([1, 2, 3]);
    expect(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error : null))).toEqual(["capacityReached", "capacityReached"]);
    // A decided booth cannot be decided again; a rejection keeps its reason and frees nothing.
    expect(await decideBooth(staff, fair.id, { boothId: booths[0].id, decision: "reject", reason: "x" }, null)).toMatchObject({ ok: false });
    const pending = booths.find((b, i) => !results[i].ok)!;
    const rejected = await decideBooth(staff, fair.id, { boothId: pending.id, decision: "reject", reason: "展位已满" }, null);
    expect(rejected).toMatchObject({ ok: true, booth: { status: "rejected", boothNumber: null, decisionReason: "展位已满" } });
    // A booth of another fair is not found through this fair.
    const other = await newFair();
    expect(await decideBooth(staff, other.id, { boothId: booths[1].id, decision: "approve", reason: null }, null)).toEqual({ ok: false, error: "notFound" });
    const db = await getDb();
    const [audits] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "fair.booth_approve"));
    expect(audits.n).toBeGreaterThanOrEqual(3);
  });

  it("lets a member withdraw a pending request and ask again", async () => {
    const fair = await newFair();
    const ent = centreIds[120];
    const r = await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-02-15");
    if (!r.ok) throw new Error(r.error);
    expect(await withdrawBooth(member(centreIds[121]), fair.id, r.booth.id, null)).toEqual({ ok: false, error: "notFound" });
    expect((await withdrawBooth(member(ent), fair.id, r.booth.id, null)).ok).toBe(true);
    expect((await requestBooth(member(ent), fair.id, { enterpriseId: ent, note: null }, null, "2031-02-15")).ok).toBe(true);
  });
});

describe("pre-registration and check-in", () => {
  it("checks a visitor in once; a second check-in and a code of another fair are refused", async () => {
    const fairA = await newFair();
    const fairB = await newFair();
    const seeker = await newSeeker("a1");
    const reg = await preRegister(seeker, fairA.id, { fullName: "李同学", phone: "13811112222", school: null }, null, "2031-03-01");
    if (!reg.ok) throw new Error(reg.error);
    expect(reg.registration.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    // Registering again gives the same code.
    const again = await preRegister(seeker, fairA.id, { fullName: "李同学", phone: "13811112222", school: null }, null, "2031-03-01");
    expect(again.ok && again.registration.code).toBe(reg.registration.code);

    const typed = `${reg.registration.code.slice(0, 4).toLowerCase()}-${reg.registration.code.slice(4)}`;
    const wrongFair = await checkIn(staff, fairB.id, { code: typed }, null, ON_DAY);
    expect(wrongFair).toMatchObject({ ok: false, error: "otherFair", otherFair: { id: fairA.id } });
    const first = await checkIn(staff, fairA.id, { code: typed }, null, ON_DAY);
    expect(first.ok).toBe(true);
    const second = await checkIn(staff, fairA.id, { code: reg.registration.code }, null, ON_DAY);
    expect(second).toMatchObject({ ok: false, error: "alreadyCheckedIn" });
    const byId = await checkIn(staff, fairA.id, { registrationId: reg.registration.id }, null, ON_DAY);
    expect(byId).toMatchObject({ ok: false, error: "alreadyCheckedIn" });
    // By id at another fair: not found (ids are never trusted across fairs).
    expect(await checkIn(staff, fairB.id, { registrationId: reg.registration.id }, null, ON_DAY)).toEqual({ ok: false, error: "notFound" });
  });

  it("lets exactly one of two simultaneous check-ins win", async () => {
    const fair = await newFair();
    const seeker = await newSeeker("a2");
    const reg = await preRegister(seeker, fair.id, { fullName: "张同学", phone: "13822223333", school: null }, null, "2031-03-01");
    if (!reg.ok) throw new Error(reg.error);
    const results = await Promise.all([0, 1, 2].map(() => checkIn(staff, fair.id, { code: reg.registration.code }, null, ON_DAY)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "alreadyCheckedIn")).toHaveLength(2);
  });

  it("refuses malformed and unknown codes, and finds visitors by name or phone", async () => {
    const fair = await newFair();
    expect(await checkIn(staff, fair.id, { code: "ABC" }, null, ON_DAY)).toEqual({ ok: false, error: "codeLength" });
    expect(await checkIn(staff, fair.id, { code: "ABCD-EFG0" }, null, ON_DAY)).toEqual({ ok: false, error: "codeCharacters" });
    const unknown = generateCheckInCode();
    expect(await checkIn(staff, fair.id, { code: unknown }, null, ON_DAY)).toEqual({ ok: false, error: "unknownCode" });
    const wrongCheck = unknown.slice(0, 7) + (unknown[7] === "2" ? "3" : "2");
    expect(await checkIn(staff, fair.id, { code: wrongCheck }, null, ON_DAY)).toEqual({ ok: false, error: "codeCheck" });
    const seeker = await newSeeker("a3");
    await preRegister(seeker, fair.id, { fullName: "欧阳晓明", phone: "13933334444", school: null }, null, "2031-03-01");
    expect((await searchRegistrations(fair.id, "晓明")).map((r) => r.fullName)).toEqual(["欧阳晓明"]);
    expect((await searchRegistrations(fair.id, "3333444")).map((r) => r.fullName)).toEqual(["欧阳晓明"]);
    // A NUL from a query string is dropped, not sent to PostgreSQL (which refuses it: a 500).
    expect((await searchRegistrations(fair.id, "晓\u0000明")).map((r) => r.fullName)).toEqual(["欧阳晓明"]);
    expect(await searchRegistrations(fair.id, "100%")).toEqual([]);
  });

  it("refuses check-in outside the fair's day; staff override with a reason, audited and counted apart in the report", async () => {
    const db = await getDb();
    const fair = await newFair();
    const seeker = await newSeeker("a5");
    const reg = await preRegister(seeker, fair.id, { fullName: "钱同学", phone: "13800005555", school: null }, null, "2031-03-01");
    if (!reg.ok) throw new Error(reg.error);
    const before = await checkIn(staff, fair.id, { code: reg.registration.code }, null, { today: "2031-03-19" });
    expect(before).toMatchObject({ ok: false, error: "beforeFairDay", fairDate: "2031-03-20", registration: { id: reg.registration.id } });
    expect(await checkIn(staff, fair.id, { registrationId: reg.registration.id }, null, { today: "2031-03-21" })).toMatchObject({
      ok: false,
      error: "afterFairDay",
    });
    // An override needs a reason; only staff may give one.
    expect(await checkIn(staff, fair.id, { registrationId: reg.registration.id }, null, { today: "2031-03-19", overrideReason: "  " })).toEqual({
      ok: false,
      error: "overrideReasonRequired",
    });
    const volunteer = actorOf("member", { userId: "demo-member", enterpriseIds: [] });
    expect(await checkIn(volunteer, fair.id, { registrationId: reg.registration.id }, null, { today: "2031-03-19", overrideReason: "来早了" })).toMatchObject({
      ok: false,
      error: "beforeFairDay",
    });
    const reportBefore = await fairReport(fair.id);
    expect(reportBefore).toMatchObject({ checkedIn: 0, overriddenCheckIns: 0 });

    const overridden = await checkIn(staff, fair.id, { registrationId: reg.registration.id }, null, {
      today: "2031-03-19",
      overrideReason: "提前到场布展的学生志愿者",
    });
    expect(overridden).toMatchObject({ ok: true, registration: { checkInOverrideReason: "提前到场布展的学生志愿者" } });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "fair.check_in_override"), eq(auditEvents.entityId, String(reg.registration.id))));
    expect(audit.after).toMatchObject({ fairId: fair.id, reason: "提前到场布展的学生志愿者", day: "2031-03-19", fairDate: "2031-03-20" });

    // A second visitor checked in on the day is not an override.
    const other = await newSeeker("a6");
    const reg2 = await preRegister(other, fair.id, { fullName: "孙同学", phone: "13800006666", school: null }, null, "2031-03-01");
    if (!reg2.ok) throw new Error(reg2.error);
    expect((await checkIn(staff, fair.id, { code: reg2.registration.code }, null, { ...ON_DAY, overrideReason: "ignored on the day" })).ok).toBe(true);
    const after = await fairReport(fair.id);
    expect(after.checkedIn - reportBefore.checkedIn).toBe(2);
    expect(after.overriddenCheckIns - reportBefore.overriddenCheckIns).toBe(1);
  });

  it("closes pre-registration after the fair day and for cancelled fairs", async () => {
    const fair = await newFair();
    const seeker = await newSeeker("a4");
    expect(await preRegister(seeker, fair.id, { fullName: "赵", phone: "13800001111", school: null }, null, "2031-03-21")).toEqual({
      ok: false,
      error: "fairOver",
    });
  });
});

describe("labour exchange", () => {
  it("suggests matches, records placements within both headcounts, closes full posts, and adds up the totals", async () => {
    const before = await placementTotals();
    const lender = member(centreIds[130]);
    const taker = member(centreIds[131]);
    const s = await createLabourPost(
      lender,
      {
        enterpriseId: centreIds[130],
        kind: "surplus",
        skills: ["sewing", "cutting"],
        headcount: 6,
        periodStart: "2031-04-01",
        periodEnd: "2031-04-30",
        location: "仙降村",
        note: null,
      },
      null,
    );
    const d = await createLabourPost(
      taker,
      {
        enterpriseId: centreIds[131],
        kind: "shortage",
        skills: ["sewing"],
        headcount: 4,
        periodStart: "2031-04-10",
        periodEnd: "2031-05-10",
        location: "仙降村",
        note: null,
      },
      null,
    );
    const own = await createLabourPost(
      lender,
      {
        enterpriseId: centreIds[130],
        kind: "shortage",
        skills: ["sewing"],
        headcount: 2,
        periodStart: "2031-04-10",
        periodEnd: "2031-05-10",
        location: "仙降村",
        note: null,
      },
      null,
    );
    if (!s.ok || !d.ok || !own.ok) throw new Error("post failed");
    expect(
      await createLabourPost(
        lender,
        {
          enterpriseId: centreIds[131],
          kind: "surplus",
          skills: ["sewing"],
          headcount: 1,
          periodStart: "2031-04-01",
          periodEnd: "2031-04-02",
          location: "x",
          note: null,
        },
        null,
      ),
    ).toEqual({ ok: false, error: "notFound" });

    const post = await getLabourPost(staff, s.post.id);
    const suggestions = await suggestMatches(post!);
    expect(suggestions[0].post.id).toBe(d.post.id);
    expect(suggestions.map((x) => x.post.id)).not.toContain(own.post.id);

    const base = { surplusPostId: s.post.id, shortagePostId: d.post.id, placedOn: "2031-04-09", note: null };
    expect(await recordPlacement(staff, { ...base, headcount: 5 }, null)).toEqual({ ok: false, error: "exceedsShortage" });
    expect(await recordPlacement(staff, { ...base, shortagePostId: own.post.id, headcount: 1 }, null)).toEqual({ ok: false, error: "sameEnterprise" });
    expect(await recordPlacement(staff, { ...base, surplusPostId: d.post.id, shortagePostId: s.post.id, headcount: 1 }, null)).toEqual({
      ok: false,
      error: "wrongKinds",
    });
    const placed = await recordPlacement(staff, { ...base, headcount: 4 }, null);
    expect(placed).toMatchObject({ ok: true, closed: [d.post.id] });
    expect(await recordPlacement(staff, { ...base, headcount: 1 }, null)).toEqual({ ok: false, error: "postClosed" });

    const after = await placementTotals();
    expect(after.peoplePlaced - before.peoplePlaced).toBe(4);
    expect(after.placements - before.placements).toBe(1);
    const db = await getDb();
    const [left] = await db.select().from(labourPosts).where(eq(labourPosts.id, s.post.id));
    expect(left.status).toBe("open");
  });

  it("never places more than a surplus has, even when two placements race", async () => {
    const lender = member(centreIds[140]);
    const s = await createLabourPost(
      lender,
      {
        enterpriseId: centreIds[140],
        kind: "surplus",
        skills: ["injection"],
        headcount: 5,
        periodStart: "2031-06-01",
        periodEnd: "2031-06-30",
        location: "新安村",
        note: null,
      },
      null,
    );
    const d1 = await createLabourPost(
      member(centreIds[141]),
      {
        enterpriseId: centreIds[141],
        kind: "shortage",
        skills: ["injection"],
        headcount: 4,
        periodStart: "2031-06-01",
        periodEnd: "2031-06-30",
        location: "新安村",
        note: null,
      },
      null,
    );
    const d2 = await createLabourPost(
      member(centreIds[142]),
      {
        enterpriseId: centreIds[142],
        kind: "shortage",
        skills: ["injection"],
        headcount: 4,
        periodStart: "2031-06-01",
        periodEnd: "2031-06-30",
        location: "新安村",
        note: null,
      },
      null,
    );
    if (!s.ok || !d1.ok || !d2.ok) throw new Error("post failed");
    const results = await Promise.all(
      [d1, d2].map((d) =>
        recordPlacement(staff, { surplusPostId: s.post.id, shortagePostId: d.ok ? d.post.id : 0, headcount: 4, placedOn: "2031-06-01", note: null }, null),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error : ""))).toEqual(["exceedsSurplus"]);
    const db = await getDb();
    const [sum] = await db
      .execute(sql`select coalesce(sum(headcount), 0)::int as n from labour_placements where surplus_post_id = ${s.post.id}`)
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { n: number }[]);
    expect(Number(sum.n)).toBe(4);
  });
});
