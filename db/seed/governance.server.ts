import { randomInt } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { newReceipt, tallyPosition } from "../../app/modules/governance/rules";
import type { Executor } from "../client.server";
import { users } from "../schema/accounts";
import {
  amendments,
  assemblies,
  assemblyAttendance,
  assemblyProxies,
  assemblyRoll,
  documentVersions,
  electionBallots,
  electionCandidates,
  electionPositions,
  electionResults,
  electionRoll,
  elections,
  electionVoters,
  governanceDocuments,
  motions,
} from "../schema/governance";
import { associations, dues, enterpriseUsers, enterprises, memberships } from "../schema/members";
import { mulberry32 } from "./demo-names";

// Governance demo data: the centre's founding general assembly (30 June 2022) adopting charter v1
// and the election rules by motion and electing the first council and director; charter v2
// proposed with two amendments; an election open now in a chamber where member@demo.test's
// enterprise (and rep@demo.test's) can vote; a draft election and a scheduled council meeting of
// the federation. Every figure shown is counted from these rows.

const at = (s: string) => new Date(`${s}+08:00`);

export const CHARTER_V1 = `# 瑞安市云江注塑鞋研究中心章程

## 第一章 总则

第一条 本中心名称为瑞安市云江注塑鞋研究中心（以下简称本中心）。

第二条 本中心是由云江片区注塑鞋生产企业及其配套企业自愿组成的非营利性社会组织。

第三条 本中心的宗旨：服务会员企业，推动注塑鞋产业转型升级，维护会员合法权益。

## 第二章 业务范围

第四条 本中心开展行业调研、技术交流、人才培训、融资对接和法律服务。

第五条 本中心协助政府部门收集企业诉求，分类汇总并反馈至相关部门。

## 第三章 会员

第六条 注塑鞋生产企业及其配套企业，承认本章程，可申请成为会员。

第七条 会员享有选举权、被选举权和表决权；每家会员企业一票，由其会员代表行使。

第八条 会员应遵守本章程，按规定缴纳会费。连续一年不缴纳会费的，视为自动退会。

## 第四章 组织机构

第九条 会员大会是本中心的最高权力机构，每届五年。会员大会须有过半数会员出席方能召开。

第十条 理事会是会员大会的执行机构，由理事十五名组成，设主任一名。

第十一条 理事、主任由会员大会以无记名投票方式选举产生。

## 第五章 附则

第十二条 本章程经会员大会表决通过之日起生效。
`;

export const CHARTER_V2 = CHARTER_V1.replace(
  "第四条 本中心开展行业调研、技术交流、人才培训、融资对接和法律服务。",
  "第四条 本中心开展行业调研、技术交流、人才培训、融资对接、共享法庭和法律服务，建设产业监测平台。",
)
  .replace("会员大会是本中心的最高权力机构，每届五年。", "会员大会是本中心的最高权力机构，每届五年，可以现场和网上相结合的方式召开。")
  .replace(
    "第十条 理事会是会员大会的执行机构，由理事十五名组成，设主任一名。",
    "第十条 理事会是会员大会的执行机构，由理事十五名组成，设主任一名、副主任三名。",
  );

export const RULES_V1 = `# 瑞安市云江注塑鞋研究中心第一届理事会选举办法

## 第一条 选举方式

理事和主任由会员大会以无记名投票方式差额选举产生，候选人数多于应选人数的百分之二十。

## 第二条 选民

每家会员企业一票，由会员代表投票；会员代表可委托出席会议的另一家会员企业代表投票，每位代表至多接受一家委托。

## 第三条 选票

每张选票所选人数等于或少于应选人数的为有效票；多于应选人数的为无效票。空白票计入投票数。

## 第四条 当选

候选人按得票多少依次当选。最后一个名额得票相同的，对得票相同者另行选举。

## 第五条 计票与公示

计票结束后公布每张选票的回执码及内容，会员可据此核对本企业选票并重新计票。
`;

type SeedIds = { centreId: number; federationId: number; chamberId: number; centreIds: number[]; repEnterpriseId: number; passwordHash: string };

async function legalRepsOf(db: Executor, ids: number[]) {
  const rows = await db.select({ id: enterprises.id, legalRep: enterprises.legalRep }).from(enterprises).where(inArray(enterprises.id, ids));
  return new Map(rows.map((r) => [r.id, r.legalRep]));
}

/** Writes voters and ballots straight into an open election (the seed runs in one transaction with everything else). */
async function insertVotes(db: Executor, electionId: number, votes: { enterpriseId: number; choices: number[] }[]) {
  for (let i = 0; i < votes.length; i += 200) {
    const chunk = votes.slice(i, i + 200);
    await db.insert(electionVoters).values(chunk.map((v) => ({ electionId, enterpriseId: v.enterpriseId, channel: "online" as const })));
    await db
      .insert(electionBallots)
      .values(chunk.map((v) => ({ electionId, receipt: newReceipt(randomInt), candidateIds: [...v.choices].sort((a, b) => a - b) })));
  }
}

export async function seedGovernance(db: Executor, ids: SeedIds): Promise<void> {
  const { centreId, federationId, chamberId, centreIds } = ids;
  const staffId = "demo-staff";

  // --- Charter and election rules of the centre -------------------------------------------------
  const [charterDoc] = await db.insert(governanceDocuments).values({ associationId: centreId, kind: "charter" }).returning();
  const [rulesDoc] = await db.insert(governanceDocuments).values({ associationId: centreId, kind: "election_rules" }).returning();
  const [charterV1] = await db
    .insert(documentVersions)
    .values({
      documentId: charterDoc.id,
      version: 1,
      title: "章程（草案）",
      body: CHARTER_V1,
      status: "proposed",
      createdBy: staffId,
      createdAt: at("2022-05-20T10:00:00"),
      proposedAt: at("2022-06-01T10:00:00"),
    })
    .returning();
  const [rulesV1] = await db
    .insert(documentVersions)
    .values({
      documentId: rulesDoc.id,
      version: 1,
      title: "第一届理事会选举办法（草案）",
      body: RULES_V1,
      status: "proposed",
      createdBy: staffId,
      createdAt: at("2022-05-20T10:00:00"),
      proposedAt: at("2022-06-01T10:00:00"),
    })
    .returning();

  // --- The founding general assembly ------------------------------------------------------------
  const [founding] = await db
    .insert(assemblies)
    .values({
      associationId: centreId,
      kind: "general",
      title: "瑞安市云江注塑鞋研究中心第一次会员大会",
      startsAt: at("2022-06-30T09:00:00"),
      place: "仙降街道会议中心",
      agenda: "一、审议通过章程（草案）\n二、审议通过选举办法（草案）\n三、选举第一届理事会理事和主任",
      quorumRule: "half",
      createdBy: staffId,
      createdAt: at("2022-06-01T10:00:00"),
    })
    .returning();
  const centreRoll = await db
    .select({ enterpriseId: memberships.enterpriseId })
    .from(memberships)
    .where(and(eq(memberships.associationId, centreId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.enterpriseId));
  const owners = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.isOwner, true));
  const ownerOf = new Map(owners.map((o) => [o.enterpriseId, o.userId]));
  await db
    .insert(assemblyRoll)
    .values(centreRoll.map((r) => ({ assemblyId: founding.id, enterpriseId: r.enterpriseId, representativeUserId: ownerOf.get(r.enterpriseId) ?? null })));
  await db
    .update(assemblies)
    .set({ status: "open", openedAt: at("2022-06-30T09:00:00"), meetingCode: "630630" })
    .where(eq(assemblies.id, founding.id));
  // 166 checked in, 6 absent enterprises represented by proxy, 7 absent.
  const rollIds = centreRoll.map((r) => r.enterpriseId);
  const attending = rollIds.slice(0, 166);
  await db.insert(assemblyAttendance).values(
    attending.map((enterpriseId, i) => ({
      assemblyId: founding.id,
      enterpriseId,
      method: "staff" as const,
      checkedInBy: staffId,
      checkedInAt: new Date(at("2022-06-30T08:30:00").getTime() + i * 9000),
    })),
  );
  await db.insert(assemblyProxies).values(
    rollIds.slice(166, 172).map((fromEnterpriseId, i) => ({
      assemblyId: founding.id,
      fromEnterpriseId,
      holderEnterpriseId: attending[30 + i],
      recordedBy: staffId,
      recordedAt: at("2022-06-30T08:55:00"),
    })),
  );
  const present = 172;
  const [m1] = await db
    .insert(motions)
    .values({
      assemblyId: founding.id,
      kind: "adopt_charter",
      title: "审议通过《瑞安市云江注塑鞋研究中心章程（草案）》",
      versionId: charterV1.id,
      secret: false,
      threshold: "two_thirds_present",
      status: "passed",
      yes: 169,
      no: 0,
      abstain: 3,
      present,
      rollSize: rollIds.length,
      quorumMet: true,
      decidedAt: at("2022-06-30T09:40:00"),
      decidedBy: staffId,
      createdAt: at("2022-06-30T09:00:00"),
    })
    .returning();
  const [m2] = await db
    .insert(motions)
    .values({
      assemblyId: founding.id,
      kind: "adopt_rules",
      title: "审议通过《第一届理事会选举办法（草案）》",
      versionId: rulesV1.id,
      secret: false,
      threshold: "majority_cast",
      status: "passed",
      yes: 170,
      no: 1,
      abstain: 1,
      present,
      rollSize: rollIds.length,
      quorumMet: true,
      decidedAt: at("2022-06-30T09:55:00"),
      decidedBy: staffId,
      createdAt: at("2022-06-30T09:00:00"),
    })
    .returning();
  await db
    .update(documentVersions)
    .set({ status: "adopted", adoptedAt: at("2022-06-30T09:40:00"), adoptedByMotionId: m1.id, title: "瑞安市云江注塑鞋研究中心章程" })
    .where(eq(documentVersions.id, charterV1.id));
  await db
    .update(documentVersions)
    .set({ status: "adopted", adoptedAt: at("2022-06-30T09:55:00"), adoptedByMotionId: m2.id, title: "第一届理事会选举办法" })
    .where(eq(documentVersions.id, rulesV1.id));

  // --- The founding election: council (15 seats, 18 candidates: 差额 20%) and director --------
  const [founded] = await db
    .insert(elections)
    .values({
      associationId: centreId,
      assemblyId: founding.id,
      title: "第一届理事会理事和主任选举",
      competitivePct: 20,
      paperBallots: false,
      opensOn: "2022-06-30",
      closesOn: "2022-06-30",
      createdBy: staffId,
      createdAt: at("2022-06-01T10:00:00"),
    })
    .returning();
  const [council] = await db
    .insert(electionPositions)
    .values({ electionId: founded.id, nameZh: "理事", nameEn: "Council member", seats: 15, sort: 0 })
    .returning();
  const [director] = await db.insert(electionPositions).values({ electionId: founded.id, nameZh: "主任", nameEn: "Director", seats: 1, sort: 1 }).returning();
  // The centre's first 25 members: 0 is the director, 1-24 stood for the council (first 18).
  const reps = await legalRepsOf(db, centreIds.slice(0, 25));
  const councilCandidates = await db
    .insert(electionCandidates)
    .values(
      centreIds.slice(0, 18).map((enterpriseId) => ({
        electionId: founded.id,
        positionId: council.id,
        enterpriseId,
        personName: reps.get(enterpriseId) ?? "",
        nominatedBy: staffId,
        status: "accepted" as const,
        acceptedAt: at("2022-06-20T10:00:00"),
        createdAt: at("2022-06-15T10:00:00"),
      })),
    )
    .returning();
  const directorCandidates = await db
    .insert(electionCandidates)
    .values(
      [centreIds[0], centreIds[1]].map((enterpriseId) => ({
        electionId: founded.id,
        positionId: director.id,
        enterpriseId,
        personName: reps.get(enterpriseId) ?? "",
        nominatedBy: staffId,
        status: "accepted" as const,
        acceptedAt: at("2022-06-20T10:00:00"),
        createdAt: at("2022-06-15T10:00:00"),
      })),
    )
    .returning();
  await db
    .insert(electionRoll)
    .values(rollIds.map((enterpriseId) => ({ electionId: founded.id, enterpriseId, representativeUserId: ownerOf.get(enterpriseId) ?? null })));
  await db
    .update(elections)
    .set({ status: "open", openedAt: at("2022-06-30T10:00:00") })
    .where(eq(elections.id, founded.id));
  // The 172 votes present cast ballots: support falls with the candidate's place on the list.
  const random = mulberry32(2022_06_30);
  const voters = [...attending, ...rollIds.slice(166, 172)];
  const votes = voters.map((enterpriseId) => {
    const choices: number[] = [];
    if (random() < 0.02) return { enterpriseId, choices }; // blank
    const marked = councilCandidates.filter((_, i) => random() < 0.97 - i * 0.045).slice(0, 15);
    choices.push(...marked.map((c) => c.id));
    const d = random();
    if (d < 0.9) choices.push(directorCandidates[0].id);
    else if (d < 0.97) choices.push(directorCandidates[1].id);
    return { enterpriseId, choices };
  });
  await insertVotes(db, founded.id, votes);
  await db
    .update(elections)
    .set({ status: "closed", closedAt: at("2022-06-30T11:00:00") })
    .where(eq(elections.id, founded.id));
  const counted = new Map<number, number>();
  for (const v of votes) for (const c of v.choices) counted.set(c, (counted.get(c) ?? 0) + 1);
  let tie = false;
  for (const [position, list] of [
    [council, councilCandidates],
    [director, directorCandidates],
  ] as const) {
    const t = tallyPosition(
      position.seats,
      list.map((c) => ({ candidateId: c.id, online: counted.get(c.id) ?? 0, paper: 0 })),
    );
    tie ||= t.tie;
    await db.insert(electionResults).values(
      t.results.map((r) => ({
        electionId: founded.id,
        candidateId: r.candidateId,
        positionId: position.id,
        online: r.online,
        paper: 0,
        total: r.total,
        rank: r.rank,
        outcome: r.outcome,
      })),
    );
  }
  await db
    .update(elections)
    .set({
      status: "tallied",
      talliedAt: at("2022-06-30T11:30:00"),
      rollSize: rollIds.length,
      onlineBallots: votes.length,
      paperBallotCount: 0,
      blankBallots: votes.filter((v) => v.choices.length === 0).length,
      hasTie: tie,
    })
    .where(eq(elections.id, founded.id));
  await db
    .update(elections)
    .set({ status: "certified", certifiedAt: at("2022-06-30T12:00:00"), certifiedBy: staffId })
    .where(eq(elections.id, founded.id));
  await db
    .update(assemblies)
    .set({ status: "closed", closedAt: at("2022-06-30T12:00:00") })
    .where(eq(assemblies.id, founding.id));

  // --- Charter v2 proposed, with two amendments ------------------------------------------------
  const year = new Date().getFullYear();
  const [charterV2] = await db
    .insert(documentVersions)
    .values({
      documentId: charterDoc.id,
      version: 2,
      title: "章程（修订草案）",
      body: CHARTER_V2,
      status: "proposed",
      note: "增加共享法庭、产业监测和副主任设置",
      createdBy: staffId,
      createdAt: at(`${year}-03-02T10:00:00`),
      proposedAt: at(`${year}-03-10T10:00:00`),
    })
    .returning();
  await db.insert(amendments).values([
    {
      versionId: charterV2.id,
      clause: "第三章 会员",
      oldText: "连续一年不缴纳会费的，视为自动退会。",
      newText: "连续一年不缴纳会费的，经书面催告后三个月内仍未缴纳的，视为自动退会。",
      reason: "给会员企业留出补缴时间，避免因疏忽失去会员资格。",
      proposedBy: "demo-member",
      enterpriseId: centreIds[0],
      createdAt: at(`${year}-03-15T14:00:00`),
    },
    {
      versionId: charterV2.id,
      clause: "第四章 组织机构",
      oldText: "会员大会须有过半数会员出席方能召开。",
      newText: "会员大会须有过半数会员出席方能召开，委托出席的计入出席人数。",
      reason: "与选举办法第二条的委托规定保持一致。",
      proposedBy: staffId,
      createdAt: at(`${year}-03-16T09:30:00`),
    },
  ]);

  // --- An election open now in a chamber (member@demo.test's and rep@demo.test's enterprises vote) --
  const [chamberMembership] = await db
    .insert(memberships)
    .values({
      enterpriseId: centreIds[0],
      associationId: chamberId,
      type: "member",
      status: "active",
      joinedOn: `${year - 1}-05-01`,
      statusChangedAt: at(`${year - 1}-05-01T10:00:00`),
    })
    .returning();
  // This year's dues paid (the membership sweep lapses unpaid ones).
  await db.insert(dues).values({ membershipId: chamberMembership.id, year, amountFen: 100_000, dueOn: `${year}-03-31`, paidOn: `${year}-03-20` });
  await db.insert(users).values({ id: "demo-rep", email: "rep@demo.test", passwordHash: ids.passwordHash, displayName: "陈代表", role: "member" });
  await db.insert(enterpriseUsers).values({ enterpriseId: ids.repEnterpriseId, userId: "demo-rep", isOwner: true });
  const chamberRoll = await db
    .select({ enterpriseId: memberships.enterpriseId })
    .from(memberships)
    .where(and(eq(memberships.associationId, chamberId), eq(memberships.status, "active")))
    .orderBy(asc(memberships.enterpriseId));
  const owners2 = await db.select().from(enterpriseUsers).where(eq(enterpriseUsers.isOwner, true));
  const ownerOf2 = new Map(owners2.map((o) => [o.enterpriseId, o.userId]));
  const [chamber] = await db.select().from(associations).where(eq(associations.id, chamberId));
  const [open] = await db
    .insert(elections)
    .values({
      associationId: chamberId,
      title: `${chamber.nameZh}${year}年理事会换届选举`,
      competitivePct: null,
      paperBallots: false,
      opensOn: `${year}-01-01`,
      closesOn: `${year}-12-31`,
      createdBy: staffId,
      createdAt: at(`${year}-01-01T09:00:00`),
    })
    .returning();
  const [president] = await db.insert(electionPositions).values({ electionId: open.id, nameZh: "会长", nameEn: "President", seats: 1, sort: 0 }).returning();
  const [chamberCouncil] = await db
    .insert(electionPositions)
    .values({ electionId: open.id, nameZh: "理事", nameEn: "Council member", seats: 3, sort: 1 })
    .returning();
  const chamberIds = chamberRoll.map((r) => r.enterpriseId).filter((id) => id !== centreIds[0]);
  const chamberReps = await legalRepsOf(db, chamberIds);
  await db.insert(electionCandidates).values([
    ...chamberIds.slice(0, 2).map((enterpriseId) => ({
      electionId: open.id,
      positionId: president.id,
      enterpriseId,
      personName: chamberReps.get(enterpriseId) ?? "",
      nominatedBy: staffId,
      status: "accepted" as const,
      acceptedAt: at(`${year}-01-05T10:00:00`),
    })),
    ...chamberIds.slice(0, 4).map((enterpriseId) => ({
      electionId: open.id,
      positionId: chamberCouncil.id,
      enterpriseId,
      personName: chamberReps.get(enterpriseId) ?? "",
      nominatedBy: staffId,
      status: "accepted" as const,
      acceptedAt: at(`${year}-01-05T10:00:00`),
    })),
  ]);
  await db
    .insert(electionRoll)
    .values(chamberRoll.map((r) => ({ electionId: open.id, enterpriseId: r.enterpriseId, representativeUserId: ownerOf2.get(r.enterpriseId) ?? null })));
  await db
    .update(elections)
    .set({ status: "open", openedAt: at(`${year}-01-06T09:00:00`) })
    .where(eq(elections.id, open.id));

  // --- A draft election and a scheduled council meeting of the federation ----------------------
  await db.insert(elections).values({
    associationId: federationId,
    title: `瑞安市工商联第${year - 2010}届执委会选举（筹备）`,
    competitivePct: 10,
    createdBy: staffId,
    createdAt: at(`${year}-02-01T09:00:00`),
  });
  await db.insert(assemblies).values({
    associationId: federationId,
    kind: "council",
    title: "瑞安市工商联执委会季度会议",
    startsAt: at(`${year + 1}-01-15T14:00:00`),
    place: "瑞安市工商联三楼会议室",
    agenda: "一、通报年度工作\n二、审议执委会选举方案",
    quorumRule: "two_thirds",
    createdBy: staffId,
    createdAt: at(`${year}-02-01T09:00:00`),
  });

  // --- The chamber's general assembly, open now, with a motion voted online ---------------------
  // member@demo.test's and rep@demo.test's enterprises are checked in and can vote on it.
  const [chamberAssembly] = await db
    .insert(assemblies)
    .values({
      associationId: chamberId,
      kind: "general",
      title: `${chamber.nameZh}${year}年会员大会`,
      startsAt: at(`${year}-01-06T09:00:00`),
      place: "仙降街道商会会议室",
      onlineUrl: "https://meeting.example.com/yunjiang",
      agenda: "一、理事会换届选举\n二、审议年度会费标准",
      quorumRule: "half",
      createdBy: staffId,
      createdAt: at(`${year - 1}-12-20T09:00:00`),
    })
    .returning();
  await db
    .insert(assemblyRoll)
    .values(
      chamberRoll.map((r) => ({ assemblyId: chamberAssembly.id, enterpriseId: r.enterpriseId, representativeUserId: ownerOf2.get(r.enterpriseId) ?? null })),
    );
  await db
    .update(assemblies)
    .set({ status: "open", openedAt: at(`${year}-01-06T09:00:00`), meetingCode: "106106" })
    .where(eq(assemblies.id, chamberAssembly.id));
  const checkedIn = [centreIds[0], ids.repEnterpriseId, ...chamberIds.slice(0, 3)].filter((id, i, all) => all.indexOf(id) === i);
  await db.insert(assemblyAttendance).values(
    checkedIn.map((enterpriseId, i) => ({
      assemblyId: chamberAssembly.id,
      enterpriseId,
      method: "staff" as const,
      checkedInBy: staffId,
      checkedInAt: new Date(at(`${year}-01-06T08:40:00`).getTime() + i * 60_000),
    })),
  );
  await db.insert(motions).values({
    assemblyId: chamberAssembly.id,
    kind: "other",
    title: `审议${year}年度会费标准（维持每年一千元）`,
    body: "理事会提议本年度会费标准维持每家会员企业每年一千元不变。",
    secret: true,
    threshold: "majority_cast",
    votingOpenedAt: at(`${year}-01-06T10:00:00`),
    createdAt: at(`${year}-01-06T09:30:00`),
  });
}
