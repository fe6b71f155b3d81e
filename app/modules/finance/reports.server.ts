import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { createCache } from "../../lib/cache.server";
import { rowsOf } from "../tickets/tickets.server";

/**
 * The finance part of /reports: SQL aggregates over one calendar year (Shanghai time), and the
 * source's standing figures (renewal service, credit lines) counted from the rows.
 */
const reports = createCache<FinanceReport>({ ttlMs: 60_000, maxEntries: 20, staleWhileRevalidate: true, name: "finance-reports" });

export function cachedFinanceReport(year: number): Promise<FinanceReport> {
  return reports.get(String(year), () => financeReport(year));
}

/** Cleared by the finance commands that move the figures (the report reads fresh at once in this process). */
export function forgetFinanceReports(): void {
  reports.clear();
}

export async function financeReport(year: number, db?: Executor) {
  const x = db ?? (await getDb());
  const start = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
  const end = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const inYear = (col: string) => sql.raw(`${col} >= '${start}'::timestamptz and ${col} < '${end}'::timestamptz`);
  const [h] = rowsOf<{
    needs_posted: number;
    needs_surveyed: number;
    claimed: number;
    answered_in_time: number;
    approved: number;
    disbursed_fen: string | number;
    loans_disbursed: number;
    renewals_due: number;
    renewed: number;
  }>(
    await x.execute(sql`
      select
        (select count(*)::int from financing_needs where ${inYear("created_at")}) as needs_posted,
        (select count(*)::int from financing_needs where source = 'survey' and ${inYear("created_at")}) as needs_surveyed,
        (select count(*)::int from financing_needs where claimed_at is not null and ${inYear("created_at")}) as claimed,
        (select count(*)::int from financing_needs where responded_at is not null and responded_at <= response_due_at and ${inYear("created_at")}) as answered_in_time,
        (select count(*)::int from loan_applications where status in ('approved', 'disbursed') and ${inYear("decided_at")}) as approved,
        (select coalesce(sum(amount_fen), 0)::bigint from loans where disbursed_on >= ${from}::date and disbursed_on < ${to}::date) as disbursed_fen,
        (select count(*)::int from loans where disbursed_on >= ${from}::date and disbursed_on < ${to}::date) as loans_disbursed,
        (select count(*)::int from loans where matures_on >= ${from}::date and matures_on < ${to}::date) as renewals_due,
        (select count(*)::int from loans where renewal_outcome = 'renewed_without_principal' and matures_on >= ${from}::date and matures_on < ${to}::date) as renewed`),
  );
  const [s] = rowsOf<{
    surveyed_all: number;
    products: number;
    service: number;
    financed: number;
    financed_fen: string | number;
    renewable: number;
    lines_fen: string | number;
    drawn_fen: string | number;
  }>(
    await x.execute(sql`
      select
        (select count(*)::int from financing_needs where source = 'survey') as surveyed_all,
        (select count(*)::int from credit_products where status = 'active' and valid_from <= current_date and (valid_to is null or valid_to >= current_date)) as products,
        (select count(*)::int from finance_profiles where in_renewal_service) as service,
        (select count(distinct l.enterprise_id)::int from loans l join finance_profiles p on p.enterprise_id = l.enterprise_id and p.in_renewal_service) as financed,
        (select coalesce(sum(l.amount_fen), 0)::bigint from loans l join finance_profiles p on p.enterprise_id = l.enterprise_id and p.in_renewal_service) as financed_fen,
        (select count(distinct l.enterprise_id)::int from loans l join finance_profiles p on p.enterprise_id = l.enterprise_id and p.in_renewal_service where l.renewable) as renewable,
        (select coalesce(sum(amount_fen), 0)::bigint from credit_lines) as lines_fen,
        (select coalesce(sum(drawn_fen), 0)::bigint from credit_lines) as drawn_fen`),
  );
  const byMonth = rowsOf<{ month: number; posted: number; claimed: number; in_time: number }>(
    await x.execute(sql`
      select m.month::int as month, coalesce(n.posted, 0)::int as posted, coalesce(n.claimed, 0)::int as claimed, coalesce(n.in_time, 0)::int as in_time
      from generate_series(1, 12) as m(month)
      left join (
        select extract(month from created_at at time zone 'Asia/Shanghai') as month, count(*) as posted, count(claimed_at) as claimed,
          count(*) filter (where responded_at is not null and responded_at <= response_due_at) as in_time
        from financing_needs where ${inYear("created_at")} group by 1) n on n.month = m.month
      order by m.month`),
  );
  return {
    year,
    needsPosted: h.needs_posted,
    needsSurveyed: h.needs_surveyed,
    claimed: h.claimed,
    answeredInTime: h.answered_in_time,
    approved: h.approved,
    disbursedFen: Number(h.disbursed_fen),
    loansDisbursed: h.loans_disbursed,
    renewalsDue: h.renewals_due,
    renewed: h.renewed,
    surveyedAll: s.surveyed_all,
    products: s.products,
    serviceEnterprises: s.service,
    financedEnterprises: s.financed,
    financedFen: Number(s.financed_fen),
    renewableEnterprises: s.renewable,
    linesFen: Number(s.lines_fen),
    drawnFen: Number(s.drawn_fen),
    byMonth,
  };
}
export type FinanceReport = Awaited<ReturnType<typeof financeReport>>;
