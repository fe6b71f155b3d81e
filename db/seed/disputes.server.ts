import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../../app/lib/permissions";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import {
  acceptCase,
  answerInvitation,
  applyJudicial,
  assignMediator,
  closeCase,
  confirmAgreement,
  consentExtension,
  declineCase,
  decideJudicial,
  draftAgreement,
  failMediation,
  fileCase,
  inviteRespondent,
  recordMinutes,
  referToCourt,
  requestExtension,
  scheduleSession,
  type Options,
} from "../../app/modules/disputes/disputes.server";
import { stageEvidence } from "../../app/modules/disputes/evidence.server";
import type { DisputeType } from "../../app/modules/disputes/constants";
import type { Executor } from "../client.server";
import { users } from "../schema/accounts";
import { disputeSessions, disputeStationPeople, disputeStations, legalServices } from "../schema/disputes";
import { associations, enterpriseUsers, memberships } from "../schema/members";
import { mulberry32, personName, phone } from "./demo-names";
import { actorFor, must } from "./tickets.server";

/** The source's legal-services figures, reproduced by rows (counted by the reports). */
export const LEGAL_FIGURES = { healthChecks: 527, lectures: 65 } as const;

const DAY = 24 * 3600 * 1000;
const courts = [["瑞安市人民法院", "Rui'an People's Court"]] as const;
const lawFirms = ["浙江瑞安律师事务所", "浙江安阳律师事务所", "浙江瑞邦律师事务所", "浙江玉海律师事务所", "浙江飞云律师事务所", "浙江东瓯律师事务所"];
const checkTopics = ["劳动用工合规", "合同管理", "知识产权保护", "安全生产责任", "税务合规", "应收账款管理", "股权结构与公司治理", "环保合规"];
const checkFindings = [
  "劳动合同未约定试用期工资标准",
  "销售合同缺少违约责任条款",
  "商标未在主要出口国注册",
  "安全生产责任制未落实到班组",
  "应收账款未及时对账确认",
  "外协加工合同未约定质量标准",
];
const checkFollowUps = ["律师已提供合同范本，企业一个月内修订", "已指导企业补签协议并建立台账", "建议企业申请马德里商标国际注册", "已安排回访，复查整改情况"];
const lectureTopics = [
  "民法典合同编与企业经营",
  "劳动争议预防与处理",
  "知识产权保护实务",
  "企业应收账款风险防范",
  "共享法庭与诉调对接",
  "安全生产法律责任",
  "电子商务平台规则与维权",
];

/** Station staff and mediators: the secretariat staffs every station; each station has a clerk and a mediator. */
async function seedStations(db: Executor) {
  const hosts = await db
    .select()
    .from(associations)
    .where(and(eq(associations.kind, "chamber"), eq(associations.hostsSharedCourt, true)))
    .orderBy(asc(associations.id));
  if (hosts.length !== 4) throw new Error(`seedDisputes: expected 4 chambers with a shared court, found ${hosts.length}`);
  const stations = await db
    .insert(disputeStations)
    .values(
      hosts.map((a, i) => ({
        number: i + 1,
        associationId: a.id,
        nameZh: `${a.nameZh}共享法庭`,
        nameEn: `${a.nameEn} shared court`,
        address: `瑞安市${["安阳街道", "仙降街道", "塘下镇", "飞云街道"][i % 4]}${a.nameZh}会所`,
        courtZh: courts[0][0],
        courtEn: courts[0][1],
      })),
    )
    .returning();
  const [model] = await db.select().from(users).where(eq(users.id, "demo-mediator"));
  if (!model) throw new Error("seedDisputes: run after the demo users");
  const extra = await db
    .insert(users)
    .values([
      ...stations.slice(1).map((s) => ({
        id: `demo-mediator-${s.number}`,
        email: `mediator${s.number}@demo.test`,
        passwordHash: model.passwordHash,
        displayName: `${personName(7000 + s.number)}（调解员）`,
        role: "mediator" as const,
      })),
      ...stations.map((s) => ({
        id: `demo-clerk-${s.number}`,
        email: `clerk${s.number}@demo.test`,
        passwordHash: model.passwordHash,
        displayName: `${personName(7100 + s.number)}（法庭书记员）`,
        role: "staff" as const,
      })),
    ])
    .returning();
  const mediatorOf = new Map<number, string>([
    [stations[0].id, model.id],
    ...stations.slice(1).map((s) => [s.id, `demo-mediator-${s.number}`] as [number, string]),
  ]);
  await db
    .insert(disputeStationPeople)
    .values([
      ...stations.map((s) => ({ stationId: s.id, userId: "demo-staff", role: "staff" as const })),
      ...stations.map((s) => ({ stationId: s.id, userId: `demo-clerk-${s.number}`, role: "staff" as const })),
      ...stations.map((s) => ({ stationId: s.id, userId: mediatorOf.get(s.id)!, role: "mediator" as const })),
    ]);
  const byId = new Map([model, ...extra].map((u) => [u.id, u]));
  return { stations, mediatorOf, byId };
}

type Stage =
  | "filed"
  | "declined"
  | "accepted"
  | "mediator_assigned"
  | "respondent_invited"
  | "respondent_declined"
  | "in_mediation"
  | "in_mediation_extended"
  | "agreement_pending"
  | "agreement_half"
  | "settled"
  | "failed"
  | "referred"
  | "judicial_applied"
  | "judicial_confirmed"
  | "judicial_refused"
  | "closed_confirmed"
  | "closed_referred";

type CaseSeed = {
  stage: Stage;
  /** Station number 1..4. */
  station: number;
  /** "member": the demo member's enterprise; "other": another member enterprise. */
  applicant: "member" | "other";
  respondent: "member" | "other" | "outside";
  type: DisputeType;
  amountYuan: number;
  /** Days before the seed's clock the case was filed. */
  filedDaysAgo: number;
  facts: string;
  request: string;
};

const facts: Record<DisputeType, [string, string]> = {
  contract: ["双方签订鞋底加工合同，被申请人未按约定交货，导致申请人错过订单交期。", "请求被申请人赔偿损失并继续履行合同。"],
  payment_arrears: ["申请人向被申请人供应注塑鞋材，被申请人至今拖欠货款。", "请求被申请人支付拖欠货款及逾期付款利息。"],
  product_quality: ["被申请人供应的 PVC 原料批次质量不合格，成品鞋出现开胶。", "请求退换不合格原料并赔偿返工损失。"],
  intellectual_property: ["被申请人生产销售的拖鞋与申请人外观专利产品高度近似。", "请求停止生产销售侵权产品并赔偿损失。"],
  labour: ["双方就外派针车工的加工费结算和社保承担发生争议。", "请求按约定结算加工费。"],
  lease: ["申请人承租被申请人厂房，租期未满被要求腾退，押金未退还。", "请求退还租赁押金并赔偿搬迁损失。"],
  other: ["双方因共用消防通道的堆放问题多次发生纠纷。", "请求明确通道使用规则并赔偿损失。"],
};

function caseSeeds(): CaseSeed[] {
  const plan: [Stage, number, CaseSeed["applicant"], CaseSeed["respondent"], DisputeType, number, number][] = [
    // [stage, station, applicant, respondent, type, amount (yuan), filed days ago]
    ["in_mediation", 1, "member", "other", "payment_arrears", 860_000, 12], // 1: the member's case (evidence, session): access fixtures
    ["in_mediation", 2, "other", "other", "contract", 230_000, 10], // 2: another station's case
    ["filed", 1, "member", "outside", "product_quality", 58_000, 1],
    ["respondent_invited", 1, "other", "member", "lease", 120_000, 6], // the member is the respondent and must answer
    ["agreement_half", 1, "other", "member", "contract", 96_000, 20], // the applicant confirmed; the member must
    ["settled", 1, "member", "other", "payment_arrears", 345_000, 55], // judicial confirmation due soon
    ["filed", 2, "other", "outside", "labour", 42_000, 2],
    ["filed", 3, "other", "other", "contract", 150_000, 0],
    ["filed", 4, "other", "outside", "other", 20_000, 3],
    ["declined", 3, "other", "outside", "other", 8_000, 40],
    ["declined", 4, "other", "other", "labour", 15_000, 25],
    ["accepted", 2, "other", "other", "product_quality", 67_000, 4],
    ["accepted", 4, "other", "outside", "lease", 90_000, 5],
    ["mediator_assigned", 3, "other", "other", "intellectual_property", 500_000, 7],
    ["mediator_assigned", 1, "other", "outside", "payment_arrears", 73_000, 8],
    ["respondent_invited", 2, "other", "outside", "payment_arrears", 210_000, 28], // mediation due in 2 days
    ["respondent_invited", 3, "other", "other", "contract", 48_000, 9],
    ["respondent_declined", 4, "other", "other", "intellectual_property", 380_000, 35],
    ["respondent_declined", 1, "other", "outside", "contract", 66_000, 18],
    ["in_mediation", 1, "other", "other", "product_quality", 132_000, 28], // mediation due in 2 days
    ["in_mediation", 3, "other", "outside", "lease", 75_000, 34], // overdue: a missed deadline
    ["in_mediation_extended", 4, "other", "other", "payment_arrears", 620_000, 36],
    ["agreement_pending", 2, "other", "other", "payment_arrears", 180_000, 21],
    ["agreement_pending", 3, "other", "outside", "labour", 36_000, 17],
    ["settled", 2, "other", "other", "contract", 260_000, 30],
    ["settled", 3, "other", "outside", "payment_arrears", 92_000, 58], // judicial confirmation overdue
    ["settled", 4, "other", "other", "product_quality", 54_000, 24],
    ["failed", 2, "other", "other", "intellectual_property", 800_000, 45],
    ["failed", 1, "member", "outside", "contract", 110_000, 50],
    ["referred", 3, "other", "other", "payment_arrears", 1_200_000, 80],
    ["referred", 4, "other", "outside", "contract", 430_000, 70],
    ["referred", 1, "other", "other", "lease", 160_000, 65],
    ["judicial_applied", 1, "other", "other", "payment_arrears", 280_000, 45],
    ["judicial_applied", 4, "other", "outside", "labour", 64_000, 40],
    ["judicial_confirmed", 2, "other", "other", "contract", 390_000, 75],
    ["judicial_confirmed", 3, "other", "other", "product_quality", 88_000, 90],
    ["judicial_confirmed", 1, "member", "other", "payment_arrears", 520_000, 100],
    ["judicial_refused", 4, "other", "other", "other", 30_000, 85],
    ["closed_confirmed", 2, "other", "other", "payment_arrears", 240_000, 150],
    ["closed_confirmed", 3, "other", "outside", "lease", 70_000, 130],
    ["closed_referred", 4, "other", "other", "contract", 650_000, 160],
    ["closed_referred", 1, "other", "outside", "intellectual_property", 300_000, 120],
  ];
  return plan.map(([stage, station, applicant, respondent, type, amountYuan, filedDaysAgo]) => ({
    stage,
    station,
    applicant,
    respondent,
    type,
    amountYuan,
    filedDaysAgo,
    facts: facts[type][0],
    request: facts[type][1],
  }));
}

/**
 * The shared-court stations with their people, ~40 cases across every state made through the
 * module's own commands (every row has its events and audit; some near a deadline, some past one),
 * and the 527 legal health checks and 65 lectures of `year`. Deterministic for a given clock.
 */
export async function seedDisputes(db: Executor, year: number, clock: Date = new Date()): Promise<void> {
  const { stations, mediatorOf, byId } = await seedStations(db);
  const [staffUser] = await db.select().from(users).where(eq(users.id, "demo-staff"));
  const [memberUser] = await db.select().from(users).where(eq(users.id, "demo-member"));
  const station = (n: number) => stations.find((s) => s.number === n)!;
  const staff = actorFor(staffUser);
  const memberEnterprise = (await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.userId, memberUser.id)))[0].enterpriseId;
  const member = actorFor(memberUser, [memberEnterprise]);
  // Other parties: centre members 2..179 act through an owner account made here for each one used.
  const others = (
    await db.select({ id: memberships.enterpriseId }).from(memberships).where(eq(memberships.status, "active")).orderBy(asc(memberships.enterpriseId))
  )
    .map((r) => r.id)
    .filter((id, i, all) => id !== memberEnterprise && all.indexOf(id) === i);
  const accounts = new Map<number, NonNullable<Actor>>([[memberEnterprise, member]]);
  async function ownerOf(enterpriseId: number): Promise<NonNullable<Actor>> {
    const known = accounts.get(enterpriseId);
    if (known) return known;
    const [u] = await db
      .insert(users)
      .values({
        id: `demo-owner-${enterpriseId}`,
        email: `owner${enterpriseId}@demo.test`,
        passwordHash: memberUser.passwordHash,
        displayName: personName(8000 + enterpriseId),
        role: "member",
      })
      .returning();
    await db.insert(enterpriseUsers).values({ enterpriseId, userId: u.id, isOwner: true });
    const a = actorFor(u, [enterpriseId]);
    accounts.set(enterpriseId, a);
    return a;
  }
  const mediatorActor = (stationId: number) => actorFor(byId.get(mediatorOf.get(stationId)!)!);
  const later = (t: Date, days: number) => new Date(t.getTime() + days * DAY);
  const o = (t: Date): Options => ({ db, now: t });

  let k = 0;
  for (const [index, s] of caseSeeds().entries()) {
    const st = station(s.station);
    const applicantId = s.applicant === "member" ? memberEnterprise : others[(index * 7) % others.length];
    let respondentId: number | null = null;
    if (s.respondent === "member") respondentId = memberEnterprise;
    else if (s.respondent === "other") {
      respondentId = others[(index * 11 + 3) % others.length];
      if (respondentId === applicantId) respondentId = others[(index * 11 + 4) % others.length];
    }
    const applicant = await ownerOf(applicantId);
    const respondent = respondentId === null ? null : await ownerOf(respondentId);
    const t0 = new Date(clock.getTime() - s.filedDaysAgo * DAY - (index % 5) * 3600 * 1000);
    const random = mulberry32(500 + index);
    const evidence =
      index === 0 ? [await stageEvidence("送货单与对账单.pdf", Buffer.from("%PDF-1.4\n% Yunjiang demo evidence: delivery notes and statement\n%%EOF\n"))] : [];
    const filed = must(
      await fileCase(
        applicant,
        {
          applicantEnterpriseId: applicantId,
          stationId: st.id,
          respondentKind: respondentId === null ? "outside" : "member",
          respondentEnterpriseId: respondentId,
          respondentName: respondentId === null ? `温州${["宏达", "鑫源", "恒通", "顺发", "金泰"][index % 5]}贸易有限公司` : null,
          respondentCreditCode: respondentId === null ? generateCreditCode(90_000 + index, { division: "330302" }) : null,
          respondentContact: respondentId === null ? `${personName(9000 + index)} ${phone(9000 + index)}` : null,
          type: s.type,
          amountYuan: s.amountYuan * 100,
          facts: s.facts,
          request: s.request,
          consent: true,
        },
        evidence,
        o(t0),
      ),
      "file",
    ) as { ok: true; case: { id: number } };
    const id = filed.case.id;
    k++;
    if (s.stage === "filed") continue;
    if (s.stage === "declined") {
      must(await declineCase(staff, id, "该纠纷已进入诉讼程序，不再适用诉前调解。", o(later(t0, 1))), "decline");
      continue;
    }
    const accepted = later(t0, s.filedDaysAgo >= 2 ? 1 : 0.1);
    must(await acceptCase(staff, id, o(accepted)), "accept");
    if (s.stage === "accepted") continue;
    must(await assignMediator(staff, id, mediatorOf.get(st.id)!, o(later(accepted, 0.2))), "assign");
    if (s.stage === "mediator_assigned") continue;
    const mediator = mediatorActor(st.id);
    must(await inviteRespondent(mediator, id, o(later(accepted, 0.5))), "invite");
    if (s.stage === "respondent_invited") continue;
    const answerer = respondent ?? staff;
    const answeredAt = later(accepted, 1.5);
    if (s.stage === "respondent_declined") {
      must(await answerInvitation(answerer, id, { answer: "decline", note: "被申请人认为双方已另行协商，不同意调解。" }, o(answeredAt)), "decline mediation");
      continue;
    }
    must(await answerInvitation(answerer, id, { answer: "agree", note: "同意在共享法庭调解。" }, o(answeredAt)), "agree");
    const sessionAt = later(answeredAt, 2);
    const online = index % 2 === 0;
    must(
      await scheduleSession(
        mediator,
        id,
        {
          mode: online ? "online" : "in_person",
          startsAt: sessionAt,
          place: online ? null : st.address,
          link: online ? `https://court.zjwfy.example/room/${1000 + index}` : null,
        },
        o(later(answeredAt, 0.3)),
      ),
      "session",
    );
    const held = sessionAt.getTime() < clock.getTime();
    const [session] = await db.select({ id: disputeSessions.id }).from(disputeSessions).where(eq(disputeSessions.caseId, id));
    if (held)
      must(
        await recordMinutes(
          mediator,
          id,
          { sessionId: session.id, minutes: "双方陈述争议事实，调解员释明法律规定，双方就还款方式初步交换意见。" },
          o(later(sessionAt, 0.1)),
        ),
        "minutes",
      );
    if (s.stage === "in_mediation") continue;
    if (s.stage === "in_mediation_extended") {
      must(await requestExtension(mediator, id, { days: 15, reason: "双方正在核对账目，需要更多时间。" }, o(later(sessionAt, 1))), "extension");
      must(await consentExtension(applicant, id, o(later(sessionAt, 1.2))), "consent applicant");
      must(await consentExtension(respondent ?? staff, id, o(later(sessionAt, 1.4))), "consent respondent");
      continue;
    }
    const endAt = later(sessionAt, 1 + Math.floor(random() * 3));
    if (s.stage === "failed" || s.stage === "referred" || s.stage === "closed_referred") {
      must(await failMediation(mediator, id, "双方对赔偿金额分歧较大，调解不成。", o(endAt)), "fail");
      if (s.stage === "failed") continue;
      must(
        await referToCourt(
          staff,
          id,
          {
            court: st.courtZh,
            caseNumber: `(${year})浙0381民初${3000 + index}号`,
            date: new Date(later(endAt, 1).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10),
          },
          o(later(endAt, 1)),
        ),
        "refer",
      );
      if (s.stage === "closed_referred") must(await closeCase(staff, id, o(later(endAt, 5))), "close");
      continue;
    }
    const agreed = Math.round(s.amountYuan * (0.6 + random() * 0.35));
    must(
      await draftAgreement(
        mediator,
        id,
        {
          terms: `一、被申请人于协议签订之日起三十日内向申请人支付人民币${agreed}元；\n二、申请人放弃其余请求；\n三、双方就本纠纷再无其他争议。`,
          amountYuan: agreed * 100,
        },
        o(endAt),
      ),
      "draft",
    );
    if (s.stage === "agreement_pending") continue;
    must(await confirmAgreement(applicant, id, o(later(endAt, 0.5))), "confirm applicant");
    if (s.stage === "agreement_half") continue;
    // The settled case that is near its judicial-confirmation deadline was agreed 28 days ago.
    const settleAt = s.stage === "settled" && index === 5 ? new Date(clock.getTime() - 28 * DAY) : later(endAt, 1);
    must(await confirmAgreement(respondent ?? staff, id, o(settleAt)), "confirm respondent");
    if (s.stage === "settled") continue;
    must(await applyJudicial(staff, id, { court: st.courtZh, caseNumber: `(${year})浙0381民特${500 + index}号` }, o(later(settleAt, 3))), "apply");
    if (s.stage === "judicial_applied") continue;
    const decided = later(settleAt, 8);
    must(
      await decideJudicial(
        staff,
        id,
        s.stage === "judicial_refused"
          ? { decision: "refused", note: "协议部分条款违反法律强制性规定。" }
          : { decision: "confirmed", note: "经审查，调解协议合法有效，裁定确认。" },
        o(decided),
      ),
      "decide",
    );
    if (s.stage === "closed_confirmed") must(await closeCase(staff, id, o(later(decided, 2))), "close");
  }
  if (k < 40) throw new Error("seedDisputes: fewer cases than planned");

  // Legal services of the year: 527 health checks of enterprises, 65 lectures at chambers.
  const enterprisesServed = others.slice(0, 360);
  const chambers = await db
    .select({ id: associations.id, nameZh: associations.nameZh })
    .from(associations)
    .where(and(eq(associations.kind, "chamber"), eq(associations.hostsLegalStation, true)))
    .orderBy(asc(associations.id));
  const dayOfYear = (i: number, n: number) => {
    const d = new Date(Date.UTC(year, 0, 6) + Math.floor((i / n) * 340) * DAY);
    return d.toISOString().slice(0, 10);
  };
  const rows: (typeof legalServices.$inferInsert)[] = [];
  for (let i = 0; i < LEGAL_FIGURES.healthChecks; i++) {
    rows.push({
      kind: "health_check",
      heldOn: dayOfYear(i, LEGAL_FIGURES.healthChecks),
      enterpriseId: i === 0 ? memberEnterprise : enterprisesServed[i % enterprisesServed.length],
      provider: lawFirms[i % lawFirms.length],
      topic: checkTopics[i % checkTopics.length],
      findings: checkFindings[i % checkFindings.length],
      followUp: checkFollowUps[i % checkFollowUps.length],
      createdBy: "demo-staff",
    });
  }
  for (let i = 0; i < LEGAL_FIGURES.lectures; i++) {
    rows.push({
      kind: "lecture",
      heldOn: dayOfYear(i, LEGAL_FIGURES.lectures),
      associationId: chambers[i % chambers.length].id,
      provider: lawFirms[(i + 2) % lawFirms.length],
      topic: lectureTopics[i % lectureTopics.length],
      findings: "",
      followUp: "课件已上传商会群，企业可预约一对一咨询。",
      attendees: 30 + ((i * 17) % 90),
      createdBy: "demo-staff",
    });
  }
  for (let i = 0; i < rows.length; i += 200) await db.insert(legalServices).values(rows.slice(i, i + 200));
}
