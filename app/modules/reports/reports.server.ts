import type { Language, Translate } from "../../lib/i18n";
import { shanghaiToday } from "../../lib/format";
import { cachedCheckInsByHour } from "../fairs/fairs.server";
import { cachedJobsActivity } from "../jobs/reports.server";
import { cachedTicketReport } from "../tickets/reports.server";
import { cachedLegalReport } from "../disputes/reports.server";
import { cachedFinanceReport } from "../finance/reports.server";
import { governanceReport } from "../governance/reports.server";
import { monitoringReport } from "../monitoring/monitoring.server";

/**
 * The figures of /reports for a year, gathered once for the page and for its CSV export, so the
 * two can never disagree: each area's report function is the one definition of its figures.
 */
export async function reportFigures(year: number) {
  const [tickets, jobs, checkIns, legal, finance, governance, monitoring] = await Promise.all([
    cachedTicketReport(year),
    cachedJobsActivity(year),
    cachedCheckInsByHour(year),
    cachedLegalReport(year),
    cachedFinanceReport(year),
    governanceReport(year),
    monitoringReport(),
  ]);
  return { year, tickets, jobs, checkIns, legal, finance, governance, monitoring };
}
export type ReportFigures = Awaited<ReturnType<typeof reportFigures>>;

/** The year a /reports request asks for (`?year=`), or the current one. */
export function reportYear(url: URL, now = new Date()): number {
  const current = now.getFullYear();
  const raw = Number(url.searchParams.get("year"));
  return Number.isInteger(raw) && raw >= 2000 && raw <= current + 1 ? raw : current;
}

type Unit = "" | "percent" | "days" | "hours" | "yuan";
/** One line of the export: section, figure, breakdown (a month, a category...), period, value, unit. */
export type ReportRow = [section: string, figure: string, breakdown: string, period: string, value: number | "", unit: string];

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const yuan = (fen: number) => fen / 100;

/**
 * The report as rows for a spreadsheet: every figure the page shows, raw numbers (the page rounds
 * a rate to 0.1 %, so does this; money in yuan) with the period it covers. A figure with no value
 * (a median of nothing) stays blank, never 0.
 */
export function reportRows(r: ReportFigures, t: Translate, lng: Language, now = new Date()): ReportRow[] {
  const rows: ReportRow[] = [];
  const year = t("tickets:reports.csv.year", { year: r.year });
  const standing = t("tickets:reports.csv.asOf", { date: shanghaiToday(now) });
  const unit = (u: Unit) => (u ? t(`tickets:reports.csv.units.${u}`) : "");
  const add = (section: string, figure: string, breakdown: string, period: string, value: number | null, u: Unit = "") =>
    rows.push([section, figure, breakdown, period, value === null ? "" : value, value === null ? "" : unit(u)]);
  const month = new Intl.DateTimeFormat(lng, { month: "short", timeZone: "UTC" });
  const monthName = (m: number) => month.format(Date.UTC(2000, m - 1, 1));

  const tk = r.tickets;
  const tickets = t("tickets:reports.ticketsTitle");
  const tl = (key: string) => t(`tickets:reports.${key}`);
  add(tickets, tl("chambersVisited"), "", year, tk.chambersVisited);
  add(tickets, tl("enterprisesVisited"), "", year, tk.enterprisesVisited);
  add(tickets, tl("collected"), "", year, tk.collected);
  add(tickets, tl("resolved"), "", year, tk.resolved);
  add(tickets, tl("complaintsResolved"), "", year, tk.complaintsResolved);
  add(tickets, tl("medianAnswer"), "", year, tk.medianAnswerDays, "days");
  add(tickets, tl("medianResolve"), "", year, tk.medianResolveDays, "days");
  add(tickets, tl("overdueRate"), "", year, percent(tk.overdueRate), "percent");
  add(tickets, tl("averageRating"), "", year, tk.averageRating);
  // The figures the page gives in sentences under the headline.
  add(tickets, tl("csv.ratings"), "", year, tk.rated);
  add(tickets, tl("csv.lowRatings"), "", year, tk.flagged);
  add(tickets, tl("csv.complaints"), "", year, tk.complaints);
  for (const m of tk.byMonth) {
    add(`${tickets} · ${tl("byMonth")}`, tl("collected"), monthName(m.month), year, m.collected);
    add(`${tickets} · ${tl("byMonth")}`, tl("resolved"), monthName(m.month), year, m.resolved);
  }
  for (const c of tk.byCategory) {
    add(`${tickets} · ${tl("byCategory")}`, tl("collected"), t(`tickets:category.${c.category}`), year, c.collected);
    add(`${tickets} · ${tl("byCategory")}`, tl("resolved"), t(`tickets:category.${c.category}`), year, c.resolved);
  }
  for (const d of tk.byDepartment) {
    const name = lng === "zh-CN" ? d.name_zh : d.name_en;
    const section = `${tickets} · ${tl("byDepartment")}`;
    add(section, tl("referred"), name, year, d.referred);
    add(section, tl("answered"), name, year, d.answered);
    add(section, tl("late"), name, year, d.late);
    add(section, tl("medianAnswer"), name, year, d.median_answer_days, "days");
  }

  const jobs = `${t("jobs:reports.title")} · ${t("jobs:reports.byHour")}`;
  const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;
  for (const [key, counts] of [
    ["postings", r.jobs.postings],
    ["applications", r.jobs.applications],
    ["intents", r.jobs.intents],
    ["checkIns", r.checkIns],
  ] as const) {
    for (const h of counts) add(jobs, t(`jobs:reports.${key}`), hour(h.hour), year, h.n);
  }

  const lg = r.legal;
  const legal = t("disputes:reports.title");
  const dl = (key: string) => t(`disputes:reports.${key}`);
  add(legal, dl("checks"), "", year, lg.healthChecks);
  add(legal, dl("lectures"), "", year, lg.lectures);
  add(legal, dl("attendees"), "", year, lg.lectureAttendees);
  add(legal, dl("filed"), "", year, lg.filed);
  add(legal, dl("settled"), "", year, lg.settled);
  add(legal, dl("settledRate"), "", year, percent(lg.settledRate), "percent");
  add(legal, dl("medianDays"), "", year, lg.medianDaysToSettle, "days");
  add(legal, dl("amount"), "", year, yuan(lg.amountFen), "yuan");
  add(legal, dl("settledAmount"), "", year, yuan(lg.settledFen), "yuan");
  add(legal, dl("referred"), "", year, lg.referred);
  add(legal, dl("judicialConfirmed"), "", year, lg.judicialConfirmed);
  add(legal, dl("mediationMissed"), "", year, lg.mediationMissed);
  add(legal, dl("confirmationMissed"), "", year, lg.confirmationMissed);
  for (const row of lg.byType) {
    const section = `${legal} · ${dl("byType")}`;
    const type = t(`disputes:type.${row.type}`);
    add(section, dl("filed"), type, year, row.filed);
    add(section, dl("settled"), type, year, row.settled);
    add(section, dl("amount"), type, year, yuan(row.amount_fen), "yuan");
  }
  for (const row of lg.byStation) {
    const section = `${legal} · ${dl("byStation")}`;
    const name = lng === "zh-CN" ? row.name_zh : row.name_en;
    for (const key of ["filed", "settled", "referred", "open"] as const) add(section, dl(key), name, year, row[key]);
  }

  const f = r.finance;
  const finance = t("finance:reports.title");
  const fl = (key: string) => t(`finance:reports.${key}`);
  add(finance, fl("needsPosted"), "", year, f.needsPosted);
  add(finance, fl("needsSurveyed"), "", year, f.needsSurveyed);
  add(finance, fl("claimed"), "", year, f.claimed);
  add(finance, fl("answeredInTime"), "", year, f.answeredInTime);
  add(finance, fl("approved"), "", year, f.approved);
  add(finance, fl("disbursed"), "", year, yuan(f.disbursedFen), "yuan");
  add(finance, fl("renewalsDue"), "", year, f.renewalsDue);
  add(finance, fl("renewed"), "", year, f.renewed);
  for (const m of f.byMonth) {
    const section = `${finance} · ${fl("byMonth")}`;
    add(section, fl("needsPosted"), monthName(m.month), year, m.posted);
    add(section, fl("claimed"), monthName(m.month), year, m.claimed);
    add(section, fl("answeredInTime"), monthName(m.month), year, m.in_time);
  }
  const source = `${finance} · ${fl("source")}`;
  add(source, fl("needsSurveyed"), "", standing, f.surveyedAll);
  add(source, fl("products"), "", standing, f.products);
  add(source, fl("serviceEnterprises"), "", standing, f.serviceEnterprises);
  add(source, fl("financed"), "", standing, f.financedEnterprises);
  add(source, fl("financedAmount"), "", standing, yuan(f.financedFen), "yuan");
  add(source, fl("renewable"), "", standing, f.renewableEnterprises);
  add(source, fl("lines"), "", standing, yuan(f.linesFen), "yuan");
  add(source, fl("lineDrawn"), "", standing, yuan(f.drawnFen), "yuan");

  const g = r.governance;
  const governance = t("governance:reports.title");
  const gl = (key: string) => t(`governance:reports.${key}`);
  add(governance, gl("assemblies"), "", year, g.assembliesHeld);
  add(governance, gl("turnout"), "", year, percent(g.averageAttendance), "percent");
  add(governance, gl("motionsDecided"), "", year, g.motionsDecided);
  add(governance, gl("motionsPassed"), "", year, g.motionsPassed);
  add(governance, gl("electionsCertified"), "", year, g.electionsCertified);
  add(governance, gl("electionTurnout"), "", year, percent(g.electionTurnout), "percent");

  const mo = r.monitoring;
  const monitoring = t("monitoring:reports.title");
  const ml = (key: string) => t(`monitoring:reports.${key}`);
  // Prosperity as /monitoring shows it: shares of the firms with figures for the month (blank if none).
  const p = mo.prosperity;
  const classified = p.total - p.unknown;
  const prosperity = `${monitoring} · ${t("monitoring:overview.prosperity")}`;
  for (const cls of ["growing", "steady", "shrinking"] as const)
    add(prosperity, t(`monitoring:classes.${cls}`), "", mo.month, classified ? p[`${cls}Pct`] : null, "percent");
  add(prosperity, ml("firmsClassified"), "", mo.month, classified);
  add(monitoring, ml("flagged"), "", mo.month, mo.flagged);
  for (const [flag, n] of Object.entries(mo.flagCounts)) add(monitoring, ml("flagged"), t(`monitoring:flags.${flag}.title`), mo.month, n);
  add(monitoring, ml("alarmsOpen"), "", standing, mo.alarmsOpen);
  add(monitoring, ml("alarmsTotal"), "", standing, mo.alarmsTotal);
  add(monitoring, ml("medianToClear"), "", standing, mo.medianHoursToClear, "hours");
  return rows;
}
