import { and, eq, inArray, sql } from "drizzle-orm";
import { shanghaiToday } from "../../app/lib/format";
import { hashPassword } from "../../app/lib/passwords.server";
import { generateCheckInCode } from "../../app/modules/fairs/checkin-code";
import type { Executor } from "../client.server";
import { users } from "../schema/accounts";
import { fairBooths, fairRegistrations, jobFairs, labourPlacements, labourPosts, type LabourSkill } from "../schema/fairs";
import { jobApplications, jobPostings, seekerProfiles, type ApplicationStatus } from "../schema/jobs";
import { associations, enterprises, memberships } from "../schema/members";
import { mulberry32, personName, phone } from "./demo-names";

/** The source's job fair (10 June) and labour exchange, as the demo data reproduces them. */
export const DEMO_FAIR_FIGURES = {
  exhibitors: 24,
  /** "300+ positions": postings are linked to the fair until their headcount is above this. */
  positionsAbove: 300,
  /** "1,500+ students". */
  seekersRegistered: 1_560,
  seekersCheckedIn: 1_512,
  /** "about 80 students reached an employment intent". */
  intentsReached: 81,
  applications: 460,
  /** "the exchange placed 100+ people". */
  labourPlacedAtLeast: 100,
} as const;

export const DEMO_FAIR_SCHOOL = "瑞安市职业中等专业教育集团";
const SCHOOLS = ["瑞安市职业中等专业学校", "瑞安市塘下职业中等专业学校", "瑞安市第二职业中学", "瑞安市职业中等专业学校（仙降校区）"];

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function chunked<T>(items: T[], size: number, run: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}

/**
 * Seeds job fairs and the labour exchange. Runs after the members and jobs demo data: the
 * exhibitors are the first centre members, their postings (seedJobs) are linked to the fair
 * and the fair's applications written into job_applications.
 */
export async function seedFairs(db: Executor, year = new Date().getFullYear(), today = shanghaiToday()): Promise<void> {
  const [centre] = await db.select({ id: associations.id }).from(associations).where(eq(associations.kind, "centre"));
  const centreIds = (
    await db
      .select({ id: memberships.enterpriseId })
      .from(memberships)
      .where(and(eq(memberships.associationId, centre.id), eq(memberships.status, "active")))
      .orderBy(memberships.enterpriseId)
  ).map((r) => r.id);

  // ---- The source's fair: 10 June, with the vocational school group, 24 exhibitors.
  const fairDate = `${year}-06-10`;
  const [fair] = await db
    .insert(jobFairs)
    .values({
      title: `${year}届职业院校毕业生校企双选会`,
      fairDate,
      startsAt: "08:30",
      endsAt: "16:00",
      mode: "onsite",
      venue: "瑞安市职业中等专业学校 体育馆",
      partnerSchool: DEMO_FAIR_SCHOOL,
      boothCapacity: 30,
      registrationOpens: `${year}-05-10`,
      registrationCloses: `${year}-06-05`,
      description: "云江注塑鞋研究中心联合瑞安市职业中等专业教育集团举办的毕业生专场招聘会，会员企业现场招聘针车、注塑、模具、设计、外贸等岗位。",
      status: "published",
      createdBy: "demo-staff",
    })
    .returning();
  const exhibitors = centreIds.slice(0, DEMO_FAIR_FIGURES.exhibitors);
  await db.insert(fairBooths).values(
    exhibitors.map((enterpriseId, i) => ({
      fairId: fair.id,
      enterpriseId,
      status: "approved" as const,
      boothNumber: i + 1,
      requestedBy: enterpriseId === centreIds[0] ? "demo-member" : null,
      decidedBy: "demo-staff",
      decidedAt: new Date(`${year}-06-0${1 + (i % 5)}T02:00:00Z`),
      createdAt: new Date(`${year}-05-${String(10 + (i % 18)).padStart(2, "0")}T03:00:00Z`),
    })),
  );
  // Two requests that were turned down, as happens.
  await db.insert(fairBooths).values(
    centreIds.slice(40, 42).map((enterpriseId) => ({
      fairId: fair.id,
      enterpriseId,
      status: "rejected" as const,
      decisionReason: "报名截止后提交，展位已排满",
      decidedBy: "demo-staff",
      decidedAt: new Date(`${year}-06-06T02:00:00Z`),
    })),
  );

  // ---- 1,560 students: seeker accounts (one shared hash: nobody signs in as them), pre-registrations, check-ins.
  const passwordHash = await hashPassword(`demo-fair-seeker-${year}`);
  const random = mulberry32(610);
  const codes = new Set<string>();
  const codeRandom = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const seekers = Array.from({ length: DEMO_FAIR_FIGURES.seekersRegistered }, (_, i) => {
    let code = generateCheckInCode(codeRandom);
    while (codes.has(code)) code = generateCheckInCode(codeRandom);
    codes.add(code);
    const n = String(i + 1).padStart(4, "0");
    return {
      id: `demo-fair-seeker-${n}`,
      name: personName(10_000 + i),
      phone: phone(30_000 + i),
      school: SCHOOLS[i % SCHOOLS.length],
      email: `fair-seeker-${n}@demo.test`,
      code,
    };
  });
  await chunked(seekers, 500, (chunk) =>
    db.insert(users).values(
      chunk.map((s) => ({
        id: s.id,
        email: s.email,
        passwordHash,
        displayName: s.name,
        phone: s.phone,
        role: "seeker" as const,
        createdAt: new Date(`${year}-05-20T02:00:00Z`),
      })),
    ),
  );
  // Check-ins spread over the day, 08:30-15:30 Shanghai (00:30-07:30 UTC), busiest in the morning.
  const opening = Date.parse(`${fairDate}T00:30:00Z`);
  await chunked(seekers, 500, (chunk) =>
    db.insert(fairRegistrations).values(
      chunk.map((s) => {
        const i = Number(s.id.slice(-4)) - 1;
        const checked = i < DEMO_FAIR_FIGURES.seekersCheckedIn;
        const minutes = Math.floor(420 * Math.pow(random(), 1.8));
        return {
          fairId: fair.id,
          userId: s.id,
          code: s.code,
          fullName: s.name,
          phone: s.phone,
          school: s.school,
          checkedInAt: checked ? new Date(opening + minutes * 60_000) : null,
          checkedInBy: checked ? "demo-staff" : null,
          createdAt: new Date(`${year}-06-0${1 + (i % 9)}T04:00:00Z`),
        };
      }),
    ),
  );

  // ---- An upcoming fair with its booth window open now, for trying the whole flow.
  const upcomingDate = addDays(today, 30);
  const [upcoming] = await db
    .insert(jobFairs)
    .values({
      title: "冬季用工对接会暨云江鞋企专场招聘",
      fairDate: upcomingDate,
      startsAt: "09:00",
      endsAt: "15:30",
      mode: "onsite",
      venue: "仙降街道金山社区 鞋业小微园 服务中心",
      partnerSchool: "瑞安市塘下职业中等专业学校",
      boothCapacity: 40,
      registrationOpens: addDays(today, -7),
      registrationCloses: addDays(today, 20),
      description: "面向往届毕业生和社会求职者，会员企业集中招聘旺季用工。",
      status: "published",
      createdBy: "demo-staff",
    })
    .returning();
  await db.insert(fairBooths).values([
    ...centreIds.slice(30, 36).map((enterpriseId, i) => ({
      fairId: upcoming.id,
      enterpriseId,
      status: "approved" as const,
      boothNumber: i + 1,
      decidedBy: "demo-staff",
      decidedAt: new Date(),
    })),
    ...centreIds.slice(36, 39).map((enterpriseId) => ({ fairId: upcoming.id, enterpriseId, status: "requested" as const, note: "需要一个电源插座" })),
  ]);
  // A draft being prepared: staff only until published.
  await db.insert(jobFairs).values({
    title: "春季校园招聘会（筹备中）",
    fairDate: addDays(today, 120),
    startsAt: "09:00",
    endsAt: "16:00",
    mode: "online",
    onlineUrl: "https://meeting.example.cn/yunjiang-spring",
    partnerSchool: DEMO_FAIR_SCHOOL,
    boothCapacity: 50,
    registrationOpens: addDays(today, 60),
    registrationCloses: addDays(today, 110),
    status: "draft",
    createdBy: "demo-staff",
  });
  // A fair called off (typhoon warning): shown to everyone with its status, nothing more to do.
  await db.insert(jobFairs).values({
    title: "秋季鞋企专场招聘会（因台风取消）",
    fairDate: addDays(today, 45),
    startsAt: "09:00",
    endsAt: "15:00",
    mode: "onsite",
    venue: "仙降街道 鞋业小微园 服务中心",
    partnerSchool: DEMO_FAIR_SCHOOL,
    boothCapacity: 30,
    registrationOpens: addDays(today, 5),
    registrationCloses: addDays(today, 40),
    description: "受台风影响，本场招聘会取消，请关注协会后续通知。",
    status: "cancelled",
    createdBy: "demo-staff",
  });
  await db.insert(fairRegistrations).values({
    fairId: upcoming.id,
    userId: "demo-seeker",
    code: generateCheckInCode(codeRandom),
    fullName: "王同学",
    phone: "13900000001",
    school: SCHOOLS[0],
  });

  await linkFairToJobs(db, fair.id, exhibitors, seekers.slice(0, DEMO_FAIR_FIGURES.seekersCheckedIn), year);
  await seedLabourExchange(db, centreIds, year);
}

/**
 * The jobs capability's part of the fair (runs after seedJobs): links the exhibitors' open
 * postings to the fair until they offer more than 300 positions, gives the students seeker
 * profiles, and writes the fair's applications, about 80 of them at "intent", with their history.
 */
export async function linkFairToJobs(
  db: Executor,
  fairId: number,
  exhibitorIds: number[],
  seekers: { id: string; name: string; phone: string; school: string }[],
  year: number,
) {
  // Round-robin over the exhibitors (each one's open postings by id), until the headcount is above 300.
  await db.execute(sql`
    with ranked as (
      select id, headcount,
             row_number() over (partition by enterprise_id order by id) as k,
             enterprise_id
      from job_postings
      where enterprise_id in (${sql.join(
        exhibitorIds.map((id) => sql`${id}`),
        sql`, `,
      )})
        and closed_at is null and hidden_at is null and fair_id is null
    ), running as (
      select id, sum(headcount) over (order by k, enterprise_id) - headcount as before from ranked
    )
    update job_postings set fair_id = ${fairId}
    where id in (select id from running where before <= ${DEMO_FAIR_FIGURES.positionsAbove})`);
  const postings = (await db.select({ id: jobPostings.id }).from(jobPostings).where(eq(jobPostings.fairId, fairId)).orderBy(jobPostings.id)).map((r) => r.id);
  if (postings.length === 0) return;
  const majors = ["鞋类设计与工艺", "模具制造技术", "机电技术应用", "电子商务", "国际商务"];
  await chunked(seekers, 500, (chunk) =>
    db
      .insert(seekerProfiles)
      .values(
        chunk.map((s, i) => ({
          userId: s.id,
          fullName: s.name,
          phone: s.phone,
          school: s.school,
          major: majors[i % 5],
          graduationYear: year,
          education: "high_school" as const,
        })),
      )
      .onConflictDoNothing({ target: seekerProfiles.userId }),
  );
  // Statuses along the pipeline: the first 81 reached an intent on the day, the rest spread out.
  const path = ["applied", "viewed", "shortlisted", "interview", "intent"] as const;
  const applications = Array.from({ length: DEMO_FAIR_FIGURES.applications }, (_, i) => {
    const seeker = seekers[(i * 7) % seekers.length];
    const posting = postings[i % postings.length];
    const status: ApplicationStatus =
      i < DEMO_FAIR_FIGURES.intentsReached ? "intent" : (["applied", "viewed", "shortlisted", "interview", "declined"] as const)[i % 5];
    return { seeker, posting, status };
  });
  await chunked(applications, 200, (chunk) =>
    db
      .insert(jobApplications)
      .values(
        chunk.map((a) => ({
          postingId: a.posting,
          seekerUserId: a.seeker.id,
          status: a.status,
          message: "招聘会现场投递",
          declineReason: a.status === "declined" ? "岗位已招满" : null,
          createdAt: new Date(`${year}-06-10T03:00:00Z`),
          updatedAt: new Date(`${year}-06-10T07:00:00Z`),
        })),
      )
      .onConflictDoNothing(),
  );
  // The history of each application, step by step, as the pipeline would have written it.
  for (const [i, to] of path.entries()) {
    await db.execute(sql`insert into application_events (application_id, from_status, to_status, at)
      select a.id, ${i === 0 ? null : path[i - 1]}, ${to}, ${`${year}-06-10T03:00:00Z`}::timestamptz + ${`${i * 30} minutes`}::interval
      from job_applications a join job_postings p on p.id = a.posting_id
      where p.fair_id = ${fairId} and (a.status in (${sql.join(
        path.slice(i).map((s) => sql`${s}`),
        sql`, `,
      )}) ${i === 0 ? sql`or a.status = 'declined'` : sql``})`);
  }
  await db.execute(sql`insert into application_events (application_id, from_status, to_status, reason, at)
    select a.id, 'applied', 'declined', '岗位已招满', ${`${year}-06-10T06:00:00Z`}::timestamptz
    from job_applications a join job_postings p on p.id = a.posting_id where p.fair_id = ${fairId} and a.status = 'declined'`);
}

type PostSeed = { enterprise: number; skills: LabourSkill[]; headcount: number; from: string; to: string };

/** The labour exchange: pairs of surplus and shortage posts with the placements agreed on them (100+ people), and a few open posts. */
export async function seedLabourExchange(db: Executor, centreIds: number[], year: number) {
  const villages = new Map(
    (await db.select({ id: enterprises.id, village: enterprises.village }).from(enterprises).where(inArray(enterprises.id, centreIds))).map((e) => [
      e.id,
      e.village,
    ]),
  );
  const skillSets: LabourSkill[][] = [
    ["sewing"],
    ["sewing", "lasting"],
    ["injection"],
    ["injection", "mould_repair"],
    ["cutting", "sewing"],
    ["packing", "quality"],
    ["lasting", "packing"],
    ["warehouse", "forklift"],
    ["quality"],
    ["electrician", "mould_repair"],
  ];
  // Fourteen agreed pairs: a lender in its slack season, a borrower with a rush order.
  const placed: { surplus: PostSeed; shortage: PostSeed; headcount: number; on: string }[] = [];
  for (let k = 0; k < 14; k++) {
    const month = 1 + (k % 10);
    const from = `${year}-${String(month).padStart(2, "0")}-01`;
    const to = `${year}-${String(month).padStart(2, "0")}-28`;
    const skills = skillSets[k % skillSets.length];
    const lend = 6 + ((k * 5) % 9);
    const need = 5 + ((k * 3) % 10);
    const headcount = Math.min(lend, need) - (k % 4 === 3 ? 1 : 0);
    placed.push({
      surplus: { enterprise: centreIds[50 + k], skills, headcount: lend, from, to },
      shortage: {
        enterprise: centreIds[70 + k],
        skills: k % 3 === 0 ? [...new Set([...skills, "packing" as const])] : skills,
        headcount: need,
        from: `${year}-${String(month).padStart(2, "0")}-05`,
        to,
      },
      headcount,
      on: `${year}-${String(month).padStart(2, "0")}-03`,
    });
  }
  const postsOf = (p: PostSeed, kind: "surplus" | "shortage", status: "open" | "closed") => ({
    enterpriseId: p.enterprise,
    kind,
    skills: p.skills,
    headcount: p.headcount,
    periodStart: p.from,
    periodEnd: p.to,
    location: villages.get(p.enterprise) ?? "仙降村",
    note: kind === "surplus" ? "订单间隙，熟练工可借调，工资由用工企业按件结算" : "外贸急单，需熟练工支援",
    status,
  });
  for (const p of placed) {
    const [s] = await db
      .insert(labourPosts)
      .values(postsOf(p.surplus, "surplus", p.headcount === p.surplus.headcount ? "closed" : "open"))
      .returning({ id: labourPosts.id });
    const [d] = await db
      .insert(labourPosts)
      .values(postsOf(p.shortage, "shortage", p.headcount === p.shortage.headcount ? "closed" : "open"))
      .returning({ id: labourPosts.id });
    await db
      .insert(labourPlacements)
      .values({ surplusPostId: s.id, shortagePostId: d.id, headcount: p.headcount, placedOn: p.on, recordedBy: "demo-staff", note: "双方已签订借调协议" });
  }
  // Open posts for the coming months, so the page has suggestions to make (the member demo account's enterprise needs sewers).
  const next = `${year + 1}`;
  const open: [number, "surplus" | "shortage", LabourSkill[], number, string, string][] = [
    [centreIds[0], "shortage", ["sewing", "lasting"], 12, `${next}-01-05`, `${next}-02-28`],
    [centreIds[90], "surplus", ["sewing"], 8, `${next}-01-01`, `${next}-01-31`],
    [centreIds[91], "surplus", ["sewing", "cutting"], 6, `${next}-01-10`, `${next}-03-10`],
    [centreIds[92], "shortage", ["injection"], 5, `${next}-01-01`, `${next}-02-15`],
    [centreIds[93], "surplus", ["injection", "mould_repair"], 4, `${next}-01-15`, `${next}-02-28`],
    [centreIds[94], "shortage", ["packing", "quality"], 10, `${next}-02-01`, `${next}-03-31`],
    [centreIds[95], "surplus", ["packing"], 7, `${next}-02-10`, `${next}-04-10`],
  ];
  await db
    .insert(labourPosts)
    .values(open.map(([enterprise, kind, skills, headcount, from, to]) => postsOf({ enterprise, skills, headcount, from, to }, kind, "open")));
}
