/**
 * Demo data of the finance area, reproducing the source's figures with real rows (the reports count
 * them, nothing is typed in): 1,412 surveyed needs, 42 credit products of 6 banks, 403 enterprises
 * in the renewal service of which 209 financed with 7.535 billion yuan and 109 able to renew without
 * repaying principal first, and the rural commercial bank's 800 million yuan line to the centre.
 *
 * Fixed ids (fresh database; tests/integration/finance-demo.test.ts checks them, the access matrix
 * uses them): product 1 = the rural commercial bank's members' credit loan, 13 = ICBC's first,
 * 43 = a suspended ICBC product; need 1 = the member's answered need (claimed by the bank demo
 * user's bank), 2 = the member's open need, 3 = another enterprise's open need matched to that
 * bank, 4 = a need no product of that bank fits; application 1 = the member's declined one (with
 * a PDF), 2 = another enterprise's to ICBC.
 */
import { asc, eq } from "drizzle-orm";
import { shanghaiToday } from "../../app/lib/format";
import { hashPassword } from "../../app/lib/passwords.server";
import { stageBytes } from "../../app/lib/uploads.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { addDays, addMonths } from "../../app/modules/finance/clocks";
import { APPLICATION_FILE_OWNER, type CollateralKind, type NeedOutcome, type NeedPurpose, type ProductType } from "../../app/modules/finance/constants";
import { contextFor, loadEnterpriseFacts, loadLineBanks, needFacts, productFacts, refreshMatchesForNeeds } from "../../app/modules/finance/facts.server";
import { runFinanceTimers } from "../../app/modules/finance/finance.server";
import { rankProducts } from "../../app/modules/finance/matching";
import { recordUploads } from "../../app/lib/uploads.server";
import { dueAfter } from "../../app/modules/tickets/calendar";
import { loadCalendarExceptions } from "../../app/modules/tickets/calendar.server";
import type { Executor } from "../client.server";
import { users } from "../schema/accounts";
import { creditLines, creditProducts, financeProfiles, financingNeeds, loanApplicationEvents, loanApplications, loans } from "../schema/finance";
import { associations, enterprises, type Segment } from "../schema/members";
import { banks } from "../schema/organisations";
import { address, mulberry32, personName, phone, village } from "./demo-names";

export const FINANCE_FIGURES = {
  surveyedNeeds: 1_412,
  products: 42,
  renewalServiceEnterprises: 403,
  financedEnterprises: 209,
  financedYuan: 7_535_000_000,
  renewableEnterprises: 109,
  centreLineYuan: 800_000_000,
} as const;

const WAN = 1_000_000; // fen in 10,000 yuan
const DAY = 24 * 3600 * 1000;

type Template = {
  name: string;
  type: ProductType;
  min: number;
  max: number;
  rates: [number, number];
  terms: [number, number];
  rules?: Partial<{ minYears: number; aboveSizeOnly: boolean; minOutputWan: number; segments: Segment[]; membersOnly: boolean; collateral: CollateralKind[] }>;
};

const templates: Template[] = [
  { name: "云江鞋业会员信用贷", type: "credit", min: 10, max: 500, rates: [385, 550], terms: [6, 36], rules: { membersOnly: true } },
  { name: "小微企业经营贷", type: "credit", min: 10, max: 300, rates: [420, 650], terms: [6, 24] },
  { name: "厂房抵押贷", type: "mortgage", min: 100, max: 5000, rates: [365, 480], terms: [12, 120], rules: { collateral: ["property", "land"] } },
  { name: "设备按揭贷", type: "mortgage", min: 50, max: 2000, rates: [390, 520], terms: [12, 60], rules: { collateral: ["equipment"] } },
  { name: "无还本续贷", type: "renewal", min: 50, max: 3000, rates: [370, 500], terms: [12, 36], rules: { minYears: 3 } },
  { name: "应收账款融资", type: "supply_chain", min: 20, max: 1000, rates: [395, 580], terms: [3, 12], rules: { collateral: ["receivables"] } },
  { name: "规上企业专享贷", type: "credit", min: 500, max: 10000, rates: [345, 450], terms: [12, 36], rules: { aboveSizeOnly: true, minOutputWan: 2000 } },
  {
    name: "技改贴息贷",
    type: "policy_subsidised",
    min: 100,
    max: 3000,
    rates: [280, 390],
    terms: [12, 60],
    rules: { segments: ["finished_shoes", "soles", "machinery"], minYears: 2 },
  },
  { name: "商会联保贷", type: "guarantee", min: 20, max: 800, rates: [435, 600], terms: [6, 24], rules: { collateral: ["guarantor"] } },
  { name: "外贸订单贷", type: "supply_chain", min: 50, max: 2000, rates: [380, 550], terms: [3, 12], rules: { minOutputWan: 500 } },
  {
    name: "科技创新贷",
    type: "credit",
    min: 50,
    max: 1000,
    rates: [350, 480],
    terms: [12, 36],
    rules: { minYears: 2, segments: ["moulds", "machinery", "materials"] },
  },
  { name: "鞋材供应链贷", type: "supply_chain", min: 10, max: 500, rates: [400, 600], terms: [3, 12], rules: { segments: ["materials", "soles", "uppers"] } },
];

/** Per bank (in seed order): a short name, its templates, and how far its limits reach. */
const bankPlans: { short: string; templates: number[]; reach: number; rateShift: number }[] = [
  { short: "丰收", templates: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], reach: 1, rateShift: 0 },
  { short: "工银", templates: [1, 2, 4, 6, 9, 10], reach: 2, rateShift: -10 },
  { short: "建行", templates: [2, 3, 4, 6, 7, 11], reach: 4, rateShift: -5 },
  { short: "农行", templates: [1, 3, 4, 5, 7, 8], reach: 1.5, rateShift: 5 },
  { short: "温行", templates: [1, 4, 5, 8, 9, 11], reach: 1, rateShift: 15 },
  { short: "中行", templates: [2, 4, 6, 9, 10, 3], reach: 2, rateShift: -5 },
];

const purposes: NeedPurpose[] = ["working_capital", "raw_materials", "equipment", "renewal", "expansion", "export_orders", "working_capital", "other"];
const outcomes: NeedOutcome[] = ["application_invited", "offer_made", "application_invited", "declined", "referred_elsewhere", "offer_made"];
const collateralSets: CollateralKind[][] = [
  [],
  ["property"],
  ["equipment"],
  ["receivables"],
  ["property", "equipment"],
  ["guarantor"],
  [],
  ["land", "property"],
];

export async function seedFinance(db: Executor, year: number, clock: Date = new Date()): Promise<void> {
  const today = shanghaiToday(clock);
  const random = mulberry32(20221);
  const cal = await loadCalendarExceptions(db);
  const bankRows = await db.select().from(banks).orderBy(asc(banks.id));
  const [centre] = await db.select().from(associations).where(eq(associations.kind, "centre"));

  // Finance liaisons: the lead secretary and two liaisons of the federation.
  const passwordHash = await hashPassword("yunjiang-demo");
  await db.insert(users).values([
    { id: "demo-liaison-1", email: "liaison1@demo.test", passwordHash, displayName: "金融联络员 张敏", role: "staff" },
    { id: "demo-liaison-2", email: "liaison2@demo.test", passwordHash, displayName: "金融联络员 王磊", role: "staff" },
  ]);
  const liaisons = ["demo-staff", "demo-liaison-1", "demo-liaison-2"];

  // Wholesale and logistics enterprises of the renewal service (not association members).
  const existing = await db.select({ id: enterprises.id }).from(enterprises).orderBy(asc(enterprises.id));
  const extraCount = Math.max(0, FINANCE_FIGURES.renewalServiceEnterprises + 4 - existing.length);
  const trades = ["物流", "商贸", "供应链管理", "鞋服批发"];
  const extra = extraCount
    ? await db
        .insert(enterprises)
        .values(
          Array.from({ length: extraCount }, (_, k) => ({
            name: `瑞安市${personName(k + 7100).slice(0, 1)}${village(k + 700).slice(0, 2)}${trades[k % trades.length]}有限公司`,
            creditCode: generateCreditCode(20_000 + k),
            legalRep: personName(k + 7000),
            address: address(k + 700),
            village: village(k + 700),
            segment: "other" as const,
            aboveSize: k % 3 === 0,
            annualOutputFen: (k % 3 === 0 ? 30_000 + k * 100 : 3_000 + k * 50) * WAN,
            employees: 20 + k * 3,
            contactPerson: personName(k + 7500),
            phone: phone(k + 700),
            publicFields: ["segment" as const, "village" as const],
          })),
        )
        .returning({ id: enterprises.id })
    : [];
  const enterpriseIds = [...existing, ...extra].map((r) => r.id);
  const serviceIds = enterpriseIds.slice(0, FINANCE_FIGURES.renewalServiceEnterprises);
  await db.insert(financeProfiles).values(
    enterpriseIds.map((id, i) => ({
      enterpriseId: id,
      liaisonUserId: liaisons[i % liaisons.length],
      foundedYear: 1995 + ((i * 7) % 27),
      inRenewalService: i < FINANCE_FIGURES.renewalServiceEnterprises,
    })),
  );

  // Products: 42 in force, and one suspended (43).
  const productRows: (typeof creditProducts.$inferInsert)[] = [];
  bankPlans.forEach((plan, b) => {
    for (const ti of plan.templates) {
      const tpl = templates[ti];
      const r = tpl.rules ?? {};
      productRows.push({
        bankId: bankRows[b].id,
        name: `${plan.short}·${tpl.name}`,
        type: tpl.type,
        description: `${bankRows[b].nameZh}面向注塑鞋及配套企业的${tpl.name}。`,
        minAmountFen: tpl.min * WAN,
        maxAmountFen: Math.round(tpl.max * plan.reach) * WAN,
        minRateBp: tpl.rates[0] + plan.rateShift,
        maxRateBp: tpl.rates[1] + plan.rateShift,
        minTermMonths: tpl.terms[0],
        maxTermMonths: tpl.terms[1],
        minYearsInBusiness: r.minYears ?? null,
        aboveSizeOnly: r.aboveSizeOnly ?? false,
        minAnnualOutputFen: r.minOutputWan ? r.minOutputWan * WAN : null,
        segments: r.segments ?? [],
        membersOnly: r.membersOnly ?? false,
        collateralRequired: Boolean(r.collateral),
        acceptedCollateral: r.collateral ?? [],
        validFrom: "2022-07-01",
        validTo: null,
        status: "active",
        createdBy: "demo-staff",
      });
    }
  });
  productRows.push({ ...productRows[12], name: "工银·旧版经营贷（已暂停）", status: "suspended" });
  const products = await db.insert(creditProducts).values(productRows).returning();

  // The rural commercial bank's line to the centre: 800 million yuan.
  const [line] = await db
    .insert(creditLines)
    .values({
      bankId: bankRows[0].id,
      associationId: centre.id,
      amountFen: FINANCE_FIGURES.centreLineYuan * 100,
      grantedOn: "2022-07-01",
      note: "农商银行向云江注塑鞋研究中心会员整体授信",
    })
    .returning();

  // Needs. The fixed ones first (ids 1-6), then the survey.
  const member = enterpriseIds[0];
  const at = (daysAgo: number, hour = 10) => new Date(new Date(`${addDays(today, -daysAgo)}T00:00:00+08:00`).getTime() + hour * 3600 * 1000);
  const need = (enterpriseId: number, createdAt: Date, over: Partial<typeof financingNeeds.$inferInsert>): typeof financingNeeds.$inferInsert => ({
    enterpriseId,
    amountFen: 200 * WAN,
    purpose: "working_capital",
    description: "",
    termMonths: 12,
    maxRateBp: 600,
    collateral: [],
    neededBy: addDays(shanghaiToday(createdAt), 60),
    source: "member",
    status: "open",
    claimDueAt: dueAfter(createdAt, 3, cal),
    createdBy: null,
    createdAt,
    updatedAt: createdAt,
    ...over,
  });
  const rcb = bankRows[0].id;
  const claimedAgo = at(20);
  const fixed = [
    need(member, at(25), {
      amountFen: 200 * WAN,
      description: "旺季前备料，需要流动资金。",
      status: "answered",
      claimedBankId: rcb,
      claimedBy: "demo-bank",
      claimedAt: claimedAgo,
      responseDueAt: dueAfter(claimedAgo, 3, cal),
      respondedAt: new Date(claimedAgo.getTime() + DAY),
      outcome: "application_invited",
      outcomeNote: "可申请会员信用贷，请准备近两年财务报表。",
      createdBy: "demo-member",
    }),
    need(member, at(1), { amountFen: 150 * WAN, purpose: "raw_materials", description: "采购 TPR 鞋底原料。", createdBy: "demo-member" }),
    need(enterpriseIds[4], at(1, 15), { amountFen: 300 * WAN, description: "扩充针车产线的流动资金。" }),
    need(enterpriseIds[199], at(2), {
      amountFen: 12_000 * WAN,
      purpose: "expansion",
      termMonths: 60,
      maxRateBp: 460,
      collateral: ["property"],
      description: "新建厂房，以现有厂房抵押。",
    }),
    need(enterpriseIds[6], at(9), { amountFen: 80 * WAN, description: "短期周转。" }),
    (() => {
      const claimedAt = at(8);
      return need(enterpriseIds[8], at(10), {
        amountFen: 120 * WAN,
        status: "claimed",
        claimedBankId: rcb,
        claimedBy: "demo-bank",
        claimedAt,
        responseDueAt: dueAfter(claimedAt, 3, cal),
      });
    })(),
  ];
  const fixedIds = (await db.insert(financingNeeds).values(fixed).returning({ id: financingNeeds.id })).map((r) => r.id);

  // The survey: 1,412 needs over the year so far, ranked by the rules; most claimed by the best-fitting bank and answered.
  const yearStart = new Date(`${year}-01-05T09:00:00+08:00`).getTime();
  const yearEnd = Math.max(yearStart + 30 * DAY, Math.min(clock.getTime() - 12 * DAY, new Date(`${year}-12-20T17:00:00+08:00`).getTime()));
  const facts = await loadEnterpriseFacts(db, enterpriseIds);
  const lineBanks = await loadLineBanks(db, today);
  const inForce = products.filter((p) => p.status === "active").map(productFacts);
  const survey: (typeof financingNeeds.$inferInsert)[] = [];
  for (let i = 0; i < FINANCE_FIGURES.surveyedNeeds; i++) {
    const enterpriseId = enterpriseIds[(i * 37) % enterpriseIds.length];
    const createdAt = new Date(Math.round(yearStart + (i / FINANCE_FIGURES.surveyedNeeds) * (yearEnd - yearStart)));
    const amountWan = Math.round(20 * Math.pow(150, random()));
    const row = need(enterpriseId, createdAt, {
      amountFen: amountWan * WAN,
      purpose: purposes[i % purposes.length],
      termMonths: [12, 6, 24, 36, 12][i % 5],
      maxRateBp: 450 + Math.floor(random() * 200),
      collateral: collateralSets[i % collateralSets.length],
      source: "survey",
      createdBy: liaisons[i % liaisons.length],
      description: "金融联络员走访调研登记。",
    });
    const e = facts.get(enterpriseId)!;
    const best = rankProducts(inForce, needFacts(row as never), e, contextFor(e, lineBanks, shanghaiToday(createdAt)))[0];
    if (!best?.eligible || i % 9 === 4) {
      // Nobody fitted, or nobody claimed in time: flagged to the liaison, then closed.
      survey.push({ ...row, status: "closed", flagKind: "unclaimed", flaggedAt: row.claimDueAt });
      continue;
    }
    const claimedAt = new Date(createdAt.getTime() + (0.1 + random() * 1.8) * DAY);
    const responseDueAt = dueAfter(claimedAt, 3, cal);
    const late = i % 11 === 3;
    const respondedAt = new Date(late ? responseDueAt.getTime() + DAY : claimedAt.getTime() + (0.2 + random() * 1.5) * DAY);
    survey.push({
      ...row,
      status: i % 3 === 0 ? "closed" : "answered",
      claimedBankId: best.bankId,
      claimedAt,
      responseDueAt,
      respondedAt,
      outcome: outcomes[i % outcomes.length],
      outcomeNote: "已电话联系企业。",
      ...(late ? { flagKind: "unanswered" as const, flaggedAt: responseDueAt } : {}),
      updatedAt: respondedAt,
    });
  }
  for (let i = 0; i < survey.length; i += 400) await db.insert(financingNeeds).values(survey.slice(i, i + 400));

  // The renewal service: 209 of the 403 enterprises financed, 7.535 billion yuan in all, 109 renewable.
  const financed = Array.from(
    { length: FINANCE_FIGURES.financedEnterprises },
    (_, k) => serviceIds[Math.round((k * (serviceIds.length - 1)) / (FINANCE_FIGURES.financedEnterprises - 1))],
  );
  const weights = financed.map(() => 0.3 + random());
  const totalWan = FINANCE_FIGURES.financedYuan / 10_000;
  const sum = weights.reduce((a, b) => a + b, 0);
  const amountsWan = weights.map((w) => Math.max(50, Math.floor((w / sum) * totalWan)));
  amountsWan[amountsWan.length - 1] += totalWan - amountsWan.reduce((a, b) => a + b, 0);
  const centreMembers = new Set(
    (await db.select({ id: enterprises.id }).from(enterprises)).map((r) => r.id).filter((id) => facts.get(id)?.associationIds.includes(centre.id)),
  );
  const firstProductOf = new Map<number, (typeof products)[number]>();
  for (const p of products) if (!firstProductOf.has(p.bankId) && p.status === "active") firstProductOf.set(p.bankId, p);
  let drawn = 0;
  const loanRows: (typeof loans.$inferInsert)[] = financed.map((enterpriseId, k) => {
    const bank = bankRows[k % bankRows.length];
    const product = firstProductOf.get(bank.id)!;
    const amountFen = amountsWan[k] * WAN;
    const underLine = bank.id === rcb && centreMembers.has(enterpriseId) && drawn + amountFen <= 600_000_000 * 100;
    if (underLine) drawn += amountFen;
    const disbursedOn = addDays(today, -(30 + ((k * 397) % 420)));
    const maturesOn = addMonths(disbursedOn, 12);
    const renewable =
      Math.floor(((k + 1) * FINANCE_FIGURES.renewableEnterprises) / financed.length) > Math.floor((k * FINANCE_FIGURES.renewableEnterprises) / financed.length);
    const matured = maturesOn < today;
    const daysLeft = Math.round((Date.parse(maturesOn) - Date.parse(today)) / DAY);
    const contacted = matured || (daysLeft <= 30 ? k % 3 !== 0 : daysLeft <= 90 ? k % 2 === 0 : false);
    return {
      enterpriseId,
      bankId: bank.id,
      productId: product.id,
      creditLineId: underLine ? line.id : null,
      amountFen,
      rateBp: product.minRateBp + (k % 4) * 10,
      termMonths: 12,
      disbursedOn,
      maturesOn,
      renewable,
      status: matured ? (renewable ? "renewed" : "repaid") : "active",
      lastContactedOn: contacted ? addDays(maturesOn, -35 - (k % 10)) : null,
      contactNote: contacted ? "客户经理上门对接续贷需求。" : null,
      renewalOutcome: matured ? (renewable ? "renewed_without_principal" : "repaid") : null,
      outcomeAt: matured ? new Date(`${maturesOn}T10:00:00+08:00`) : null,
      outcomeNote: matured ? (renewable ? "到期无缝续贷。" : "到期正常还款。") : null,
    };
  });
  const loanIds = (await db.insert(loans).values(loanRows).returning({ id: loans.id })).map((r) => r.id);
  await db.update(creditLines).set({ drawnFen: drawn }).where(eq(creditLines.id, line.id));

  // Applications: 1 the member's declined one with a PDF, 2 another enterprise's to ICBC, then some in progress,
  // and the applications behind every fifth renewal-service loan.
  const appAt = at(15);
  const app = (over: Partial<typeof loanApplications.$inferInsert> & { enterpriseId: number; productId: number; bankId: number; amountFen: number }) => ({
    termMonths: 12,
    note: "",
    status: "submitted" as const,
    createdAt: appAt,
    updatedAt: appAt,
    ...over,
  });
  const p1 = products[0];
  const icbc1 = products[12];
  const apps = await db
    .insert(loanApplications)
    .values([
      app({
        enterpriseId: member,
        productId: p1.id,
        bankId: p1.bankId,
        amountFen: 600 * WAN,
        status: "declined",
        declineReason: "申请金额超过该产品最高额度的会员上限，请调整金额后重新申请。",
        decidedBy: "demo-bank",
        decidedAt: at(12),
        createdBy: "demo-member",
      }),
      app({ enterpriseId: enterpriseIds[7], productId: icbc1.id, bankId: icbc1.bankId, amountFen: 200 * WAN, status: "under_review" }),
      app({
        enterpriseId: member,
        productId: p1.id,
        bankId: p1.bankId,
        needId: fixedIds[0],
        amountFen: 200 * WAN,
        status: "under_review",
        createdBy: "demo-member",
        createdAt: at(10),
        updatedAt: at(9),
      }),
      app({
        enterpriseId: enterpriseIds[10],
        productId: products[1].id,
        bankId: products[1].bankId,
        amountFen: 100 * WAN,
        status: "info_needed",
        infoRequest: "请补充最近一期增值税纳税申报表。",
      }),
      app({
        enterpriseId: enterpriseIds[12],
        productId: products[4].id,
        bankId: products[4].bankId,
        amountFen: 500 * WAN,
        status: "approved",
        approvedAmountFen: 450 * WAN,
        approvedRateBp: products[4].minRateBp,
        approvedTermMonths: 12,
        decidedBy: "demo-bank",
        decidedAt: at(3),
      }),
      app({
        enterpriseId: enterpriseIds[14],
        productId: p1.id,
        bankId: p1.bankId,
        amountFen: 80 * WAN,
        status: "submitted",
        createdAt: at(1),
        updatedAt: at(1),
      }),
    ])
    .returning();
  const behindLoans = loanRows
    .map((l, k) => ({ l, id: loanIds[k], k }))
    .filter(({ k }) => k % 5 === 0)
    .map(({ l }) => {
      const created = new Date(`${addDays(l.disbursedOn, -12)}T10:00:00+08:00`);
      const decided = new Date(`${addDays(l.disbursedOn, -3)}T10:00:00+08:00`);
      return app({
        enterpriseId: l.enterpriseId,
        productId: l.productId!,
        bankId: l.bankId,
        creditLineId: l.creditLineId ?? null,
        amountFen: l.amountFen,
        status: "disbursed",
        approvedAmountFen: l.amountFen,
        approvedRateBp: l.rateBp,
        approvedTermMonths: 12,
        decidedAt: decided,
        createdAt: created,
        updatedAt: new Date(`${l.disbursedOn}T10:00:00+08:00`),
      });
    });
  const disbursedApps = await db.insert(loanApplications).values(behindLoans).returning();
  let j = 0;
  for (let k = 0; k < loanRows.length; k++) {
    if (k % 5 !== 0) continue;
    await db.update(loans).set({ applicationId: disbursedApps[j++].id }).where(eq(loans.id, loanIds[k]));
  }
  await db.insert(loanApplicationEvents).values(
    [...apps, ...disbursedApps].flatMap((a) => [
      { applicationId: a.id, at: a.createdAt, actorId: a.createdBy, actorName: null, fromStatus: null, toStatus: "submitted", note: null },
      ...(a.status !== "submitted"
        ? [
            {
              applicationId: a.id,
              at: a.updatedAt,
              actorId: "demo-bank",
              actorName: "农商银行客户经理",
              fromStatus: "submitted",
              toStatus: a.status,
              note: a.declineReason ?? a.infoRequest ?? null,
            },
          ]
        : []),
    ]),
  );
  const pdf = await stageBytes("营业执照及财务报表.pdf", Buffer.from("%PDF-1.4\n% Yunjiang demo loan documents\n%%EOF\n"), {
    field: "documents",
    allowed: ["pdf"],
  });
  const demoMember = {
    userId: "demo-member",
    role: "member" as const,
    email: "member@demo.test",
    displayName: "林经理",
    enterpriseIds: [member],
    departmentId: null,
    bankId: null,
    isLead: false,
  };
  await recordUploads(db, [pdf], { ownerKind: APPLICATION_FILE_OWNER, ownerId: apps[0].id, actor: demoMember, at: appAt });

  // Banks see the open needs through their matches; the clocks flag what already waits too long.
  const open = await db.select({ id: financingNeeds.id }).from(financingNeeds).where(eq(financingNeeds.status, "open"));
  await refreshMatchesForNeeds(
    db,
    open.map((n) => n.id),
    today,
  );
  await runFinanceTimers(clock, db);
}
