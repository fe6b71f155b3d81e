import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Chart } from "../components/chart";
import { DataTable, type Column } from "../components/data-table";
import { TextField } from "../components/fields";
import { PageHeader, PrintButton } from "../components/ui";
import { renderChart } from "../lib/charts.server";
import { requireSignedIn } from "../lib/guard.server";
import { detectLanguage, serverI18n } from "../lib/i18n";
import { useRootData } from "../root";
import type { HourCounts } from "../modules/jobs/reports.server";
import { titleMeta } from "../lib/page-title";
import { LegalReportPart } from "../components/disputes/report-part";
import { FinanceReportPart } from "../components/finance/report-part";
import { GovernanceReportPart } from "../components/governance/report-part";
import { MonitoringReport } from "../components/monitoring";
import { reportFigures, reportYear } from "../modules/reports/reports.server";
import { formatDateTime } from "../lib/format";

export const meta = titleMeta("reports");

/** The hours from the first to the last with anything in any series (a working day, not 24 bars of nothing). */
function hourRange(series: HourCounts[]): number[] {
  const hours = series.flatMap((s) => s.filter((h) => h.n > 0).map((h) => h.hour));
  if (hours.length === 0) return [];
  const from = Math.min(...hours);
  return Array.from({ length: Math.max(...hours) - from + 1 }, (_, i) => from + i);
}

// /reports: each capability adds its part; tickets (problems, complaints, visits), then jobs and
// fairs. Charts are drawn here on the server as SVG (no chart JavaScript reaches the browser).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "reports.view");
  const year = reportYear(new URL(request.url));
  const lng = detectLanguage(request);
  const t = serverI18n(lng).t;
  // The same figures as the CSV export (reports[.csv].ts).
  const { tickets, jobs, checkIns, legal, finance, governance, monitoring } = await reportFigures(year);

  const monthName = new Intl.DateTimeFormat(lng, { month: "short", timeZone: "UTC" });
  const collected = t("tickets:reports.collected");
  const resolved = t("tickets:reports.resolved");
  const hours = hourRange([jobs.postings, jobs.applications, jobs.intents, checkIns]);
  const perHour = (counts: HourCounts) => hours.map((h) => counts.find((c) => c.hour === h)?.n ?? 0);
  const charts = {
    byMonth: renderChart({
      title: t("tickets:reports.byMonth"),
      kind: "bar",
      categoryLabel: t("tickets:reports.month"),
      categories: tickets.byMonth.map((m) => monthName.format(Date.UTC(2000, m.month - 1, 1))),
      series: [
        { name: collected, values: tickets.byMonth.map((m) => m.collected) },
        { name: resolved, values: tickets.byMonth.map((m) => m.resolved) },
      ],
    }),
    byCategory: renderChart({
      title: t("tickets:reports.byCategory"),
      kind: "barH",
      categoryLabel: t("tickets:list.category"),
      categories: tickets.byCategory.map((c) => t(`tickets:category.${c.category}`)),
      series: [
        { name: collected, values: tickets.byCategory.map((c) => c.collected) },
        { name: resolved, values: tickets.byCategory.map((c) => c.resolved) },
      ],
    }),
    byDepartment: renderChart({
      title: t("tickets:reports.byDepartment"),
      kind: "barH",
      categoryLabel: t("tickets:list.department"),
      categories: tickets.byDepartment.map((d) => (lng === "zh-CN" ? d.name_zh : d.name_en)),
      series: [
        { name: t("tickets:reports.referred"), values: tickets.byDepartment.map((d) => d.referred) },
        { name: t("tickets:reports.answered"), values: tickets.byDepartment.map((d) => d.answered) },
        { name: t("tickets:reports.late"), values: tickets.byDepartment.map((d) => d.late) },
      ],
    }),
    jobsByHour: renderChart({
      title: t("jobs:reports.byHour"),
      kind: "line",
      categoryLabel: t("jobs:reports.hour"),
      categories: hours.map((h) => `${String(h).padStart(2, "0")}:00`),
      series: [
        { name: t("jobs:reports.postings"), values: perHour(jobs.postings) },
        { name: t("jobs:reports.applications"), values: perHour(jobs.applications) },
        { name: t("jobs:reports.intents"), values: perHour(jobs.intents) },
        { name: t("jobs:reports.checkIns"), values: perHour(checkIns) },
      ],
    }),
    // The finance part: needs posted, claimed and answered in time per month.
    finance: renderChart({
      title: t("finance:reports.chartLabel"),
      kind: "bar",
      categoryLabel: t("finance:reports.month"),
      categories: finance.byMonth.map((m) => monthName.format(Date.UTC(2000, m.month - 1, 1))),
      series: [
        { name: t("finance:reports.needsPosted"), values: finance.byMonth.map((m) => m.posted) },
        { name: t("finance:reports.claimed"), values: finance.byMonth.map((m) => m.claimed) },
        { name: t("finance:reports.answeredInTime"), values: finance.byMonth.map((m) => m.in_time) },
      ],
    }),
  };
  return { tickets, jobs, checkIns, charts, legal, finance, governance, monitoring, printedAt: new Date().toISOString() };
}

export default function Reports() {
  const { t } = useTranslation("tickets");
  const { tickets: r, charts, legal, finance, governance, monitoring, printedAt } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const days = (v: number | null) => (v === null ? t("reports.none") : t("reports.days", { value: v }));
  const headline: [string, string | number][] = [
    ["reports.chambersVisited", r.chambersVisited],
    ["reports.enterprisesVisited", r.enterprisesVisited],
    ["reports.collected", r.collected],
    ["reports.resolved", r.resolved],
    ["reports.complaintsResolved", r.complaintsResolved],
    ["reports.medianAnswer", days(r.medianAnswerDays)],
    ["reports.medianResolve", days(r.medianResolveDays)],
    ["reports.overdueRate", r.overdueRate === null ? t("reports.none") : `${Math.round(r.overdueRate * 1000) / 10}%`],
    ["reports.averageRating", r.averageRating === null ? t("reports.none") : r.averageRating],
  ];
  const departmentColumns: Column<(typeof r.byDepartment)[number]>[] = [
    { key: "department", header: t("list.department"), cell: (d) => (lng === "zh-CN" ? d.name_zh : d.name_en) },
    { key: "referred", header: t("reports.referred"), align: "end", cell: (d) => d.referred },
    { key: "answered", header: t("reports.answered"), align: "end", cell: (d) => d.answered },
    { key: "late", header: t("reports.late"), align: "end", cell: (d) => d.late },
    { key: "median", header: t("reports.medianAnswer"), align: "end", cell: (d) => days(d.median_answer_days) },
  ];
  return (
    <>
      <PageHeader
        title={t("reports.title")}
        lead={t("reports.csv.year", { year: r.year })}
        actions={
          <>
            {/* A plain link: the browser downloads the file (no JavaScript needed). */}
            <a className="btn btn--ghost btn--small no-print" href={`/reports.csv?year=${r.year}&lng=${lng}`} download>
              {t("reports.exportCsv")}
            </a>
            <PrintButton label={t("reports.print")} />
          </>
        }
      />
      <p className="print-only muted small" data-print-stamp>
        {t("reports.printedAt", { time: formatDateTime(printedAt, lng) })}
      </p>
      <Form method="get" className="filters no-print">
        <TextField label={t("reports.year")} name="year" type="number" min={2000} max={2100} defaultValue={r.year} />
        <div className="form-actions">
          <button type="submit" className="btn btn--small">
            {t("reports.show")}
          </button>
        </div>
      </Form>
      <h2>
        {t("reports.ticketsTitle")} · {r.year}
      </h2>
      <div className="grid tickets-stats">
        {headline.map(([key, value]) => (
          <div className="stat" key={key} data-figure={key.split(".")[1]}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(key)}</div>
          </div>
        ))}
      </div>
      <p className="muted small">{t("reports.ratedCount", { count: r.rated, flagged: r.flagged })}</p>
      <p className="muted small" data-figure="definitions">
        {t("reports.definitions", { year: r.year, complaints: r.complaints, complaintsResolved: r.complaintsResolved })}
      </p>
      <div className="tickets-layout">
        <section className="card">
          <Chart chart={charts.byMonth} headingLevel={3} empty={t("reports.none")} />
        </section>
        <section className="card">
          <Chart chart={charts.byCategory} headingLevel={3} empty={t("reports.none")} />
        </section>
      </div>
      <section className="card">
        <Chart chart={charts.byDepartment} headingLevel={3} numbers="none" empty={t("reports.none")} />
        <DataTable
          label={t("reports.byDepartment")}
          columns={departmentColumns}
          rows={r.byDepartment}
          rowKey={(d) => d.department_id}
          empty={{ title: t("reports.none") }}
        />
      </section>
      <h2>
        {t("jobs:reports.title")} · {r.year}
      </h2>
      <section className="card">
        <p className="muted small">{t("jobs:reports.byHourLead", { year: r.year })}</p>
        <Chart chart={charts.jobsByHour} headingLevel={3} empty={t("jobs:reports.empty")} />
      </section>
      <LegalReportPart r={legal} lng={lng} />
      <FinanceReportPart report={finance} chart={charts.finance} lng={lng} />
      <GovernanceReportPart report={governance} />
      <MonitoringReport report={monitoring} />
    </>
  );
}
