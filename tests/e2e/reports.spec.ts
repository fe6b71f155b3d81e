import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { signInAsStaff } from "./support";
import en from "../../app/locales/en/tickets.json" with { type: "json" };
import zh from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import enJobs from "../../app/locales/en/jobs.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };

// /reports draws its charts on the server (ECharts SVG strings): the page shows them with their
// numbers in tables, and sends no chart JavaScript.

for (const { lng, t, jobs } of [
  { lng: "zh-CN", t: zh.reports, jobs: zhJobs.reports },
  { lng: "en", t: en.reports, jobs: enJobs.reports },
]) {
  test(`reports show server-drawn charts with their numbers (${lng})`, async ({ page, baseURL }) => {
    await signInAsStaff(page, baseURL!);
    await page.goto(`/reports?lng=${lng}`);
    for (const title of [t.byMonth, t.byCategory, t.byDepartment, jobs.byHour]) {
      const figure = page.locator("figure.chart").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
      await expect(figure.getByRole("img", { name: title })).toBeVisible();
      await expect(figure.locator("svg title")).toHaveText(title);
    }
    // The month chart's table: twelve months, and the collected figures add up to the headline.
    const months = page.locator("figure.chart").filter({ has: page.getByRole("heading", { name: t.byMonth, exact: true }) });
    await expect(months.locator("tbody tr")).toHaveCount(12);
    const collected = await months.locator(`tbody td[data-label="${t.collected}"]`).allTextContents();
    const headline = await page.locator('[data-figure="collected"] .stat__value').textContent();
    expect(collected.reduce((sum, n) => sum + Number(n), 0)).toBe(Number(headline));
    // The department table keeps the median column beside the chart.
    await expect(page.getByRole("columnheader", { name: t.medianAnswer })).toBeVisible();
  });
}

test("reports send no JavaScript file at all (charts are server-drawn SVG; the page is not hydrated)", async ({ page, baseURL }) => {
  await signInAsStaff(page, baseURL!);
  await page.goto("/reports");
  await expect(page.locator("figure.chart svg").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Every script the page loaded (entry, route modules, preloads, lazily discovered routes).
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((name) => new URL(name).pathname.endsWith(".js")),
  );
  expect(scripts).toEqual([]);
  // The one inline script is the page script (app/lib/enhance.ts), not a chart library.
  const inline = await page.locator("script:not([src])").allTextContents();
  expect(inline.length).toBeGreaterThan(0);
  for (const text of inline) expect(text).not.toMatch(/echarts|zrender/i);
});

// The CSV export and the print view, in both languages.
for (const { lng, t } of [
  { lng: "zh-CN", t: zh.reports },
  { lng: "en", t: en.reports },
]) {
  test(`reports download as CSV with the page's figures, and print on A4 (${lng})`, async ({ page, baseURL }) => {
    await signInAsStaff(page, baseURL!);
    await page.goto(`/reports?lng=${lng}`);
    const headline = (await page.locator('[data-figure="collected"] .stat__value').textContent())!.trim();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.exportCsv }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reports-\d{4}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe([t.csv.section, t.csv.figure, t.csv.breakdown, t.csv.period, t.csv.value, t.csv.unit].join(","));
    const collected = lines.find((l) => l.startsWith(`${t.ticketsTitle},${t.collected},,`));
    expect(collected?.split(",")[4]).toBe(headline);

    // The print button calls the browser's print; the print stylesheet hides the site's frame.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await page.getByRole("button", { name: t.print }).click();
    await expect(page.locator("body")).toHaveAttribute("data-printed", "yes");
    await expect(page.locator("[data-print-stamp]")).toBeHidden();
    // A chart whose numbers are folded behind "show the numbers": on screen the table is folded away.
    const folded = page.locator("details.chart__numbers").first();
    await expect(folded).toHaveCount(1);
    await expect(folded.locator("table")).toBeHidden();
    const printed = page.locator("[data-print-numbers]").first();
    await expect(printed).toBeHidden();
    const foldedText = await folded.locator("table tbody").textContent();
    await page.emulateMedia({ media: "print" });
    // On paper the same numbers are printed open, the folded copy left out.
    await expect(printed.locator("table")).toBeVisible();
    await expect(printed.locator("table tbody tr").first()).toBeVisible();
    expect(await printed.locator("table tbody").textContent()).toBe(foldedText);
    await expect(folded).toBeHidden();
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator("form.filters")).toBeHidden();
    await expect(page.getByRole("button", { name: t.print })).toBeHidden();
    await expect(page.locator("[data-print-stamp]")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    await expect(page.locator('[data-figure="collected"] .stat__value')).toHaveText(headline);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  });
}
