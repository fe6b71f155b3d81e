import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { seedDemo } from "../../db/seed/demo.server";
import { createSessionCookie } from "../../app/lib/auth.server";
import { loader as pageLoader } from "../../app/routes/reports";
import { loader as csvLoader } from "../../app/routes/reports[.csv]";
import zh from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import en from "../../app/locales/en/tickets.json" with { type: "json" };
import zhDisputes from "../../app/locales/zh-CN/disputes.json" with { type: "json" };
import zhFinance from "../../app/locales/zh-CN/finance.json" with { type: "json" };
import zhGovernance from "../../app/locales/zh-CN/governance.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };
import zhMonitoring from "../../app/locales/zh-CN/monitoring.json" with { type: "json" };
import { monitoringSnapshot } from "../../app/modules/monitoring/monitoring.server";

// The CSV export of /reports holds the page's own figures: read both loaders as a staff member
// and compare every headline figure and the sums of the breakdowns.
const year = new Date().getFullYear();
let cookie = "";

const args = (url: string) => ({ request: new Request(url, { headers: { cookie } }), params: {}, context: {} }) as never;

async function readCsv(lng: string) {
  const response = (await csvLoader(args(`http://portal.test/reports.csv?year=${year}&lng=${lng}`))) as Response;
  expect(response.headers.get("content-type")).toContain("text/csv");
  // UTF-8 with a byte-order mark, so a spreadsheet program reads the Chinese right.
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8").decode(bytes);
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header, rows };
}

/** The value of one figure: section, figure and breakdown as labelled in the file. */
function valueOf(rows: string[][], section: string, figure: string, breakdown = ""): number | "" {
  const hits = rows.filter((r) => r[0] === section && r[1] === figure && r[2] === breakdown);
  expect(hits, `${section} / ${figure} / ${breakdown}`).toHaveLength(1);
  return hits[0][4] === "" ? "" : Number(hits[0][4]);
}

describe("the /reports CSV export", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, year));
    const setCookie = await createSessionCookie(new Request("http://portal.test/login"), "demo-staff");
    cookie = setCookie.split(";")[0];
  });

  it("holds the page's figures, each with its period, and the breakdowns add up to the headline", async () => {
    const page = await pageLoader(args(`http://portal.test/reports?year=${year}&lng=zh-CN`));
    const { header, rows } = await readCsv("zh-CN");
    const c = zh.reports.csv;
    expect(header).toEqual([c.section, c.figure, c.breakdown, c.period, c.value, c.unit]);
    const r = zh.reports;
    const period = `${year} 年`;
    const tickets = r.ticketsTitle;
    const t = page.tickets;
    expect(t.collected).toBeGreaterThan(0);
    expect(valueOf(rows, tickets, r.collected)).toBe(t.collected);
    expect(valueOf(rows, tickets, r.resolved)).toBe(t.resolved);
    expect(valueOf(rows, tickets, r.complaintsResolved)).toBe(t.complaintsResolved);
    expect(valueOf(rows, tickets, r.chambersVisited)).toBe(t.chambersVisited);
    expect(valueOf(rows, tickets, r.enterprisesVisited)).toBe(t.enterprisesVisited);
    expect(valueOf(rows, tickets, r.medianResolve)).toBe(t.medianResolveDays ?? "");
    expect(valueOf(rows, tickets, r.averageRating)).toBe(t.averageRating ?? "");
    expect(valueOf(rows, tickets, r.overdueRate)).toBe(t.overdueRate === null ? "" : Math.round(t.overdueRate * 1000) / 10);
    for (const row of rows.filter((x) => x[0] === tickets)) expect(row[3]).toBe(period);

    const sum = (section: string, figure: string) => rows.filter((x) => x[0] === section && x[1] === figure).reduce((s, x) => s + Number(x[4]), 0);
    expect(sum(`${tickets} · ${r.byMonth}`, r.collected)).toBe(t.collected);
    expect(sum(`${tickets} · ${r.byCategory}`, r.collected)).toBe(t.collected);
    expect(sum(`${tickets} · ${r.byMonth}`, r.resolved)).toBe(t.resolved);
    expect(sum(`${tickets} · ${r.byDepartment}`, r.referred)).toBe(t.byDepartment.reduce((s, d) => s + d.referred, 0));

    const jobs = `${zhJobs.reports.title} · ${zhJobs.reports.byHour}`;
    expect(sum(jobs, zhJobs.reports.applications)).toBe(page.jobs.applications.reduce((s, h) => s + h.n, 0));
    expect(sum(jobs, zhJobs.reports.checkIns)).toBe(page.checkIns.reduce((s, h) => s + h.n, 0));

    const d = zhDisputes.reports;
    expect(valueOf(rows, d.title, d.filed)).toBe(page.legal.filed);
    expect(valueOf(rows, d.title, d.settled)).toBe(page.legal.settled);
    expect(valueOf(rows, d.title, d.amount)).toBe(page.legal.amountFen / 100);
    expect(sum(`${d.title} · ${d.byType}`, d.filed)).toBe(page.legal.filed);

    const f = zhFinance.reports;
    expect(valueOf(rows, f.title, f.needsPosted)).toBe(page.finance.needsPosted);
    expect(valueOf(rows, f.title, f.disbursed)).toBe(page.finance.disbursedFen / 100);
    expect(valueOf(rows, `${f.title} · ${f.source}`, f.lines)).toBe(page.finance.linesFen / 100);

    const g = zhGovernance.reports;
    expect(valueOf(rows, g.title, g.assemblies)).toBe(page.governance.assembliesHeld);
    expect(valueOf(rows, g.title, g.motionsPassed)).toBe(page.governance.motionsPassed);
    // The sentences under the headline: ratings, low ratings and complaints received.
    expect(valueOf(rows, tickets, c.ratings)).toBe(t.rated);
    expect(valueOf(rows, tickets, c.lowRatings)).toBe(t.flagged);
    expect(valueOf(rows, tickets, c.complaints)).toBe(t.complaints);
    expect(t.complaints).toBeGreaterThanOrEqual(t.complaintsResolved);

    // Monitoring: the prosperity shares of the reference month, the figures /monitoring shows.
    const m = zhMonitoring;
    const shown = (await monitoringSnapshot()).prosperity;
    const prosperity = `${m.reports.title} · ${m.overview.prosperity}`;
    expect(page.monitoring.prosperity).toEqual(shown);
    expect(shown.total - shown.unknown).toBeGreaterThan(0);
    for (const cls of ["growing", "steady", "shrinking"] as const) {
      expect(valueOf(rows, prosperity, m.classes[cls])).toBe(shown[`${cls}Pct`]);
      expect(rows.find((x) => x[0] === prosperity && x[1] === m.classes[cls])?.slice(3)).toEqual([page.monitoring.month, String(shown[`${cls}Pct`]), "%"]);
    }
    expect(valueOf(rows, prosperity, m.reports.firmsClassified)).toBe(shown.total - shown.unknown);
    // Every line names its period.
    for (const row of rows) expect(row[3], row.join(",")).not.toBe("");
  });

  it("speaks the reader's language", async () => {
    const { header, rows } = await readCsv("en");
    const c = en.reports.csv;
    expect(header).toEqual([c.section, c.figure, c.breakdown, c.period, c.value, c.unit]);
    expect(rows.some((r) => r[0] === en.reports.ticketsTitle && r[1] === en.reports.collected && r[3] === `Year ${year}`)).toBe(true);
  });

  it("is for signed-in staff only", async () => {
    const anonymous = await csvLoader({ request: new Request("http://portal.test/reports.csv"), params: {}, context: {} } as never).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).status).toBe(302);
  });
});
