import { expect, test, type Page } from "@playwright/test";
import zh from "../../app/locales/zh-CN/finance.json" with { type: "json" };
import en from "../../app/locales/en/finance.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { signIn } from "./support";

const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth },
  { lng: "en", t: en, auth: enAuth },
] as const;

const disbursedFigure = async (page: Page) => {
  await page.goto("/reports");
  return (await page.locator('[data-figure="finance-disbursed"] .stat__value').innerText()).trim();
};

for (const { lng, t } of langs) {
  test(`staff import survey needs: a stored file is confirmed with its count, in ${lng}`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto("/members/1");
    const creditCode = (await staff.locator(".page-header .mono").first().innerText()).trim();
    const neededBy = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const csv = `credit_code,amount_wan,purpose,term_months,max_rate_pct,needed_by\n${creditCode},100,流动资金,12,5,${neededBy}\n`;
    await staff.goto("/finance/needs/import");
    await staff.getByLabel(t.import.file).setInputFiles({ name: "needs.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await staff.getByRole("button", { name: t.import.submit, exact: true }).click();
    await expect(staff).toHaveURL(/\/finance\/needs\/import$/);
    await expect(staff.locator(".flash[role=status]")).toHaveText(
      "imported_one" in t.flash ? t.flash.imported_one : t.flash.imported.replace("{{count}}", "1"),
    );
    await staff.context().close();
  });

  test(`financing in ${lng}: a member posts a need, sees ranked products with reasons and applies; the bank claims, approves and disburses; the report moves`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const staff = await signIn(browser, "staff@demo.test", lng);
    const before = await disbursedFigure(staff);

    // The member posts a need and sees the products ranked for it, each with its reasons.
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto("/finance/needs/new");
    await member.getByLabel(t.needs.amountWan).fill("120");
    await member.getByLabel(t.needs.purpose).selectOption({ label: t.purpose.working_capital });
    await member.getByLabel(t.needs.termMonths).fill("12");
    await member.getByLabel(t.needs.maxRatePct).fill("6");
    await member.getByLabel(t.needs.neededBy).fill("2030-06-30");
    await member.getByLabel(t.collateral.property).check();
    await member.getByRole("button", { name: t.needs.submit }).click();
    await expect(member).toHaveURL(/\/finance\/needs\/\d+$/);
    await expect(member.locator(".flash[role=status]")).toHaveText(t.needs.submitted);
    const needUrl = new URL(member.url()).pathname;
    await expect(member.locator(".page-header").getByText(t.needStatus.open)).toBeVisible();
    const ranking = member.locator(".finance-ranking").first();
    await expect(ranking.locator("> li").first()).toBeVisible();
    // The rural commercial bank's members' credit loan fits, and says why.
    const product = ranking.locator('li[data-product="1"]');
    await expect(product.locator(".finance-reason--met").first()).toBeVisible();
    await expect(product).toContainText(t.rules.membersOnly);
    await expect(product).toContainText(t.criteria.creditLine);
    // Products left out name the broken rule.
    await member.locator('section[aria-labelledby="ranking-title"] details > summary').click();
    await expect(member.locator(".finance-reason--unmet").first()).toBeVisible();

    // The member applies to it.
    await product.getByRole("link", { name: t.applications.applyHere }).click();
    await expect(member).toHaveURL(/\/finance\/applications\/new\?product=1&need=\d+/);
    await member.getByLabel(t.applications.amountWan).fill("120");
    await member.getByLabel(t.applications.termMonths).fill("12");
    await member
      .getByLabel(t.applications.documents)
      .setInputFiles({ name: "statements.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% e2e\n%%EOF\n") });
    await member.getByRole("button", { name: t.applications.submit }).click();
    await expect(member).toHaveURL(/\/finance\/applications\/\d+$/);
    const appUrl = new URL(member.url()).pathname;
    await expect(member.locator(".page-header").getByText(t.applicationStatus.submitted)).toBeVisible();
    await expect(member.locator(".flash[role=status]")).toHaveText(t.flash.applicationSubmitted);
    await expect(member.getByRole("link", { name: "statements.pdf" })).toBeVisible();

    // The bank officer sees the need (matched to its products), claims and answers it.
    const bank = await signIn(browser, "bank@demo.test", lng);
    await bank.goto("/finance/needs");
    await expect(bank.locator(`a[href="${needUrl}"]`)).toBeVisible();
    await bank.goto(needUrl);
    await bank.getByRole("form", { name: t.needs.claimTitle }).getByRole("button", { name: t.needs.claim }).click();
    await expect(bank.locator(".page-header").getByText(t.needStatus.claimed)).toBeVisible();
    await expect(bank.locator(".flash[role=status]")).toHaveText(t.flash.claim);
    const respond = bank.getByRole("form", { name: t.needs.respondTitle });
    await respond.getByLabel(t.needs.outcome).selectOption({ label: t.outcome.application_invited });
    await respond.getByLabel(t.needs.outcomeNote).fill(lng === "en" ? "Application received; we review it this week." : "已收到申请，本周内审查。");
    await respond.getByRole("button", { name: t.needs.respond }).click();
    await expect(bank.locator(".page-header").getByText(t.needStatus.answered)).toBeVisible();
    await expect(bank.locator(".flash[role=status]")).toHaveText(t.flash.respond);

    // It approves and disburses the application.
    await bank.goto(appUrl);
    await bank.getByRole("form", { name: t.applications.approveTitle }).getByRole("button", { name: t.applications.approve }).click();
    await expect(bank.locator(".page-header").getByText(t.applicationStatus.approved)).toBeVisible();
    await expect(bank.locator(".flash[role=status]")).toHaveText(t.flash.approve);
    await bank.getByRole("form", { name: t.applications.disburseTitle }).getByRole("button", { name: t.applications.disburse }).click();
    await expect(bank.locator(".page-header").getByText(t.applicationStatus.disbursed)).toBeVisible();
    await expect(bank.locator(".flash[role=status]")).toHaveText(t.flash.disburse);

    // The member sees the loan; the report's amount disbursed moves.
    await member.goto("/finance");
    await expect(member.getByRole("heading", { name: t.dashboard.myLoans, exact: true })).toBeVisible();
    const after = await disbursedFigure(staff);
    expect(after).not.toBe(before);
  });
}
