import { expect, test, type Browser, type Page } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhFairs from "../../app/locales/zh-CN/fairs.json" with { type: "json" };
import enFairs from "../../app/locales/en/fairs.json" with { type: "json" };

// Issue 18, work queues: the fair check-in desk keeps to the fair's day.
const PASSWORD = "yunjiang-demo";
const langs = [
  { lng: "zh-CN", auth: zhAuth, fairs: zhFairs },
  { lng: "en", auth: enAuth, fairs: enFairs },
] as const;

async function signIn(browser: Browser, email: string, lng: string, auth: typeof zhAuth): Promise<Page> {
  const context = await browser.newContext({ locale: lng === "en" ? "en-GB" : "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await page.goto(`/login?lng=${lng}`);
  await page.getByLabel(auth.login.email).fill(email);
  await page.getByLabel(auth.login.password, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: auth.login.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** The text of a string with {{name}} placeholders, up to its first placeholder (what a test can match exactly). */
function lead(s: string): string {
  return s.split("{{")[0];
}

for (const { lng, auth, fairs } of langs) {
  test(`fair check-in is refused before the fair's day, with the way to override (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng, auth);
    await staff.goto(`/fairs?lng=${lng}`);
    await staff.getByRole("link", { name: "冬季用工对接会暨云江鞋企专场招聘" }).click();
    await expect(staff).toHaveURL(/\/fairs\/\d+/);
    const fairPath = new URL(staff.url()).pathname;
    await staff.goto(`${fairPath}/report?lng=${lng}`);
    const overriddenBefore = await staff.locator(".stat", { hasText: fairs.report.overriddenCheckIns }).locator(".stat__value").innerText();

    // The demo seeker pre-registered for this fair, a month away: found by name, refused.
    await staff.goto(`${fairPath}/check-in?lng=${lng}&q=${encodeURIComponent("王同学")}`);
    await staff.getByRole("button", { name: fairs.checkIn.checkInPerson.replace("{{name}}", "王同学") }).click();
    const refusal = staff.getByRole("alert").filter({ hasText: lead(fairs.checkIn.outcome.beforeFairDay) });
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText("王同学");
    // Staff see the override, which asks for a reason (a blank one is not sent).
    const override = staff.getByRole("button", { name: fairs.checkIn.override.replace("{{name}}", "王同学") });
    await expect(override).toBeVisible();
    await expect(staff.getByLabel(fairs.checkIn.overrideReason)).toHaveAttribute("required", "");

    // Nothing was counted: the report's overridden figure is unchanged.
    await staff.goto(`${fairPath}/report?lng=${lng}`);
    await expect(staff.locator(".stat", { hasText: fairs.report.overriddenCheckIns }).locator(".stat__value")).toHaveText(overriddenBefore);
    await staff.context().close();
  });
}
