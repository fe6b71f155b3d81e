import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { resolvePlaceholders } from "../access/fixtures";
import { routes } from "../access/index";
import type { RouteAccess, Who } from "../access/types";
import { Sessions, SOURCE } from "../access/walk";

// axe over every list page of the access matrix, on a desktop (1366 px) and a phone (390 px),
// in Chinese and in English: no critical or serious violation. A list page is a page that
// renders the list frame of app/components/data-table.tsx (DataTable or ListResults, marked
// `.list-results`); every GET page of the matrix is opened once, as a role allowed to see it,
// to find out. New areas' list pages are picked up from their access-matrix rows.

/** Who opens a page: the first role allowed, in this order (staff see the most columns). */
const preference: Who[] = ["staff", "admin", "member", "department", "bank", "mediator", "seeker", "anonymous"];
const views = [
  { width: 1366, height: 900, lng: "zh-CN" },
  { width: 390, height: 844, lng: "zh-CN" },
  { width: 390, height: 844, lng: "en" },
] as const;

/** The pages of the matrix (not resource routes such as CSV downloads), each with a role allowed to see it. */
const pages: { row: RouteAccess; who: Who }[] = [];
for (const row of routes) {
  // A page module, not a resource route ("x[.csv].tsx" answers a file).
  const isPage = row.file.endsWith(".tsx") && !/\[\.\w+\]/.test(row.file);
  const who = row.get && isPage ? preference.find((w) => row.get?.[w] === "ok") : undefined;
  if (who) pages.push({ row, who });
}

/** Pages that must be found to be list pages: a change that loses the `.list-results` mark fails here. */
const knownLists = new Set([
  "/members",
  "/tickets",
  "/inbox",
  "/visits",
  "/admin/users",
  "/admin/audit",
  "/notifications",
  "/jobs/manage",
  "/fairs",
  "/directory",
  "/labour-exchange",
]);

let shared: Sessions | null = null;
const sessionsFor = (baseURL: string) => (shared ??= new Sessions(baseURL, SOURCE.a11y));

async function open(page: Page, baseURL: string, who: Who, path: string, lng: string) {
  const cookie = await sessionsFor(baseURL).cookie(who);
  await page.context().clearCookies();
  if (cookie) {
    const [name, ...value] = cookie.split(";")[0].split("=");
    await page.context().addCookies([{ name, value: value.join("="), url: baseURL }]);
  }
  const url = `${path}${path.includes("?") ? "&" : "?"}lng=${lng}`;
  const res = await page.goto(url);
  expect(res?.status(), `${url} as ${who}`).toBeLessThan(400);
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`)
          .join("\n")}`,
    )
    .join("\n");
}

for (const { row, who } of pages) {
  test(`axe on ${row.path} (${row.file}) as ${who}`, async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    const path = await resolvePlaceholders(row.path, sessionsFor(baseURL!).fixtureContext());
    await page.setViewportSize({ width: views[0].width, height: views[0].height });
    await open(page, baseURL!, who, path, views[0].lng);
    const isList = (await page.locator(".list-results").count()) > 0;
    if (knownLists.has(row.path)) expect(isList, `${row.path} renders through DataTable/ListResults`).toBe(true);
    test.skip(!isList, "not a list page");
    const problems: string[] = [];
    for (const view of views) {
      await page.setViewportSize({ width: view.width, height: view.height });
      await open(page, baseURL!, who, path, view.lng);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const bad = violations.filter((v) => v.impact === "critical" || v.impact === "serious");
      if (bad.length) problems.push(`at ${view.width} px, ${view.lng}:\n${describeViolations(bad)}`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}
