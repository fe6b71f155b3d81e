import { inArray, sql } from "drizzle-orm";
import { shanghaiToday } from "../../app/lib/format";
import type { EducationLevel, ExperienceLevel, JobType } from "../../app/modules/jobs/constants";
import { postingRow } from "../../app/modules/jobs/postings.server";
import { jobLocations } from "../../app/modules/jobs/forms";
import type { Executor } from "../client.server";
import { applicationEvents, jobApplications, jobPostings, seekerProfiles } from "../schema/jobs";
import { enterprises } from "../schema/members";
import { mulberry32, personName } from "./demo-names";

type Template = {
  title: string;
  pay: [number, number];
  education: EducationLevel;
  experience: ExperienceLevel;
  jobType: JobType;
  heads: [number, number];
  description: string;
  benefits: string;
};

/** What shoe makers around 仙降 actually recruit for, with the pay the region quotes (yuan/month). */
export const JOB_TEMPLATES: Template[] = [
  {
    title: "针车工",
    pay: [6000, 9500],
    education: "none",
    experience: "y1to3",
    jobType: "full_time",
    heads: [5, 20],
    description: "负责鞋面针车缝制，能看懂样板，熟练操作平车、高车或电脑针车，计件工资多劳多得。",
    benefits: "包吃住，缴纳社保，满勤奖，年终奖",
  },
  {
    title: "电脑针车操作工",
    pay: [6500, 9000],
    education: "junior_high",
    experience: "y1to3",
    jobType: "full_time",
    heads: [2, 8],
    description: "操作电脑花样机、电脑针车完成鞋面定型缝制，会调程序优先。",
    benefits: "包住，餐补，五险，节日福利",
  },
  {
    title: "注塑机操作工",
    pay: [5500, 8000],
    education: "junior_high",
    experience: "none",
    jobType: "full_time",
    heads: [3, 15],
    description: "操作注塑鞋机进行鞋底、全塑鞋成型生产，负责上料、取件、修边，两班倒，有经验者优先，新手可带教。",
    benefits: "包吃住，夜班补贴，缴纳社保",
  },
  {
    title: "鞋底打磨工",
    pay: [5000, 7500],
    education: "none",
    experience: "none",
    jobType: "full_time",
    heads: [2, 10],
    description: "负责鞋底、鞋帮打磨拉毛，按工艺要求处理粘合面，提供劳保用品。",
    benefits: "包吃住，计件加保底，劳保用品",
  },
  {
    title: "成型流水线工",
    pay: [5200, 7800],
    education: "none",
    experience: "none",
    jobType: "full_time",
    heads: [5, 25],
    description: "成型车间刷胶、贴底、压合、整理包装，流水线作业，吃苦耐劳即可。",
    benefits: "包吃住，缴纳社保，全勤奖",
  },
  {
    title: "质检员",
    pay: [5000, 7000],
    education: "high_school",
    experience: "y1to3",
    jobType: "full_time",
    heads: [1, 4],
    description: "负责来料、半成品及成品鞋质量检验，记录检验数据，跟进不良品处理，熟悉外贸订单验货标准优先。",
    benefits: "五险一金，双休（旺季单休），年终奖",
  },
  {
    title: "模具钳工",
    pay: [8000, 13000],
    education: "high_school",
    experience: "y3to5",
    jobType: "full_time",
    heads: [1, 3],
    description: "负责注塑鞋模、鞋底模的装配、修模与保养，能看懂模具图纸，会操作铣床、火花机者优先。",
    benefits: "五险一金，技术津贴，包住",
  },
  {
    title: "CNC 编程员",
    pay: [9000, 14000],
    education: "college",
    experience: "y3to5",
    jobType: "full_time",
    heads: [1, 2],
    description: "鞋模 CNC 加工编程，熟练使用 UG 或 PowerMill，配合设计完成模具加工。",
    benefits: "五险一金，双休，项目奖金",
  },
  {
    title: "鞋样设计师",
    pay: [9000, 16000],
    education: "college",
    experience: "y3to5",
    jobType: "full_time",
    heads: [1, 2],
    description: "负责男女休闲鞋、凉拖款式开发，熟练使用 CAD 制版及 Photoshop，了解流行趋势。",
    benefits: "五险一金，双休，设计提成",
  },
  {
    title: "外贸业务员",
    pay: [6000, 12000],
    education: "bachelor",
    experience: "y1to3",
    jobType: "full_time",
    heads: [1, 3],
    description: "开发维护海外客户，处理询盘、报价、订单跟进和出货，英语读写流利，熟悉阿里巴巴国际站优先。",
    benefits: "底薪加提成，五险一金，双休，年度旅游",
  },
  {
    title: "电商运营",
    pay: [6000, 11000],
    education: "college",
    experience: "y1to3",
    jobType: "full_time",
    heads: [1, 3],
    description: "负责天猫、抖音、拼多多店铺日常运营、活动策划和数据分析，有鞋服类目经验优先。",
    benefits: "五险一金，双休，业绩奖金",
  },
  {
    title: "直播带货主播",
    pay: [5000, 15000],
    education: "high_school",
    experience: "none",
    jobType: "full_time",
    heads: [1, 2],
    description: "在抖音、快手直播间讲解展示鞋品，形象好，普通话标准，能适应晚班。",
    benefits: "底薪加提成，包住，带薪培训",
  },
  {
    title: "仓库管理员",
    pay: [4800, 6500],
    education: "high_school",
    experience: "y1to3",
    jobType: "full_time",
    heads: [1, 2],
    description: "负责原辅料和成品的收发存管理，会用 ERP 系统做账，能熟练操作电脑。",
    benefits: "五险，包吃住，节日福利",
  },
  {
    title: "叉车司机",
    pay: [5500, 7500],
    education: "junior_high",
    experience: "y1to3",
    jobType: "full_time",
    heads: [1, 2],
    description: "持有效叉车证，负责仓库及车间物料搬运装卸，安全意识强。",
    benefits: "包吃住，缴纳社保，全勤奖",
  },
  {
    title: "设备维修电工",
    pay: [7000, 10000],
    education: "high_school",
    experience: "y3to5",
    jobType: "full_time",
    heads: [1, 2],
    description: "负责注塑机、空压机、流水线设备的日常维护和故障排除，持电工证。",
    benefits: "五险一金，技术津贴，包住",
  },
  {
    title: "统计文员",
    pay: [4500, 6000],
    education: "high_school",
    experience: "none",
    jobType: "full_time",
    heads: [1, 1],
    description: "负责车间产量统计、计件工资核算、报表整理，细心负责，会用 Excel。",
    benefits: "五险，双休，包午餐",
  },
  {
    title: "包装工（暑期兼职）",
    pay: [3500, 4500],
    education: "none",
    experience: "none",
    jobType: "part_time",
    heads: [3, 10],
    description: "暑期成品鞋配对、装盒、装箱，按小时计薪，学生可报。",
    benefits: "包午餐，按周结算",
  },
  {
    title: "鞋类设计实习生",
    pay: [3000, 4000],
    education: "college",
    experience: "none",
    jobType: "internship",
    heads: [1, 3],
    description: "面向职业院校鞋类设计、服装设计专业学生，跟随设计师参与打版、试样，表现优秀可留用。",
    benefits: "实习补贴，包住，可签三方协议",
  },
  {
    title: "注塑技术员（实习）",
    pay: [3200, 4200],
    education: "high_school",
    experience: "none",
    jobType: "internship",
    heads: [2, 5],
    description: "面向模具、机电专业实习生，学习注塑工艺调试和模具更换，有师傅带教。",
    benefits: "实习补贴，包吃住，毕业可转正",
  },
];

export const DEMO_JOB_FIGURES = {
  /** Centre member enterprises that recruit on the portal (the first N centre members). */
  recruitingEnterprises: 70,
  postingsPerEnterprise: 6,
} as const;

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Demo postings for the first recruiting centre members (enterprise 1 is the member demo
 * account's), a few closed by hand, hidden or past their closing date, plus the demo seeker's
 * profile and three applications at different steps. The first posting of every enterprise
 * stays open, so the fairs area always finds open positions to link to a fair.
 */
export async function seedJobs(db: Executor, enterpriseIds: number[], today = shanghaiToday()): Promise<void> {
  const ids = enterpriseIds.slice(0, DEMO_JOB_FIGURES.recruitingEnterprises);
  const names = new Map(
    (await db.select({ id: enterprises.id, name: enterprises.name, village: enterprises.village }).from(enterprises).where(inArray(enterprises.id, ids))).map(
      (e) => [e.id, e],
    ),
  );
  const rows: (ReturnType<typeof postingRow> & { createdAt: Date; closedAt: Date | null; hiddenAt: Date | null; hiddenReason: string | null })[] = [];
  const now = Date.now();
  ids.forEach((enterpriseId, e) => {
    const random = mulberry32(7_000 + e);
    const enterprise = names.get(enterpriseId)!;
    for (let j = 0; j < DEMO_JOB_FIGURES.postingsPerEnterprise; j++) {
      const k = e * DEMO_JOB_FIGURES.postingsPerEnterprise + j;
      // Enterprise 1 starts with 针车工 (the e2e journey searches for it); others vary.
      const template = JOB_TEMPLATES[(e * 5 + j * 7 + (j === 0 ? 0 : e)) % JOB_TEMPLATES.length];
      const [lo, hi] = template.heads;
      const headcount = lo + Math.floor(random() * (hi - lo + 1));
      const bump = Math.round(random() * 5) * 100;
      const location = random() < 0.7 ? "仙降街道" : jobLocations[Math.floor(random() * jobLocations.length)];
      const expired = j > 0 && k % 19 === 5;
      const closed = j > 0 && !expired && k % 15 === 7;
      const hidden = j > 0 && !expired && !closed && k % 41 === 13;
      const createdAt = new Date(now - (k % 60) * 86_400_000 - (k % 24) * 3_600_000);
      const row = postingRow(
        {
          enterpriseId,
          title: template.title,
          headcount,
          salaryMin: template.pay[0] + bump,
          salaryMax: template.pay[1] + bump,
          education: template.education,
          experience: template.experience,
          jobType: template.jobType,
          location: location as (typeof jobLocations)[number],
          description: `${template.description}工作地点：${location}${enterprise.village}附近。`,
          benefits: template.benefits,
          contact: `人事部 ${personName(8_000 + k)} 0577-65${String(100_000 + ((k * 7_919) % 900_000)).slice(0, 6)}`,
          closesOn: expired ? addDays(today, -1 - (k % 20)) : addDays(today, 20 + (k % 70)),
        },
        enterprise.name,
      );
      rows.push({
        ...row,
        createdAt,
        closedAt: closed ? new Date(now - 86_400_000) : null,
        hiddenAt: hidden ? new Date(now - 2 * 86_400_000) : null,
        hiddenReason: hidden ? "薪资描述与实际不符，请核实后联系协会重新上架" : null,
      });
    }
  });
  const postingIds: number[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    postingIds.push(
      ...(
        await db
          .insert(jobPostings)
          .values(rows.slice(i, i + 100))
          .returning({ id: jobPostings.id })
      ).map((r) => r.id),
    );
  }

  // The demo seeker: a profile and three applications at different steps (one to enterprise 1).
  await db.insert(seekerProfiles).values({
    userId: "demo-seeker",
    fullName: "王同学",
    phone: "13900000001",
    school: "瑞安市职业中等专业学校",
    major: "鞋类设计与工艺",
    graduationYear: 2026,
    education: "high_school",
    skills: "平车、电脑针车，CAD 制版入门",
  });
  const steps: { posting: number; status: "applied" | "interview" | "declined"; path: ("applied" | "viewed" | "shortlisted" | "interview" | "declined")[] }[] =
    [
      { posting: postingIds[1], status: "applied", path: ["applied"] },
      { posting: postingIds[12], status: "interview", path: ["applied", "viewed", "shortlisted", "interview"] },
      { posting: postingIds[18], status: "declined", path: ["applied", "viewed", "declined"] },
    ];
  for (const s of steps) {
    const [a] = await db
      .insert(jobApplications)
      .values({
        postingId: s.posting,
        seekerUserId: "demo-seeker",
        status: s.status,
        message: "您好，我是今年的毕业生，希望能到贵公司工作。",
        declineReason: s.status === "declined" ? "本岗位需要 3 年以上经验" : null,
        // An interview step carries its time, place and contact (three days on, 14:30 Shanghai).
        ...(s.status === "interview"
          ? { interviewAt: new Date(`${addDays(today, 3)}T14:30:00+08:00`), interviewPlace: "企业办公楼二楼会议室", interviewContact: "人事部 0577-65123456" }
          : {}),
      })
      .returning({ id: jobApplications.id });
    await db.insert(applicationEvents).values(
      s.path.map((to, i) => ({
        applicationId: a.id,
        fromStatus: i === 0 ? null : s.path[i - 1],
        toStatus: to,
        reason: to === "declined" ? "本岗位需要 3 年以上经验" : null,
        at: sql`now() - ${`${(s.path.length - i) * 24} hours`}::interval` as unknown as Date,
      })),
    );
  }
}
