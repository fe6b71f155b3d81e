import { expect, test } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhFairs from "../../app/locales/zh-CN/fairs.json" with { type: "json" };
import enFairs from "../../app/locales/en/fairs.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };
import enJobs from "../../app/locales/en/jobs.json" with { type: "json" };
import zhTickets from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import enTickets from "../../app/locales/en/tickets.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18, work queues: the staff problem queue opens on what needs action (tabs with counts, mine); the fair check-in desk keeps to the fair's day; the hiring pipeline's
// last step can be undone and an interview carries time, place and contact.
const PASSWORD = "yunjiang-demo";
const langs = [
  { lng: "zh-CN", auth: zhAuth, fairs: zhFairs, jobs: zhJobs, tickets: zhTickets },
  { lng: "en", auth: enAuth, fairs: enFairs, jobs: enJobs, tickets: enTickets },
] as const;

/** The text of a string with {{name}} placeholders, up to its first placeholder (what a test can match exactly). */
function lead(s: string): string {
  return s.split("{{")[0];
}

for (const { lng, auth, fairs, jobs, tickets } of langs) {
  test(`fair check-in is refused before the fair's day, with the way to override (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng, { timezoneId: "Asia/Shanghai" });
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

  test(`the hiring pipeline: an interview with time, place and contact, hired in one step, and the last step undone (${lng})`, async ({ browser }) => {
    // A new seeker applies to the demo enterprise's 针车工 posting.
    const name = `撤销测试${lng === "en" ? "E" : "Z"}${Date.now().toString().slice(-6)}`;
    const seekerContext = await browser.newContext({ locale: lng === "en" ? "en-GB" : "zh-CN", timezoneId: "Asia/Shanghai" });
    const seeker = await seekerContext.newPage();
    await seeker.goto(`/register?lng=${lng}`);
    await seeker.getByLabel(auth.register.name).fill(name);
    await seeker.getByLabel(auth.register.email).fill(`undo-${lng}-${Date.now()}@e2e.test`);
    await seeker.getByLabel(auth.register.phone).fill("13812345678");
    await seeker.getByLabel(auth.register.password, { exact: true }).fill("long-enough-password");
    await seeker.getByLabel(auth.register.confirm).fill("long-enough-password");
    await seeker.getByRole("button", { name: auth.register.submit }).click();
    await expect(seeker).not.toHaveURL(/\/register/);
    await seeker.goto(`/jobs?q=${encodeURIComponent("针车")}&enterprise=1&lng=${lng}`);
    await seeker.getByRole("link", { name: "针车工", exact: true }).first().click();
    await seeker.getByRole("button", { name: jobs.detail.apply, exact: true }).click();
    await expect(seeker.locator(".flash[role=status]")).toHaveText(jobs.flash.applied);

    const employer = await signIn(browser, "member@demo.test", lng, { timezoneId: "Asia/Shanghai" });
    await employer.goto(`/jobs/manage/applications?lng=${lng}`);
    await employer.getByRole("link", { name }).click();
    const badge = employer.locator(".page-header .badge");
    await expect(badge).toHaveText(jobs.status.applied);
    // Nothing to undo yet (applying was the seeker's step).
    const undoTo = (status: string) => employer.getByRole("button", { name: jobs.review.undo.replace("{{status}}", status) });
    await expect(employer.getByRole("button", { name: lead(jobs.review.undo) })).toHaveCount(0);

    // Straight to an interview (no "viewed" or "shortlisted" clicks), with its time, place and contact.
    await employer.getByLabel(jobs.review.interviewAt).fill("2031-05-06T14:30");
    await employer.getByLabel(jobs.review.interviewPlace).fill("仙降街道 公司二楼会议室");
    await employer.getByLabel(jobs.review.interviewContact).fill("人事部 李女士 0577-65123456");
    await employer.getByRole("button", { name: jobs.review.scheduleInterview }).click();
    await expect(employer.locator(".flash[role=status]")).toHaveText(jobs.flash.interview);
    await expect(badge).toHaveText(jobs.status.interview);

    // Hired in one click; then the slip is undone: back to the interview, audited, the seeker told.
    await employer.getByRole("button", { name: jobs.review.moveTo.replace("{{status}}", jobs.status.hired) }).click();
    await expect(badge).toHaveText(jobs.status.hired);
    await undoTo(jobs.status.interview).click();
    await expect(employer.locator(".flash[role=status]")).toHaveText(jobs.flash.undone.replace("$t(jobs:status.{{to}})", jobs.status.interview));
    await expect(badge).toHaveText(jobs.status.interview);
    // Only the last step: the undo itself cannot be undone.
    await expect(employer.getByRole("button", { name: lead(jobs.review.undo) })).toHaveCount(0);
    await expect(employer.getByText(jobs.review.undoneStep)).toBeVisible();
    await employer.context().close();

    // The seeker sees the interview on their applications page.
    await seeker.goto(`/jobs/applications?lng=${lng}`);
    const row = seeker.getByRole("row").filter({ hasText: "针车工" }).first();
    await expect(row.locator(".badge")).toHaveText(jobs.status.interview);
    await expect(row).toContainText("仙降街道 公司二楼会议室");
    await expect(row).toContainText("人事部 李女士 0577-65123456");
    await seekerContext.close();
  });

  test(`the staff problem queue opens on the problems to accept, mine, with a count on every tab (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng, { timezoneId: "Asia/Shanghai" });
    await staff.goto(`/tickets?lng=${lng}`);
    const tabs = staff.getByRole("navigation", { name: tickets.list.tabs });
    const countOf = async (tab: keyof typeof tickets.list.tab) => {
      const link = tabs.getByRole("link", { name: new RegExp(`^${tickets.list.tab[tab]} \\d+$`) });
      await expect(link).toBeVisible();
      return Number((await link.locator(".tab__count").innerText()).trim());
    };
    // The current tab is "to accept", and the handler filter says "mine".
    await expect(tabs.locator("[aria-current=page]")).toContainText(tickets.list.tab.accept);
    await expect(staff.getByLabel(tickets.list.handler)).toHaveValue("mine");
    const mine = {
      accept: await countOf("accept"),
      refer: await countOf("refer"),
      overdue: await countOf("overdue"),
      escalated: await countOf("escalated"),
      all: await countOf("all"),
    };
    // The rows shown are what the tab's count says (one page at most), all of them new problems.
    const rows = staff.locator("table tbody tr");
    if (mine.accept === 0) await expect(staff.locator("table tbody tr")).toHaveCount(0);
    else await expect(rows).toHaveCount(Math.min(mine.accept, 20));
    for (const n of [mine.accept, mine.refer, mine.overdue, mine.escalated]) expect(n).toBeLessThanOrEqual(mine.all);

    // Everyone's: one click; the counts can only grow, and the filter says so.
    await staff.getByRole("link", { name: tickets.list.everyone }).click();
    await expect(staff.getByLabel(tickets.list.handler)).toHaveValue("all");
    expect(await countOf("all")).toBeGreaterThanOrEqual(mine.all);

    // The escalated tab: each row can be chased without opening it.
    await tabs.getByRole("link", { name: new RegExp(`^${tickets.list.tab.escalated} \\d+$`) }).click();
    await expect(tabs.locator("[aria-current=page]")).toContainText(tickets.list.tab.escalated);
    const escalated = await countOf("escalated");
    if (escalated > 0) {
      await staff
        .locator("table tbody tr")
        .first()
        .getByRole("button", { name: lead(tickets.list.chase) })
        .click();
      await expect(staff.locator(".flash[role=status]")).toHaveText(tickets.flash.chase);
    }
    await staff.context().close();
  });

  test(`on a phone (390 px) an escalated row's chase and reassign forms fit the screen (${lng})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lng === "en" ? "en-GB" : "zh-CN", timezoneId: "Asia/Shanghai" });
    const staff = await context.newPage();
    await staff.goto(`/login?lng=${lng}`);
    await staff.getByLabel(auth.login.email).fill("staff@demo.test");
    await staff.getByLabel(auth.login.password, { exact: true }).fill(PASSWORD);
    await staff.getByRole("button", { name: auth.login.submit }).click();
    await expect(staff).not.toHaveURL(/\/login/);
    await staff.goto(`/tickets?lng=${lng}&tab=escalated&handler=all`);
    const row = staff
      .locator("table tbody tr")
      .filter({ has: staff.locator(".tickets-row-actions") })
      .first();
    await expect(row).toBeVisible();
    // No sideways scrolling of the page, and both forms' controls lie within the screen.
    expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const chase = row.getByRole("button", { name: lead(tickets.list.chase) });
    const select = row.getByLabel(lead(tickets.list.reassignTo));
    const reassign = row.getByRole("button", { name: tickets.list.reassign, exact: true });
    for (const control of [chase, select, reassign]) {
      await control.scrollIntoViewIfNeeded();
      const box = await control.boundingBox();
      expect(box, "on screen").not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    // The actions cell is labelled in words (a phone shows the column name beside each cell).
    await expect(row.locator("td[data-label]").last()).toHaveAttribute("data-label", tickets.detail.actions);
    if (process.env.E2E_SHOTS) await row.screenshot({ path: `${process.env.E2E_SHOTS}/queue-row-390-${lng}.png` });
    await context.close();
  });
}
