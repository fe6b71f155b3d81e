import { count } from "drizzle-orm";
import { settings } from "../../app/lib/env.server";
import { hashPassword } from "../../app/lib/passwords.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { getDb, type Executor } from "../client.server";
import { users } from "../schema/accounts";
import { associations, dues, duesRates, enterpriseUsers, enterprises, memberships, type MembershipType, type Segment } from "../schema/members";
import { banks, departments } from "../schema/organisations";
import { seedJobs } from "./jobs.server";
import { seedFairs } from "./fairs.server";
import { seedMembersDemo } from "./members.server";
import { seedTickets } from "./tickets.server";
import { seedMonitoring } from "./monitoring.server";
import { seedDisputes } from "./disputes.server";
import { seedGovernance } from "./governance.server";
import { seedFinance } from "./finance.server";
import { address, chamberNames, enterpriseName, enterpriseTrade, mulberry32, personName, phone, village, type EnterpriseTrade } from "./demo-names";

export const DEMO_PASSWORD = "yunjiang-demo";

/** The source's figures, reproduced by the demo data. */
export const DEMO_FIGURES = {
  centreMembers: 179,
  centreAboveSize: 21,
  districtShoeEnterprises: 572,
  chambers: 38,
  executiveCommitteeEnterprises: 188,
} as const;

export const departmentSeeds = [
  ["tax", "国家税务总局瑞安市税务局", "Tax Bureau"],
  ["science", "瑞安市科学技术局", "Science and Technology Bureau"],
  ["commerce", "瑞安市商务局", "Commerce Bureau"],
  ["hrss", "瑞安市人力资源和社会保障局", "Human Resources and Social Security Bureau"],
  ["natural_resources", "瑞安市自然资源和规划局", "Natural Resources and Planning Bureau"],
  ["court", "瑞安市人民法院", "People's Court"],
  ["procuratorate", "瑞安市人民检察院", "People's Procuratorate"],
  ["public_security", "瑞安市公安局", "Public Security Bureau"],
  ["power_supply", "国网瑞安市供电公司", "Power Supply Company"],
  ["emergency", "瑞安市应急管理局", "Emergency Management Bureau"],
  ["market_regulation", "瑞安市市场监督管理局", "Market Regulation Bureau"],
  ["finance_office", "瑞安市金融工作服务中心", "Finance Office"],
] as const;

export const bankSeeds = [
  ["rcb", "浙江瑞安农村商业银行", "Zhejiang Rui'an Rural Commercial Bank"],
  ["icbc", "中国工商银行瑞安支行", "ICBC Rui'an Branch"],
  ["ccb", "中国建设银行瑞安支行", "CCB Rui'an Branch"],
  ["abc", "中国农业银行瑞安市支行", "ABC Rui'an Branch"],
  ["wzbank", "温州银行瑞安支行", "Bank of Wenzhou Rui'an Branch"],
  ["boc", "中国银行瑞安市支行", "Bank of China Rui'an Branch"],
] as const;

const duesByType: Record<MembershipType, number> = {
  member: 100_000,
  council_member: 300_000,
  executive_committee: 500_000,
  director: 2_000_000,
  vice_director: 1_000_000,
};

// The segment follows the trade in the generated name: a 鞋底 company makes soles.
const segmentOfTrade: Record<EnterpriseTrade, Segment> = {
  鞋业: "finished_shoes",
  鞋材: "materials",
  鞋底: "soles",
  模具: "moulds",
  机械: "machinery",
  塑胶: "materials",
  鞋面: "uppers",
};

type EnterpriseSeed = typeof enterprises.$inferInsert;

function demoEnterprise(i: number, aboveSize: boolean): EnterpriseSeed {
  const random = mulberry32(1000 + i);
  const employees = aboveSize ? 120 + Math.floor(random() * 400) : 8 + Math.floor(random() * 90);
  // Above-size means at least 20 million yuan of annual output; the rest sit well below it.
  const outputYuan = aboveSize ? 20_000_000 + Math.floor(random() * 80_000_000) : 500_000 + Math.floor(random() * 15_000_000);
  return {
    name: enterpriseName(i),
    creditCode: generateCreditCode(i),
    legalRep: personName(i),
    address: address(i),
    village: village(i),
    segment: segmentOfTrade[enterpriseTrade(i)],
    aboveSize,
    annualOutputFen: outputYuan * 100,
    employees,
    exportSharePct: Math.floor(random() * 60),
    contactPerson: personName(i + 5000),
    phone: phone(i),
    email: null,
    publicFields: ["segment", "village", "address", "contactPerson", "phone"],
  };
}

async function insertInChunks<T>(items: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await insert(items.slice(i, i + size));
}

/** Writes the demo data. Assumes an empty, migrated database. */
export async function seedDemo(db: Executor, year = new Date().getFullYear()): Promise<void> {
  const [centre] = await db
    .insert(associations)
    .values({
      code: "yunjiang",
      nameZh: "瑞安市云江注塑鞋研究中心",
      nameEn: "Yunjiang Injection-Shoe Research Centre",
      kind: "centre",
      districtEnterpriseCount: DEMO_FIGURES.districtShoeEnterprises,
      // A made-up account: the demo shows members where to pay; chambers have none set.
      duesPayee: "瑞安市云江注塑鞋研究中心",
      duesBank: "浙江瑞安农村商业银行云周支行",
      duesAccount: "2010 0000 1234 5678",
      duesNote: "请在转账附言中写明企业名称和缴费年度。",
    })
    .returning();
  const [federation] = await db
    .insert(associations)
    .values({ code: "federation", nameZh: "瑞安市工商联", nameEn: "Rui'an Federation of Industry and Commerce", kind: "federation" })
    .returning();
  const chambers = await db
    .insert(associations)
    .values(
      chamberNames.map((c) => ({
        code: c.slug,
        nameZh: c.zh,
        nameEn: c.en,
        kind: "chamber" as const,
        parentId: federation.id,
        hostsSharedCourt: c.sharedCourt,
        hostsLegalStation: c.legalStation,
      })),
    )
    .returning();

  await db
    .insert(duesRates)
    .values(
      [centre, federation, ...chambers].flatMap((a) =>
        Object.entries(duesByType).map(([type, amountFen]) => ({ associationId: a.id, type: type as MembershipType, amountFen })),
      ),
    );
  const depts = await db
    .insert(departments)
    .values(departmentSeeds.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })))
    .returning();
  const bankRows = await db
    .insert(banks)
    .values(bankSeeds.map(([code, nameZh, nameEn]) => ({ code, nameZh, nameEn })))
    .returning();

  // Centre members: 179, the first 21 above designated size.
  const centreEnterprises = Array.from({ length: DEMO_FIGURES.centreMembers }, (_, i) => demoEnterprise(i, i < DEMO_FIGURES.centreAboveSize));
  // Executive-committee enterprises of the federation, spread over its chambers.
  const executiveEnterprises = Array.from({ length: DEMO_FIGURES.executiveCommitteeEnterprises }, (_, k) =>
    demoEnterprise(DEMO_FIGURES.centreMembers + k, k % 4 === 0),
  );
  const inserted: { id: number }[] = [];
  await insertInChunks([...centreEnterprises, ...executiveEnterprises], 100, async (chunk) => {
    inserted.push(...(await db.insert(enterprises).values(chunk).returning({ id: enterprises.id })));
  });
  const centreIds = inserted.slice(0, DEMO_FIGURES.centreMembers).map((r) => r.id);
  const executiveIds = inserted.slice(DEMO_FIGURES.centreMembers).map((r) => r.id);

  const joinedOn = "2022-06-30"; // the centre's first general assembly
  const centreTypes = (i: number): MembershipType => (i === 0 ? "director" : i <= 4 ? "vice_director" : i <= 24 ? "council_member" : "member");
  const membershipRows = [
    ...centreIds.map((enterpriseId, i) => ({ enterpriseId, associationId: centre.id, type: centreTypes(i), status: "active" as const, joinedOn })),
    ...executiveIds.map((enterpriseId) => ({
      enterpriseId,
      associationId: federation.id,
      type: "executive_committee" as const,
      status: "active" as const,
      joinedOn: "2021-03-15",
    })),
    ...executiveIds.map((enterpriseId, k) => ({
      enterpriseId,
      associationId: chambers[k % chambers.length].id,
      type: "member" as const,
      status: "active" as const,
      joinedOn: "2021-03-15",
    })),
  ];
  const membershipIds: { id: number; type: MembershipType }[] = [];
  await insertInChunks(membershipRows, 200, async (chunk) => {
    membershipIds.push(...(await db.insert(memberships).values(chunk).returning({ id: memberships.id, type: memberships.type })));
  });
  // This year's dues fall due on 31 March; most are paid.
  const dueRows = membershipIds.map((m, i) => ({
    membershipId: m.id,
    year,
    amountFen: duesByType[m.type],
    dueOn: `${year}-03-31`,
    paidOn: i % 9 === 4 ? null : `${year}-03-${String(1 + (i % 28)).padStart(2, "0")}`,
    recordedBy: null,
  }));
  await insertInChunks(dueRows, 300, (chunk) => db.insert(dues).values(chunk));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tax = depts.find((d) => d.code === "tax")!;
  // Every demo account has a mobile number, to sign in by phone as well as by email (README).
  const demoUsers = [
    { id: "demo-admin", email: "admin@demo.test", displayName: "系统管理员", role: "admin" as const, phone: "13900000007" },
    { id: "demo-staff", email: "staff@demo.test", displayName: "陈秘书", role: "staff" as const, isLead: true, phone: "13900000002" },
    { id: "demo-member", email: "member@demo.test", displayName: "林经理", role: "member" as const, phone: "13900000003" },
    { id: "demo-dept", email: "dept@demo.test", displayName: "税务局联络员", role: "department" as const, departmentId: tax.id, phone: "13900000004" },
    { id: "demo-bank", email: "bank@demo.test", displayName: "农商银行客户经理", role: "bank" as const, bankId: bankRows[0].id, phone: "13900000005" },
    { id: "demo-mediator", email: "mediator@demo.test", displayName: "周调解员", role: "mediator" as const, phone: "13900000006" },
    { id: "demo-seeker", email: "seeker@demo.test", displayName: "王同学", role: "seeker" as const, phone: "13900000001" },
  ];
  await db.insert(users).values(demoUsers.map((u) => ({ ...u, passwordHash })));
  // The member demo account owns the first centre member enterprise.
  await db.insert(enterpriseUsers).values({ enterpriseId: centreIds[0], userId: "demo-member", isOwner: true });
  await seedJobs(db, centreIds);
  await seedFairs(db, year);
  await seedMembersDemo(db, year);
  await seedTickets(db, year);
  await seedMonitoring(db, demoEnterprise);
  await seedDisputes(db, year);
  // The first executive-committee enterprise is a member of the first chamber (k % chambers = 0).
  await seedGovernance(db, {
    centreId: centre.id,
    federationId: federation.id,
    chamberId: chambers[0].id,
    centreIds,
    repEnterpriseId: executiveIds[0],
    passwordHash,
  });
  await seedFinance(db, year);
}

/** At start: seeds the demo data into an empty database (SEED_DEMO=auto), always (yes) or never (no). */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const mode = settings().SEED_DEMO;
  if (mode === "no") return false;
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  if (row.n > 0) return false;
  console.log("Seeding demo data…");
  await db.transaction((tx) => seedDemo(tx));
  return true;
}
