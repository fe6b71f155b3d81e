import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail, signIn } from "../access/http";
import { SOURCE } from "../access/walk";
import en from "../../app/locales/en/tickets.json" with { type: "json" };
import zh from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import enJobs from "../../app/locales/en/jobs.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };

// /reports draws its charts on the server (ECharts SVG strings): the page shows them with their
// numbers in tables, and sends no chart JavaScript.

async function signInAsStaff(page: Page, baseURL: string) {
  const cookie = await signIn(baseURL, demoEmail.staff, DEMO_PASSWORD, SOURCE.a11y);
  const [name, ...value] = cookie.split(";")[0].split("=");
  await page.context().addCookies([{ name, value: value.join("="), url: baseURL }]);
}

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

test("reports send no chart JavaScript", async ({ page, baseURL, request }) => {
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
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const body = await (await request.get(src)).text();
    expect(body, src).not.toMatch(/echarts|zrender/i);
  }
});
