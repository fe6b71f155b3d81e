import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, notifications, users } from "../../db/schema/accounts";
import { financeSideOf, setFinanceLiaison } from "../../app/modules/finance/liaisons.server";
import { NOT_FOUND } from "../../app/lib/command.server";
import { creditLines, financeProfiles, financingNeeds, loans, needMatches } from "../../db/schema/finance";
import { associations, enterpriseUsers, enterprises, memberships } from "../../db/schema/members";
import { banks } from "../../db/schema/organisations";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import {
  applyForProduct,
  approveApplication,
  claimNeed,
  disburseApplication,
  getApplication,
  getNeed,
  importNeeds,
  listApplications,
  listNeeds,
  PAGE_SIZE,
  listRenewals,
  postNeed,
  recordLoanContact,
  respondToNeed,
  runFinanceTimers,
  saveProduct,
  updateCreditLine,
  withdrawNeed,
} from "../../app/modules/finance/finance.server";
import { productSchema, type NeedInput } from "../../app/modules/finance/forms";
import { NEED_IMPORT_COLUMNS } from "../../app/modules/finance/needs-csv";
import { actorOf } from "../support/actors";
import { simultaneously } from "../support/concurrency";

type A = ReturnType<typeof actorOf>;
let member1: A, member2: A, officer1: A, officer1b: A, officer2: A, staff: A;
let e1: number, e2: number, bank1: number, bank2: number, centre: number, lineId: number;
const now = new Date("2026-12-04T02:00:00Z"); // Friday 10:00 in Shanghai
const WAN = 1_000_000;

const product = (over: Record<string, unknown>) => {
  const parsed = productSchema.safeParse({
    name: "通用经营贷",
    type: "credit",
    minAmountWan: "10",
    maxAmountWan: "2000",
    minRatePct: "3.85",
    maxRatePct: "6",
    minTermMonths: "6",
    maxTermMonths: "36",
    validFrom: "2026-01-01",
    status: "active",
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};
const needOf = (enterpriseId: number, over: Partial<NeedInput> = {}): NeedInput => ({
  enterpriseId,
  amountWan: 300 * WAN,
  purpose: "working_capital",
  description: "旺季备料",
  termMonths: 12,
  maxRatePct: 600,
  collateral: [],
  neededBy: "2027-02-01",
  foundedYear: 2012,
  ...over,
});

beforeAll(async () => {
  const db = await getDb();
  [{ id: centre }] = await db.insert(associations).values({ code: "yunjiang", nameZh: "云江注塑鞋研究中心", nameEn: "Centre", kind: "centre" }).returning();
  [{ id: bank1 }, { id: bank2 }] = await db
    .insert(banks)
    .values([
      { code: "rcb", nameZh: "农商银行", nameEn: "RCB" },
      { code: "icbc", nameZh: "工商银行", nameEn: "ICBC" },
    ])
    .returning();
  const base = { legalRep: "张三", address: "瑞安", village: "云江村", contactPerson: "李四", phone: "13800000000" };
  [{ id: e1 }, { id: e2 }] = await db
    .insert(enterprises)
    .values([
      { ...base, name: "甲鞋业有限公司", creditCode: generateCreditCode(501), segment: "soles", aboveSize: false, annualOutputFen: 800 * WAN },
      { ...base, name: "乙鞋业有限公司", creditCode: generateCreditCode(502), segment: "finished_shoes", aboveSize: true, annualOutputFen: 30_000 * WAN },
    ])
    .returning();
  await db.insert(memberships).values([
    { enterpriseId: e1, associationId: centre, status: "active" },
    { enterpriseId: e2, associationId: centre, status: "active" },
  ]);
  const mk = (id: string, role: A["role"], extra: Partial<typeof users.$inferInsert> = {}) => ({
    id,
    email: `${id}@t.local`,
    passwordHash: "x",
    displayName: id,
    role,
    ...extra,
  });
  await db
    .insert(users)
    .values([
      mk("m1", "member"),
      mk("m2", "member"),
      mk("o1", "bank", { bankId: bank1 }),
      mk("o1b", "bank", { bankId: bank1 }),
      mk("o2", "bank", { bankId: bank2 }),
      mk("liaison", "staff"),
    ]);
  await db.insert(enterpriseUsers).values([
    { enterpriseId: e1, userId: "m1", isOwner: true },
    { enterpriseId: e2, userId: "m2", isOwner: true },
  ]);
  await db.insert(financeProfiles).values([
    { enterpriseId: e1, liaisonUserId: "liaison", foundedYear: 2012 },
    { enterpriseId: e2, liaisonUserId: "liaison", foundedYear: 2005 },
  ]);
  member1 = actorOf("member", { userId: "m1", enterpriseIds: [e1] });
  member2 = actorOf("member", { userId: "m2", enterpriseIds: [e2] });
  officer1 = actorOf("bank", { userId: "o1", bankId: bank1 });
  officer1b = actorOf("bank", { userId: "o1b", bankId: bank1 });
  officer2 = actorOf("bank", { userId: "o2", bankId: bank2 });
  staff = actorOf("staff", { userId: "liaison" });
  [{ id: lineId }] = await db
    .insert(creditLines)
    .values({ bankId: bank1, associationId: centre, amountFen: 1000 * WAN, grantedOn: "2026-01-01" })
    .returning();
  // Bank 1: a general product; bank 2: above-size enterprises only.
  for (const [actor, p] of [
    [officer1, product({})],
    [officer2, product({ name: "规上企业专享贷", aboveSizeOnly: "on" })],
  ] as const) {
    const r = await saveProduct(actor, null, p, { now });
    expect(r.ok).toBe(true);
  }
});

describe("finance: who sees which need", () => {
  let need1: number;
  it("shows a need only to the banks with a matching product", async () => {
    const r = await postNeed(member1, needOf(e1), { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    need1 = r.value.id;
    expect((await listNeeds(officer1, {}, 1, now)).rows.map((n) => n.id)).toContain(need1);
    expect((await listNeeds(officer2, {}, 1, now)).rows.map((n) => n.id)).not.toContain(need1);
    expect(await getNeed(officer2, need1, now)).toBeNull();
    expect(await claimNeed(officer2, need1, { now })).toEqual({ ok: false, error: "notFound" });
    // The officer's view ranks only its own bank's products, with the reasons.
    const seen = await getNeed(officer1, need1, now);
    expect(seen?.ranking.every((m) => m.bankId === bank1)).toBe(true);
    expect(seen?.ranking[0]).toMatchObject({ eligible: true });
    expect(seen?.ranking[0].reasons.some((x) => x.kind === "hard" && x.rule === "amount" && x.met)).toBe(true);
    // The officers of the matched bank are told, the other bank's are not.
    const db = await getDb();
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.messageKey, "finance:notify.needMatched"));
    expect(told.map((t) => t.userId).sort()).toEqual(["o1", "o1b"]);
  });

  it("never lets a member read another enterprise's need", async () => {
    expect(await getNeed(member2, need1, now)).toBeNull();
    expect((await listNeeds(member2, {}, 1, now)).rows.map((n) => n.id)).not.toContain(need1);
    expect(await withdrawNeed(member2, need1, { now })).toEqual({ ok: false, error: "notFound" });
    expect(await postNeed(member2, needOf(e1), { now })).toEqual({ ok: false, error: "finance:errors.enterprise" });
    expect(await getNeed(member1, need1, now)).not.toBeNull();
  });

  it("lets one claim win when officers claim at once", async () => {
    const r = await postNeed(member2, needOf(e2, { amountWan: 500 * WAN }), { now });
    if (!r.ok) throw new Error(r.error);
    const id = r.value.id;
    expect((await listNeeds(officer2, {}, 1, now)).rows.map((n) => n.id)).toContain(id);
    const officers = [officer1, officer1b, officer2];
    const race = await simultaneously(12, (i) => claimNeed(officers[i % 3], id, { now }));
    expect(race.thrown).toEqual([]);
    expect(race.ok).toBe(1);
    // Refused: "already claimed", or (for the other bank once the claim is in) the need is no longer theirs to see.
    expect(race.refused.every((x) => !x.ok && ["finance:errors.alreadyClaimed", "notFound"].includes(x.error))).toBe(true);
    expect(race.refused.some((x) => !x.ok && x.error === "finance:errors.alreadyClaimed")).toBe(true);
    const db = await getDb();
    const [row] = await db.select().from(financingNeeds).where(eq(financingNeeds.id, id));
    expect(row.status).toBe("claimed");
    // The losing bank no longer sees it; the winner does.
    const winner = race.results.find((x) => x.ok)!;
    const loserBank = winner.ok && winner.value.claimedBankId === bank1 ? officer2 : officer1;
    const winnerBank = loserBank === officer2 ? officer1 : officer2;
    expect(await getNeed(loserBank, id, now)).toBeNull();
    expect(await getNeed(winnerBank, id, now)).not.toBeNull();
  });
});

describe("finance: response deadlines", () => {
  it("flags an unclaimed need to the liaison after 3 working days, then an unanswered claim, once each", async () => {
    const r = await postNeed(member1, needOf(e1, { amountWan: 50 * WAN }), { now });
    if (!r.ok) throw new Error(r.error);
    const id = r.value.id;
    // Posted Friday: the claim limit ends Wednesday 24:00; Tuesday nothing is flagged yet.
    await runFinanceTimers(new Date("2026-12-08T10:00:00Z"));
    const db = await getDb();
    const flagOf = async () => (await db.select().from(financingNeeds).where(eq(financingNeeds.id, id)))[0];
    expect((await flagOf()).flagKind).toBeNull();
    const thursday = new Date("2026-12-10T02:00:00Z");
    const first = await runFinanceTimers(thursday);
    expect(first.needsFlagged).toBeGreaterThanOrEqual(1);
    expect((await flagOf()).flagKind).toBe("unclaimed");
    const liaisonFlags = () =>
      db
        .select({ n: count() })
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, "liaison"),
            eq(notifications.link, `/finance/needs/${id}`),
            sql`${notifications.messageKey} like 'finance:notify.flag.%'`,
          ),
        );
    expect((await liaisonFlags())[0].n).toBe(1);
    await runFinanceTimers(thursday);
    expect((await liaisonFlags())[0].n).toBe(1);
    expect((await listNeeds(staff, { flagged: "1", mine: "1" }, 1, thursday)).rows.map((n) => n.id)).toContain(id);
    // Claimed on Thursday: the bank must answer by Tuesday 24:00 (the weekend does not count).
    const claimed = await claimNeed(officer1, id, { now: thursday });
    expect(claimed.ok && claimed.value.responseDueAt?.toISOString()).toBe("2026-12-15T16:00:00.000Z");
    expect((await flagOf()).flagKind).toBeNull();
    await runFinanceTimers(new Date("2026-12-15T15:00:00Z"));
    expect((await flagOf()).flagKind).toBeNull();
    await runFinanceTimers(new Date("2026-12-16T01:00:00Z"));
    expect((await flagOf()).flagKind).toBe("unanswered");
    expect((await liaisonFlags())[0].n).toBe(2);
    const answered = await respondToNeed(officer1, id, { outcome: "application_invited", note: "请提交申请" }, { now: new Date("2026-12-16T02:00:00Z") });
    expect(answered.ok).toBe(true);
    expect(await flagOf()).toMatchObject({ status: "answered", flagKind: null });
  });
});

describe("finance: applications and the credit line", () => {
  it("shows an application only to its bank and its enterprise", async () => {
    const r = await applyForProduct(
      member1,
      { productId: 1, needId: null, enterpriseId: e1, amountWan: 100 * WAN, termMonths: 12, underCreditLine: false, note: "" },
      [],
      { now },
    );
    if (!r.ok) throw new Error(r.error);
    expect((await listApplications(officer1, {}, 1)).rows.map((a) => a.id)).toContain(r.value.id);
    expect((await listApplications(officer2, {}, 1)).rows.map((a) => a.id)).not.toContain(r.value.id);
    expect(await getApplication(officer2, r.value.id)).toBeNull();
    expect(await getApplication(member2, r.value.id)).toBeNull();
    expect(await approveApplication(officer2, r.value.id, { amountWan: 100 * WAN, ratePct: 400, termMonths: 12, note: null }, { now })).toEqual({
      ok: false,
      error: "notFound",
    });
  });

  it("never overdraws the line, also when loans are disbursed at once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await applyForProduct(
        member1,
        { productId: 1, needId: null, enterpriseId: e1, amountWan: 300 * WAN, termMonths: 12, underCreditLine: true, note: "" },
        [],
        { now },
      );
      if (!r.ok) throw new Error(r.error);
      const a = await approveApplication(officer1, r.value.id, { amountWan: 300 * WAN, ratePct: 400, termMonths: 12, note: null }, { now });
      expect(a.ok).toBe(true);
      ids.push(r.value.id);
    }
    const race = await simultaneously(5, (i) =>
      disburseApplication(i % 2 ? officer1 : officer1b, ids[i], { disbursedOn: "2026-12-04", renewable: true }, { now }),
    );
    expect(race.thrown).toEqual([]);
    expect(race.ok).toBe(3);
    expect(race.refused.every((x) => !x.ok && x.error === "finance:errors.creditLineExceeded")).toBe(true);
    const db = await getDb();
    const [line] = await db.select().from(creditLines).where(eq(creditLines.id, lineId));
    expect(line.drawnFen).toBe(900 * WAN);
    const [{ n, sum }] = await db
      .select({ n: count(), sum: sql<number>`coalesce(sum(${loans.amountFen}), 0)::bigint`.mapWith(Number) })
      .from(loans)
      .where(eq(loans.creditLineId, lineId));
    expect(n).toBe(3);
    expect(sum).toBe(line.drawnFen);
    // The database refuses an overdraft even when asked directly.
    await expect(
      db
        .update(creditLines)
        .set({ drawnFen: 1001 * WAN })
        .where(eq(creditLines.id, lineId)),
    ).rejects.toThrow();
  });

  it("lists maturing loans per liaison and flags those not contacted 30 days before maturity", async () => {
    const db = await getDb();
    const [loan] = await db.select().from(loans).where(eq(loans.creditLineId, lineId)).limit(1);
    // Matures 2027-12-04: 60 days before, due but not flagged; 20 days before, flagged.
    const early = new Date("2027-10-05T02:00:00Z");
    const late = new Date("2027-11-14T02:00:00Z");
    expect((await listRenewals(staff, {}, 1, early)).rows.find((r) => r.loan.id === loan.id)?.flagged).toBe(false);
    expect((await listRenewals(staff, {}, 1, late)).rows.find((r) => r.loan.id === loan.id)?.flagged).toBe(true);
    expect((await listRenewals(officer2, {}, 1, late)).rows.find((r) => r.loan.id === loan.id)).toBeUndefined();
    const flagged = await runFinanceTimers(late);
    expect(flagged.loansFlagged).toBe(3);
    expect((await recordLoanContact(officer1, loan.id, { contactedOn: "2027-11-14", note: "已电话联系续贷" }, { now: late })).ok).toBe(true);
    expect((await listRenewals(staff, { flagged: "1" }, 1, late)).rows.map((r) => r.loan.id)).not.toContain(loan.id);
  });
});

describe("finance: survey import", () => {
  it("imports all rows or none, reporting every bad row", async () => {
    const db = await getDb();
    const codes = await db.select({ code: enterprises.creditCode }).from(enterprises).orderBy(enterprises.id);
    const head = NEED_IMPORT_COLUMNS.join(",");
    const before = (await db.select({ n: count() }).from(financingNeeds))[0].n;
    const bad = await importNeeds(
      staff,
      [head, `${codes[0].code},100,流动资金,12,5,,2027-03-01,好`, `${codes[1].code},100,流动资金,12,5,,2027-13-01,坏`].join("\n"),
      { now },
    );
    expect(bad).toEqual({ ok: false, problems: [{ line: 3, column: "needed_by", message: "forms.date" }] });
    expect((await db.select({ n: count() }).from(financingNeeds))[0].n).toBe(before);
    expect(await importNeeds(member1, `${head}\n`, { now })).toMatchObject({ ok: false });
    const good = await importNeeds(
      staff,
      [head, `${codes[0].code},100,流动资金,12,5,,2027-03-01,甲`, `${codes[1].code},800,设备,24,5,房产,2027-03-01,乙`].join("\n"),
      { now },
    );
    expect(good).toEqual({ ok: true, created: 2 });
    const imported = await db.select().from(financingNeeds).where(eq(financingNeeds.source, "survey"));
    expect(imported).toHaveLength(2);
    const [{ n }] = await db
      .select({ n: count() })
      .from(needMatches)
      .where(
        sql`${needMatches.needId} in (${sql.join(
          imported.map((i) => sql`${i.id}`),
          sql`, `,
        )})`,
      );
    expect(n).toBeGreaterThan(0);
  });
});

describe("finance: the liaison of an enterprise", () => {
  it("is set by staff to an active staff user (audited), moves the enterprise's renewals to them, and refuses anyone else", async () => {
    const db = await getDb();
    await db.insert(users).values({ id: "liaison2", email: "liaison2@t.local", passwordHash: "x", displayName: "liaison2", role: "staff" });
    const liaison2 = actorOf("staff", { userId: "liaison2" });
    // The loans of the earlier tests mature in late 2027: seen from 60 days before.
    const early = new Date("2027-10-05T02:00:00Z");
    const portfolio = async (a: A) => (await listRenewals(a, {}, 1, early)).rows;
    const target = (await portfolio(staff))[0]!.loan.enterpriseId;
    const targetLoans = (await portfolio(staff)).filter((r) => r.loan.enterpriseId === target).map((r) => r.loan.id);
    expect(await portfolio(liaison2)).toEqual([]);

    expect(await setFinanceLiaison(staff, target, { liaisonUserId: "liaison2", inRenewalService: true }, null)).toMatchObject({ ok: true });
    expect(await financeSideOf(target)).toEqual({ liaisonUserId: "liaison2", inRenewalService: true });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "finance.setLiaison"), eq(auditEvents.entityId, String(target))));
    expect(audit).toBeDefined();
    expect((await portfolio(liaison2)).map((r) => r.loan.id).sort()).toEqual(targetLoans.sort());
    expect((await portfolio(staff)).map((r) => r.loan.id)).not.toContain(targetLoans[0]);

    // A bank officer or a member is not a liaison; nothing changes.
    for (const who of ["o1", "m1", "nobody"]) {
      expect(await setFinanceLiaison(staff, target, { liaisonUserId: who, inRenewalService: false }, null)).toMatchObject({
        ok: false,
        error: { code: "finance:liaison.errors.notStaff" },
      });
    }
    expect((await financeSideOf(target)).liaisonUserId).toBe("liaison2");
    // No liaison at all is allowed; an enterprise with no finance profile yet gets one.
    expect(await setFinanceLiaison(staff, target, { liaisonUserId: null, inRenewalService: false }, null)).toMatchObject({ ok: true });
    expect(await financeSideOf(target)).toEqual({ liaisonUserId: null, inRenewalService: false });
    const [{ id: e3 }] = await db
      .insert(enterprises)
      .values({
        legalRep: "王五",
        address: "瑞安",
        village: "云江村",
        contactPerson: "赵六",
        phone: "13800000001",
        name: "丙鞋业有限公司",
        creditCode: generateCreditCode(503),
        segment: "soles",
        aboveSize: false,
      })
      .returning();
    expect(await financeSideOf(e3)).toEqual({ liaisonUserId: null, inRenewalService: false });
    expect(await setFinanceLiaison(staff, e3, { liaisonUserId: "liaison", inRenewalService: false }, null)).toMatchObject({ ok: true });
    expect((await financeSideOf(e3)).liaisonUserId).toBe("liaison");
    expect(await setFinanceLiaison(staff, 999_999, { liaisonUserId: "liaison", inRenewalService: false }, null)).toMatchObject({
      ok: false,
      error: { code: NOT_FOUND },
    });
  });
});

describe("finance: changing a credit line", () => {
  it("lets staff change the amount, never below what is drawn, and the expiry, never before the grant; officers cannot", async () => {
    const db = await getDb();
    const [before] = await db.select().from(creditLines).where(eq(creditLines.id, lineId));
    expect(before.drawnFen).toBeGreaterThan(0);
    const below = await updateCreditLine(staff, lineId, { amountWan: before.drawnFen - WAN, expiresOn: null, note: "" });
    expect(below).toMatchObject({ ok: false, error: "finance:errors.lineBelowDrawn" });
    expect(await updateCreditLine(staff, lineId, { amountWan: before.amountFen, expiresOn: "2025-12-31", note: "" })).toMatchObject({
      ok: false,
      error: "finance:errors.lineExpiresBeforeGranted",
    });
    expect(await updateCreditLine(officer1, lineId, { amountWan: before.amountFen * 2, expiresOn: null, note: "" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect((await db.select().from(creditLines).where(eq(creditLines.id, lineId)))[0]).toEqual(before);

    const raised = await updateCreditLine(staff, lineId, { amountWan: before.drawnFen, expiresOn: "2029-12-31", note: "续授信" });
    expect(raised).toMatchObject({ ok: true, value: { amountFen: before.drawnFen, expiresOn: "2029-12-31", note: "续授信", drawnFen: before.drawnFen } });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "finance.creditLine.update"), eq(auditEvents.entityId, String(lineId))));
    expect(audit).toBeDefined();
    await updateCreditLine(staff, lineId, { amountWan: before.amountFen, expiresOn: before.expiresOn, note: before.note ?? "" });
  });
});

describe("finance: the need list's count", () => {
  it("counts every need the actor may see, the same on every page and past the last one", async () => {
    const db = await getDb();
    // More needs than one page, so the count is not just the rows of a page.
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      const r = await postNeed(member1, needOf(e1, { amountWan: (200 + i) * WAN }), { now });
      expect(r.ok).toBe(true);
    }
    const [{ n: all }] = await db.select({ n: count() }).from(financingNeeds);
    for (const actor of [staff, officer1, officer2, member1, member2]) {
      const first = await listNeeds(actor, {}, 1, now);
      const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
      const seen: number[] = [];
      for (let page = 1; page <= pages + 1; page++) {
        const list = await listNeeds(actor, {}, page, now);
        expect(list.total, `page ${page}`).toBe(first.total);
        seen.push(...list.rows.map((n) => n.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(first.total);
      if (actor === staff) expect(first.total).toBe(all);
    }
    // A filter narrows the count as it narrows the rows.
    const claimed = await listNeeds(staff, { status: "claimed" }, 1, now);
    expect(claimed.total).toBe((await db.select({ n: count() }).from(financingNeeds).where(eq(financingNeeds.status, "claimed")))[0].n);
  });
});
