import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { createCache } from "../../lib/cache.server";
import { rowsOf } from "./disputes.server";

/**
 * The legal part of /reports for one calendar year (Shanghai time): legal health checks and
 * lectures held; cases filed by type and station; the settled rate of cases whose mediation ended;
 * the median days from filing to settlement; amounts in dispute and settled; deadlines missed.
 * SQL aggregates only.
 */
export type LegalReport = Awaited<ReturnType<typeof legalReport>>;
const reports = createCache<LegalReport>({ ttlMs: 60_000, maxEntries: 20, staleWhileRevalidate: true });

export function cachedLegalReport(year: number): Promise<LegalReport> {
  return reports.get(String(year), () => legalReport(year));
}

export async function legalReport(year: number, db?: Executor, now = new Date()) {
  const x = db ?? (await getDb());
  const start = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
  const end = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
  const at = now.toISOString();
  const many = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await x.execute(q));
  const inYear = sql`filed_at >= ${start}::timestamptz and filed_at < ${end}::timestamptz`;

  const [services] = await many<{ checks: number; lectures: number; attendees: number }>(sql`
    select count(*) filter (where kind = 'health_check')::int as checks, count(*) filter (where kind = 'lecture')::int as lectures,
      coalesce(sum(attendees) filter (where kind = 'lecture'), 0)::int as attendees
    from legal_services where held_on >= ${`${year}-01-01`}::date and held_on < ${`${year + 1}-01-01`}::date`);

  const [headline] = await many<{
    filed: number;
    settled: number;
    ended: number;
    median_days: string | null;
    amount_fen: string;
    settled_fen: string;
    referred: number;
    judicial_confirmed: number;
    mediation_missed: number;
    confirmation_missed: number;
  }>(sql`
    select count(*)::int as filed,
      count(settled_at)::int as settled,
      count(*) filter (where settled_at is not null or failed_at is not null or status = 'respondent_declined')::int as ended,
      round((percentile_cont(0.5) within group (order by extract(epoch from settled_at - filed_at)) filter (where settled_at is not null) / 86400)::numeric, 1) as median_days,
      coalesce(sum(amount_fen), 0)::text as amount_fen,
      coalesce(sum(agreement_amount_fen) filter (where settled_at is not null), 0)::text as settled_fen,
      count(referred_at)::int as referred,
      count(*) filter (where judicial_decision = 'confirmed')::int as judicial_confirmed,
      count(*) filter (where mediation_due_at is not null and (
        coalesce(agreement_drafted_at, failed_at) >= mediation_due_at
        or (status in ('accepted', 'mediator_assigned', 'respondent_invited', 'in_mediation', 'agreement_pending') and mediation_due_at <= ${at}::timestamptz)))::int as mediation_missed,
      count(*) filter (where confirmation_due_at is not null and (
        judicial_applied_at >= confirmation_due_at or (status = 'settled' and confirmation_due_at <= ${at}::timestamptz)))::int as confirmation_missed
    from dispute_cases where ${inYear}`);

  const byType = await many<{ type: string; filed: number; settled: number; amount_fen: string }>(sql`
    select type, count(*)::int as filed, count(settled_at)::int as settled, coalesce(sum(amount_fen), 0)::text as amount_fen
    from dispute_cases where ${inYear} group by type order by filed desc, type`);
  const byStation = await many<{ station_id: number; name_zh: string; name_en: string; filed: number; settled: number; referred: number; open: number }>(sql`
    select s.id as station_id, s.name_zh, s.name_en, count(c.id)::int as filed, count(c.settled_at)::int as settled, count(c.referred_at)::int as referred,
      count(c.id) filter (where c.status not in ('declined', 'closed', 'referred', 'judicial_confirmed', 'judicial_refused'))::int as open
    from dispute_stations s left join dispute_cases c on c.station_id = s.id and c.filed_at >= ${start}::timestamptz and c.filed_at < ${end}::timestamptz
    group by s.id, s.name_zh, s.name_en order by s.number`);

  return {
    year,
    healthChecks: services.checks,
    lectures: services.lectures,
    lectureAttendees: services.attendees,
    filed: headline.filed,
    settled: headline.settled,
    settledRate: headline.ended ? headline.settled / headline.ended : null,
    medianDaysToSettle: headline.median_days === null ? null : Number(headline.median_days),
    amountFen: Number(headline.amount_fen),
    settledFen: Number(headline.settled_fen),
    referred: headline.referred,
    judicialConfirmed: headline.judicial_confirmed,
    mediationMissed: headline.mediation_missed,
    confirmationMissed: headline.confirmation_missed,
    byType: byType.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) })),
    byStation,
  };
}
