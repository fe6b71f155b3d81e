import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { createCache } from "../../lib/cache.server";
import { rowsOf } from "./tickets.server";

/**
 * The tickets part of /reports: SQL aggregates over one calendar year (Shanghai time),
 * never loops over rows in JavaScript.
 */
export const REPORT_CACHE_MS = 60_000;
const reports = createCache<TicketReport>({ ttlMs: REPORT_CACHE_MS, maxEntries: 20, staleWhileRevalidate: true });

/**
 * The report through a one-minute cache per year (the page is read far more often than it changes
 * much). Once a year's figures exist, readers never wait for the aggregates again: an expired
 * report is served while one background query replaces it.
 */
export function cachedTicketReport(year: number): Promise<TicketReport> {
  return reports.get(String(year), () => ticketReport(year));
}

export async function ticketReport(year: number, db?: Executor) {
  const x = db ?? (await getDb());
  // ISO strings cast in SQL: postgres.js does not bind a Date inside a raw sql template.
  const start = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
  const end = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await x.execute(q))[0];
  const many = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await x.execute(q));

  // One definition for every ticket figure: the problems raised in the year (Shanghai time), and of
  // those, how many are resolved by now. The month and category splits count the same problems, so
  // their parts add up to the headline. Complaints run through the same loop and are counted apart.
  const inYear = sql`created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz`;
  const headline = await one<{
    collected: number;
    resolved: number;
    complaints: number;
    complaints_resolved: number;
    avg_rating: string | null;
    rated: number;
    flagged: number;
    median_resolve_days: string | null;
  }>(sql`
    select
      (select count(*)::int from tickets where kind = 'problem' and ${inYear}) as collected,
      (select count(*)::int from tickets where kind = 'problem' and ${inYear} and resolved_at is not null) as resolved,
      (select count(*)::int from tickets where kind = 'complaint' and ${inYear}) as complaints,
      (select count(*)::int from tickets where kind = 'complaint' and ${inYear} and resolved_at is not null) as complaints_resolved,
      (select round(avg(rating)::numeric, 2) from tickets where rating is not null and closed_at >= ${start}::timestamptz and closed_at < ${end}::timestamptz) as avg_rating,
      (select count(*)::int from tickets where rating is not null and closed_at >= ${start}::timestamptz and closed_at < ${end}::timestamptz) as rated,
      (select count(*)::int from tickets where flagged_for_review and closed_at >= ${start}::timestamptz and closed_at < ${end}::timestamptz) as flagged,
      (select round((percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at)) / 86400)::numeric, 1)
         from tickets where kind = 'problem' and ${inYear} and resolved_at is not null) as median_resolve_days`);

  const referralsRow = await one<{ referrals: number; late: number; median_answer_days: string | null }>(sql`
    select count(*)::int as referrals,
      count(*) filter (where (answered_at is not null and answered_at > due_at) or (answered_at is null and returned_at is null and due_at < now()))::int as late,
      round((percentile_cont(0.5) within group (order by extract(epoch from answered_at - referred_at)) filter (where answered_at is not null) / 86400)::numeric, 1) as median_answer_days
    from ticket_referrals where referred_at >= ${start}::timestamptz and referred_at < ${end}::timestamptz`);

  const months = await many<{ month: number; collected: number; resolved: number }>(sql`
    select m.month::int as month, coalesce(c.collected, 0)::int as collected, coalesce(c.resolved, 0)::int as resolved
    from generate_series(1, 12) as m(month)
    left join (select extract(month from created_at at time zone 'Asia/Shanghai') as month, count(*) as collected, count(resolved_at) as resolved
               from tickets where kind = 'problem' and ${inYear} group by 1) c on c.month = m.month
    order by m.month`);
  const byMonth = months;

  const byCategory = await many<{ category: string; collected: number; resolved: number }>(sql`
    select category, count(*)::int as collected, count(resolved_at)::int as resolved
    from tickets where kind = 'problem' and ${inYear}
    group by category order by collected desc, category`);

  const byDepartment = await many<{
    department_id: number;
    name_zh: string;
    name_en: string;
    referred: number;
    answered: number;
    late: number;
    median_answer_days: string | null;
  }>(sql`
    select d.id as department_id, d.name_zh, d.name_en, count(r.id)::int as referred, count(r.answered_at)::int as answered,
      count(*) filter (where (r.answered_at > r.due_at) or (r.answered_at is null and r.returned_at is null and r.due_at < now()))::int as late,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.answered_at - r.referred_at)) filter (where r.answered_at is not null) / 86400)::numeric, 1) as median_answer_days
    from ticket_referrals r join departments d on d.id = r.department_id
    where r.referred_at >= ${start}::timestamptz and r.referred_at < ${end}::timestamptz
    group by d.id, d.name_zh, d.name_en order by referred desc, d.id`);

  const visited = await one<{ chambers: number; enterprises: number; visits: number }>(sql`
    select count(distinct v.association_id) filter (where a.kind = 'chamber')::int as chambers,
      count(distinct v.enterprise_id)::int as enterprises, count(*)::int as visits
    from visits v left join associations a on a.id = v.association_id
    where v.visited_on >= ${`${year}-01-01`}::date and v.visited_on < ${`${year + 1}-01-01`}::date`);

  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    year,
    collected: headline.collected,
    resolved: headline.resolved,
    complaints: headline.complaints,
    complaintsResolved: headline.complaints_resolved,
    averageRating: num(headline.avg_rating),
    rated: headline.rated,
    flagged: headline.flagged,
    medianResolveDays: num(headline.median_resolve_days),
    medianAnswerDays: num(referralsRow.median_answer_days),
    referrals: referralsRow.referrals,
    lateReferrals: referralsRow.late,
    overdueRate: referralsRow.referrals ? referralsRow.late / referralsRow.referrals : null,
    byMonth,
    byCategory,
    byDepartment: byDepartment.map((d) => ({ ...d, median_answer_days: num(d.median_answer_days) })),
    chambersVisited: visited.chambers,
    enterprisesVisited: visited.enterprises,
    visits: visited.visits,
  };
}
export type TicketReport = Awaited<ReturnType<typeof ticketReport>>;
