import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../app/lib/permissions";
import { stageTicketFile } from "../../app/modules/tickets/attachments.server";
import {
  acceptTicket,
  answerTicket,
  rateTicket,
  referTicket,
  rejectTicket,
  requestInfo,
  resolveTicket,
  runTicketTimers,
  submitTicket,
  type Options,
} from "../../app/modules/tickets/tickets.server";
import type { Executor } from "../client.server";
import { notifications, users } from "../schema/accounts";
import { associations, enterpriseUsers, memberships } from "../schema/members";
import { departments } from "../schema/organisations";
import { calendarDays, visits, type TicketCategory, type TicketSource } from "../schema/tickets";

/** The source's figures for the tickets part, reproduced by real rows below (counted by reports). */
export const TICKET_FIGURES = { chambersVisited: 38, enterprisesVisited: 188, problemsCollected: 31, problemsResolved: 22, complaintsResolved: 37 } as const;

const DAY = 24 * 3600 * 1000;

export const categoryDepartment: Record<TicketCategory, string> = {
  financing: "finance_office",
  tax: "tax",
  land: "natural_resources",
  talent: "hrss",
  supply_chain: "commerce",
  orders: "commerce",
  rnd: "science",
  legal_rights: "court",
  policy: "commerce",
  other: "emergency",
};

// Problems heard on visits and at round tables (the kinds the source names).
const problemSeeds: [TicketCategory, string, string][] = [
  ["supply_chain", "鞋底原料供应紧张，交货期延长", "PVC 和 TPR 原料近两月到货慢，希望协调本地供应商稳定供货。"],
  ["financing", "流动资金周转困难，申请续贷", "旺季前需备料，一笔贷款下月到期，希望对接银行办理无还本续贷。"],
  ["rnd", "新型环保鞋材研发缺少检测设备", "希望共享科技局认定的检测平台，缩短新材料检测周期。"],
  ["orders", "外贸订单下滑，希望参加境外展会", "今年外贸订单同比下降，想了解商务局展会补贴政策。"],
  ["talent", "针车工招工难", "针车工和成型工缺口 30 人左右，希望对接职业院校和用工调剂。"],
  ["tax", "出口退税进度咨询", "上季度出口退税尚未到账，希望了解办理进度和材料要求。"],
  ["legal_rights", "货款被拖欠，希望法律援助", "下游客户拖欠货款 86 万元，希望通过共享法庭调解。"],
  ["land", "厂房租赁备案手续", "新租厂房需要办理租赁备案，咨询所需材料和流程。"],
  ["supply_chain", "模具加工配套企业外迁", "配套模具厂外迁后加工周期变长，希望在园区引进模具企业。"],
  ["financing", "设备更新贷款贴息", "计划更新注塑机 12 台，咨询技改贷款贴息政策。"],
  ["talent", "技术工人子女入学", "外地技术骨干子女入学需要协调，希望人社部门给予人才政策支持。"],
  ["tax", "研发费用加计扣除", "第一次申报研发费用加计扣除，希望税务部门上门辅导。"],
  ["orders", "电商平台店铺被恶意投诉", "网店遭同行恶意投诉下架，希望市场监管部门协助核实。"],
  ["rnd", "申报高新技术企业", "希望科技局指导申报高新技术企业的知识产权材料。"],
  ["supply_chain", "物流成本上涨", "园区快递物流价格上涨，希望协调物流企业集中配送。"],
  ["financing", "应收账款融资", "希望了解应收账款质押融资产品和办理流程。"],
  ["legal_rights", "商标被仿冒", "本企业注册商标被外地企业仿冒，希望协助维权。"],
  ["land", "小微园入园条件", "咨询小微园入园条件和规上企业认定标准。"],
  ["talent", "员工社保补贴申请", "新招用员工较多，咨询社保补贴的申请条件。"],
  ["policy", "惠企政策兑现进度", "去年申报的技改补助尚未兑现，希望了解进度。"],
  ["tax", "增值税留抵退税", "咨询增值税留抵退税政策，希望尽快办理。"],
  ["orders", "内销渠道拓展", "希望协会组织对接国内大型鞋服采购商。"],
  ["supply_chain", "电力增容申请", "新增生产线需要电力增容，希望供电公司加快办理。"],
  ["financing", "担保圈风险化解", "受担保企业牵连，银行抽贷，希望协调化解担保圈风险。"],
  ["rnd", "产学研合作对接", "希望对接高校开展鞋底减震材料联合研发。"],
  ["talent", "职业技能等级认定", "希望在企业内开展针车工职业技能等级认定。"],
  ["tax", "发票开具问题", "电子发票系统升级后开票异常，希望税务部门协助。"],
  ["other", "消防通道整改指导", "收到消防通道整改通知，希望应急管理部门上门指导。"],
  ["policy", "安全生产培训", "希望组织企业负责人参加安全生产培训。"],
  ["legal_rights", "劳动合同纠纷咨询", "与离职员工发生劳动合同纠纷，咨询处理方式。"],
  ["orders", "出口产品认证", "出口欧盟需要产品认证，希望了解认证机构和补贴。"],
];

const complaintTitles = ["货款拖欠维权", "商标侵权投诉", "合同违约投诉", "假冒产品投诉", "恶意差评投诉", "加工费拖欠维权", "租赁押金纠纷", "外观专利侵权投诉"];
const complaintDepartments = ["court", "market_regulation", "public_security", "procuratorate"];

/** National holidays of the year (fixed-date ones), so the working-day limits skip them. */
function holidayRows(year: number) {
  const rows: { day: string; isWorkday: boolean; name: string }[] = [{ day: `${year}-01-01`, isWorkday: false, name: "元旦" }];
  for (let d = 1; d <= 5; d++) rows.push({ day: `${year}-05-0${d}`, isWorkday: false, name: "劳动节" });
  for (let d = 1; d <= 7; d++) rows.push({ day: `${year}-10-0${d}`, isWorkday: false, name: "国庆节" });
  return rows;
}

export function actorFor(
  user: { id: string; role: NonNullable<Actor>["role"]; displayName: string; email: string; departmentId: number | null; isLead: boolean },
  enterpriseIds: number[] = [],
): NonNullable<Actor> {
  return {
    userId: user.id,
    role: user.role,
    displayName: user.displayName,
    email: user.email,
    enterpriseIds,
    departmentId: user.departmentId,
    bankId: null,
    isLead: user.isLead,
  };
}

export function must<T extends { ok: boolean }>(result: T, what: string): T {
  if (!result.ok) throw new Error(`seedTickets: ${what} failed: ${JSON.stringify(result)}`);
  return result;
}

/**
 * Demo problems, complaints and visits of `year`, made through the module's own commands so
 * every row has its events, referrals and audit. Deterministic for a given year and clock.
 */
export async function seedTickets(db: Executor, year: number, clock: Date = new Date()): Promise<void> {
  const yearStart = new Date(`${year}-01-05T09:00:00+08:00`).getTime();
  const yearEnd = new Date(`${year}-12-20T17:00:00+08:00`).getTime();
  const end = Math.max(yearStart + 20 * DAY, Math.min(clock.getTime(), yearEnd));
  const at = (fraction: number) => new Date(Math.round(yearStart + fraction * (end - 25 * DAY - yearStart)));
  const o = (t: Date): Options => ({ db, now: t });
  const later = (t: Date, days: number) => new Date(t.getTime() + days * DAY);

  await db.insert(calendarDays).values(holidayRows(year)).onConflictDoNothing();

  const depts = await db.select().from(departments).orderBy(asc(departments.id));
  const deptByCode = new Map(depts.map((d) => [d.code, d]));
  const [staffUser] = await db.select().from(users).where(eq(users.id, "demo-staff"));
  const [memberUser] = await db.select().from(users).where(eq(users.id, "demo-member"));
  const [taxUser] = await db.select().from(users).where(eq(users.id, "demo-dept"));
  if (!staffUser || !memberUser || !taxUser) throw new Error("seedTickets: run after the demo users");
  const staff = actorFor(staffUser);
  const memberLinks = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.userId, memberUser.id));
  const member = actorFor(
    memberUser,
    memberLinks.map((l) => l.enterpriseId),
  );
  const memberEnterprise = member.enterpriseIds[0];

  // One liaison per department (the tax bureau's is dept@demo.test).
  const liaisons = new Map<number, NonNullable<Actor>>([[taxUser.departmentId!, actorFor(taxUser)]]);
  const others = depts.filter((d) => d.id !== taxUser.departmentId);
  if (others.length) {
    const rows = await db
      .insert(users)
      .values(
        others.map((d) => ({
          id: `demo-dept-${d.code}`,
          email: `dept-${d.code.replace(/_/g, "-")}@demo.test`,
          passwordHash: taxUser.passwordHash,
          displayName: `${d.nameZh}联络员`,
          role: "department" as const,
          departmentId: d.id,
        })),
      )
      .returning();
    for (const u of rows) liaisons.set(u.departmentId!, actorFor(u));
  }

  // Visits: every chamber once, and the federation's 188 executive-committee enterprises.
  const chambers = await db.select().from(associations).where(eq(associations.kind, "chamber")).orderBy(asc(associations.id));
  const executives = await db
    .select({ enterpriseId: memberships.enterpriseId })
    .from(memberships)
    .where(and(eq(memberships.type, "executive_committee"), eq(memberships.status, "active")))
    .orderBy(asc(memberships.enterpriseId));
  const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const visitRows = [
    ...chambers.map((c, i) => ({
      visitedOn: dayOf(at(i / Math.max(1, chambers.length))),
      visitors: "陈秘书、李干事",
      associationId: c.id,
      enterpriseId: null,
      notes: "走访商会，听取会员企业诉求。",
      createdBy: staff.userId,
    })),
    ...executives.map((e, i) => ({
      visitedOn: dayOf(at(i / Math.max(1, executives.length))),
      visitors: "陈秘书",
      associationId: null,
      enterpriseId: e.enterpriseId,
      notes: "走访执委企业，了解生产经营情况。",
      createdBy: staff.userId,
    })),
  ];
  const visitIds: { id: number; enterpriseId: number | null }[] = [];
  for (let i = 0; i < visitRows.length; i += 100)
    visitIds.push(
      ...(await db
        .insert(visits)
        .values(visitRows.slice(i, i + 100))
        .returning({ id: visits.id, enterpriseId: visits.enterpriseId })),
    );
  const enterpriseVisits = visitIds.filter((v) => v.enterpriseId !== null);

  // Problems: 31 this year; 22 resolved, 9 still in the loop.
  const n = problemSeeds.length;
  for (let i = 0; i < n; i++) {
    const [category, title, description] = problemSeeds[i];
    const deptCode = categoryDepartment[category];
    const dept = deptByCode.get(i === 29 ? "hrss" : deptCode)!;
    const liaison = liaisons.get(dept.id)!;
    // Stage: 0-21 resolved; 22 submitted (overdue); 23 submitted (the demo member's, with a PDF); 24 accepted;
    // 25 accepted, waiting; 26 referred to tax, overdue (the demo member's); 27-28 referred; 29 answered; 30 rejected.
    const open = i >= 22;
    const t0 = open ? new Date(end - (i === 22 || i === 26 ? 20 : i === 30 ? 6 : 1 + (i % 3)) * DAY) : at(i / 22);
    const online = i === 3 || i === 23 || i === 26;
    const source: TicketSource = online ? "online" : i % 3 === 0 ? "meeting" : i % 3 === 1 ? "visit" : "phone";
    const visit = source === "visit" ? enterpriseVisits[(i * 7) % enterpriseVisits.length] : null;
    const enterpriseId = online ? memberEnterprise : (visit?.enterpriseId ?? executives[(i * 5) % executives.length].enterpriseId);
    const input = {
      enterpriseId,
      category,
      title,
      description,
      urgency: i % 5 === 2 ? ("urgent" as const) : ("normal" as const),
      source,
      kind: "problem" as const,
      visitId: visit?.id ?? null,
    };
    // The member's waiting problem carries a small PDF (the attachment flow end to end).
    const files = i === 23 ? [await stageTicketFile("供货合同.pdf", Buffer.from("%PDF-1.4\n% Yunjiang demo attachment\n%%EOF\n"))] : [];
    const { value: ticket } = must(await submitTicket(online ? member : staff, input, files, o(t0)), "submit") as { ok: true; value: { id: number } };
    const id = ticket.id;
    if (i === 22 || i === 23) continue;
    if (i === 30) {
      must(await rejectTicket(staff, id, "该事项属于企业间商业合作，不在协会受理范围，建议通过行业协会会员交流会对接。", o(later(t0, 0.2))), "reject");
      continue;
    }
    must(await acceptTicket(staff, id, { category, priority: i % 4 === 0 ? "high" : "normal", handlerId: staff.userId }, o(later(t0, 0.2))), "accept");
    if (i === 24) continue;
    if (i === 25) {
      must(await requestInfo(staff, id, "请补充近三个月的用工缺口明细和岗位要求。", o(later(t0, 0.4))), "requestInfo");
      continue;
    }
    // Three problems were settled by the association itself, the rest referred.
    if (!open && i % 8 === 5) {
      must(await resolveTicket(staff, id, "协会已协调相关企业，问题已解决。", o(later(t0, 3))), "resolve");
      continue;
    }
    const referredAt = later(t0, 0.5);
    must(await referTicket(staff, id, { departmentId: dept.id, note: "请按时限办理并反馈。" }, o(referredAt)), "refer");
    if (i >= 26 && i <= 28) continue;
    // Most answer within the limit; every fourth takes longer.
    const answeredAt = later(referredAt, i % 4 === 1 ? 9 : 1 + (i % 4));
    must(await answerTicket(liaison, id, `${dept.nameZh}已受理并答复：已安排专人对接企业，按政策办理。`, o(answeredAt)), "answer");
    if (i === 29) continue;
    const resolvedAt = later(answeredAt, 1);
    must(await resolveTicket(staff, id, "部门已答复并办结，企业确认问题已解决。", o(resolvedAt)), "resolve");
    if (i === 3) must(await rateTicket(member, id, { rating: 5, comment: "办理及时，非常满意。" }, o(later(resolvedAt, 1))), "rate");
  }

  // Rights-protection complaints: 37 resolved this year through the same loop.
  for (let k = 0; k < TICKET_FIGURES.complaintsResolved; k++) {
    const t0 = at(k / TICKET_FIGURES.complaintsResolved);
    const dept = deptByCode.get(complaintDepartments[k % complaintDepartments.length])!;
    const title = complaintTitles[k % complaintTitles.length];
    const enterpriseId = executives[(k * 11 + 3) % executives.length].enterpriseId;
    const { value: ticket } = must(
      await submitTicket(
        staff,
        {
          enterpriseId,
          category: "legal_rights",
          title,
          description: `${title}：企业通过维权热线反映，请依法协调处理。`,
          urgency: k % 6 === 0 ? "urgent" : "normal",
          source: "phone",
          kind: "complaint",
          visitId: null,
        },
        [],
        o(t0),
      ),
      "complaint",
    ) as { ok: true; value: { id: number } };
    must(await acceptTicket(staff, ticket.id, { category: "legal_rights", priority: "normal", handlerId: staff.userId }, o(later(t0, 0.1))), "accept");
    must(await referTicket(staff, ticket.id, { departmentId: dept.id }, o(later(t0, 0.3))), "refer");
    must(await answerTicket(liaisons.get(dept.id)!, ticket.id, "已依法调处，双方达成和解。", o(later(t0, 2 + (k % 3)))), "answer");
    must(await resolveTicket(staff, ticket.id, "维权投诉已办结。", o(later(t0, 4 + (k % 3)))), "resolve");
  }

  await runTicketTimers(new Date(end), db);
  // The demo starts with a quiet bell: the seeded history is already read.
  const seeded = [...liaisons.values()].map((a) => a.userId).concat(staff.userId, member.userId);
  await db
    .update(notifications)
    .set({ readAt: new Date(end) })
    .where(inArray(notifications.userId, seeded));
}
