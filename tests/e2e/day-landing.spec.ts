import { expect, test } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhCommon from "../../app/locales/zh-CN/common.json" with { type: "json" };
import enCommon from "../../app/locales/en/common.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18: each role signs in to its work, not to the home page or the member list.
const landings = [
  { email: "staff@demo.test", path: /\/today$/ },
  { email: "admin@demo.test", path: /\/today$/ },
  { email: "dept@demo.test", path: /\/inbox$/ },
  { email: "seeker@demo.test", path: /\/jobs$/ },
  { email: "bank@demo.test", path: /\/finance$/ },
  { email: "mediator@demo.test", path: /\/disputes$/ },
  { email: "member@demo.test", path: /\/my$/ },
] as const;

test("each role lands on its own work after signing in, and the home page offers the way back to it", async ({ browser }) => {
  for (const { email, path } of landings) {
    const page = await signIn(browser, email, "zh-CN");
    await expect(page, email).toHaveURL(path);
    expect((await page.goto("/"))?.status()).toBe(200);
    await page.getByRole("link", { name: zhCommon.home.continueLink }).click();
    await expect(page, email).toHaveURL(path);
    await page.context().close();
  }
});

for (const { lng, common } of [
  { lng: "zh-CN", auth: zhAuth, common: zhCommon },
  { lng: "en", auth: enAuth, common: enCommon },
] as const) {
  test(`staff's today page counts the waiting work and links each count to its list (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "staff@demo.test", lng);
    await expect(page).toHaveURL(/\/today$/);
    await expect(page).toHaveTitle(new RegExp(`^${common.titles.today}`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(common.today.title);
    await expect(page.getByRole("link", { name: common.nav.today })).toHaveAttribute("aria-current", "page");
    for (const key of ["applications", "toAccept", "overdue", "escalated", "boothRequests"] as const) {
      await expect(page.locator(`[data-work="${key}"] .stat__value`)).toHaveText(/^\d+\+?$/);
    }
    // The count of applications is the list's own total (the demo data has one waiting).
    const applications = Number(await page.locator('[data-work="applications"] .stat__value').innerText());
    expect(applications).toBeGreaterThan(0);
    await page.getByRole("link", { name: common.today.applications }).click();
    await expect(page).toHaveURL(/\/members\/applications$/);
    await expect(page.locator("table tbody tr")).toHaveCount(applications);
    await page.goBack();
    await page.getByRole("link", { name: common.today.toAccept }).click();
    await expect(page).toHaveURL(/\/tickets\?status=submitted/);
    await page.context().close();
  });
}
