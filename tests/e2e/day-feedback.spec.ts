import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhMembers from "../../app/locales/zh-CN/members.json" with { type: "json" };
import enMembers from "../../app/locales/en/members.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };
import enJobs from "../../app/locales/en/jobs.json" with { type: "json" };
import zhLabour from "../../app/locales/zh-CN/labour.json" with { type: "json" };
import enLabour from "../../app/locales/en/labour.json" with { type: "json" };
import zhCommon from "../../app/locales/zh-CN/common.json" with { type: "json" };
import enCommon from "../../app/locales/en/common.json" with { type: "json" };
import zhTickets from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import enTickets from "../../app/locales/en/tickets.json" with { type: "json" };
import zhDisputes from "../../app/locales/zh-CN/disputes.json" with { type: "json" };
import enDisputes from "../../app/locales/en/disputes.json" with { type: "json" };
import zhMonitoring from "../../app/locales/zh-CN/monitoring.json" with { type: "json" };
import enMonitoring from "../../app/locales/en/monitoring.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18: every action that changes something answers with a success message, in the page's
// language, in one live region (role="status") that screen readers announce.
const langs = [
  {
    lng: "zh-CN",
    auth: zhAuth,
    members: zhMembers,
    jobs: zhJobs,
    tickets: zhTickets,
    disputes: zhDisputes,
    monitoring: zhMonitoring,
    day: "2031-01-02",
    labour: zhLabour,
    common: zhCommon,
  },
  {
    lng: "en",
    auth: enAuth,
    members: enMembers,
    jobs: enJobs,
    tickets: enTickets,
    disputes: enDisputes,
    monitoring: enMonitoring,
    day: "2031-01-03",
    labour: enLabour,
    common: enCommon,
  },
] as const;

/** A fresh membership application, sent as the form would send it (not signed in as anybody here). */
async function applyToJoin(request: APIRequestContext, baseURL: string): Promise<string> {
  const n = (Date.now() % 100_000_000) + Math.floor(Math.random() * 1000) * 100_000_000;
  const html = await (await request.get("/join?lng=zh-CN")).text();
  const associationId = html.match(/<option value="(\d+)"[^>]*>瑞安市云江注塑鞋研究中心</)?.[1];
  expect(associationId).toBeTruthy();
  const name = `瑞安市反馈测试${n}鞋业有限公司`;
  const response = await request.post("/join", {
    headers: { Origin: baseURL },
    maxRedirects: 0,
    form: {
      associationId: associationId!,
      name,
      creditCode: generateCreditCode(n),
      legalRep: "反馈",
      address: "瑞安市云江路1号",
      village: "云江村",
      segment: "soles",
      annualOutputWan: "1000",
      employees: "20",
      exportSharePct: "10",
      contactPerson: "反馈",
      phone: "13812340001",
      publicFields: "segment",
      displayName: "反馈经理",
      userEmail: `flash-${n}@e2e.test`,
      password: "long-enough-password",
      confirmPassword: "long-enough-password",
    },
  });
  expect(response.status(), await response.text()).toBe(302);
  return name;
}

/** A labour post published through the form; answers the post's path. */
async function publishLabourPost(page: Page, labour: typeof zhLabour, kind: "surplus" | "shortage", period: [string, string]): Promise<string> {
  await page.goto("/labour-exchange/new");
  await page.getByLabel(labour.fields.kind).selectOption(kind);
  await page.locator('input[name="skills"][value="mould_repair"]').check();
  await page.getByLabel(labour.fields.headcount).fill("2");
  await page.getByLabel(labour.fields.periodStart).fill(period[0]);
  await page.getByLabel(labour.fields.periodEnd).fill(period[1]);
  await page.getByRole("button", { name: labour.new.submit }).click();
  await expect(page).toHaveURL(/\/labour-exchange\/\d+$/);
  await expect(page.locator(".flash[role=status]")).toHaveText(labour.flash.created);
  return new URL(page.url()).pathname;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withValues(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
}

/** Logs, per document, what happens to the live region's message: at DOMContentLoaded and each insertion or removal. */
function watchFlash() {
  const log: string[] = [];
  (window as unknown as { flashLog: string[] }).flashLog = log;
  new MutationObserver((records) => {
    for (const r of records) {
      if (!(r.target as Element).classList?.contains("flash")) continue;
      r.removedNodes.forEach((n) => log.push(`removed:${n.textContent}`));
      r.addedNodes.forEach((n) => log.push(`added:${n.textContent}`));
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => log.push(`loaded:${document.querySelector(".flash")?.textContent ?? "no region"}`));
}

for (const { lng, members, jobs, tickets, disputes, monitoring, day, labour, common } of langs) {
  test(`a success message is announced: the live region is empty when the page loads and gets the message after (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.addInitScript(watchFlash);
    await staff.goto("/admin/monitoring");
    await staff.getByRole("button", { name: monitoring.settings.save }).click();
    await expect(staff.locator(".flash[role=status]")).toHaveText(monitoring.flash.thresholdsSaved);
    const log = () => staff.evaluate(() => (window as unknown as { flashLog: string[] }).flashLog);
    // Screen readers announce a change to a live region, not what it held at load (decision 035).
    await expect.poll(log).toContain(`added:${monitoring.flash.thresholdsSaved}`);
    const entries = await log();
    expect(entries).toContain("loaded:");
    expect(entries.lastIndexOf(`added:${monitoring.flash.thresholdsSaved}`)).toBeGreaterThan(entries.indexOf("loaded:"));
    await staff.context().close();

    // Without JavaScript the message is in the page as the server wrote it.
    const noScript = await signIn(browser, "staff@demo.test", lng, { javaScriptEnabled: false });
    await noScript.goto("/admin/monitoring");
    await noScript.getByRole("button", { name: monitoring.settings.save }).click();
    await expect(noScript.locator(".flash[role=status]")).toHaveText(monitoring.flash.thresholdsSaved);
    await noScript.context().close();
  });

  test(`saving an enterprise's record, running the membership check, recording a legal service and setting a calendar day say so (${lng})`, async ({
    browser,
  }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    const flash = staff.locator(".flash[role=status]");
    await staff.goto("/members/1");
    await staff.locator("button[value=update]").click();
    await expect(staff).toHaveURL(/\/members\/1$/);
    await expect(flash).toHaveText(members.flash.update);

    // The membership check says what it did, with its counts.
    await staff.goto("/members");
    await staff.locator("summary", { hasText: members.sweep.run }).click();
    await staff.getByRole("button", { name: members.sweep.confirm }).click();
    await expect(staff).toHaveURL(/\/members$/);
    const counts = new RegExp(
      `^${members.flash.swept
        .split(/\{\{\w+\}\}/)
        .map(escapeRegExp)
        .join("\\d+")}$`,
    );
    await expect(flash).toHaveText(counts);

    await staff.goto("/disputes/legal");
    const record = staff.getByRole("form", { name: disputes.legal.recordTitle });
    await record.getByLabel(disputes.legal.heldOn, { exact: true }).fill("2026-11-20");
    await record.getByLabel(disputes.legal.enterprise, { exact: true }).fill("1");
    await record.getByLabel(disputes.legal.provider, { exact: true }).fill(lng === "en" ? "E2E law firm" : "端到端律师事务所");
    await record.getByLabel(disputes.legal.topic, { exact: true }).fill(lng === "en" ? "Contract check" : "合同体检");
    await record.getByRole("button", { name: disputes.legal.record }).click();
    await expect(staff).toHaveURL(/\/disputes\/legal$/);
    await expect(flash).toHaveText(disputes.flash.legalRecorded);
    await staff.context().close();

    const admin = await signIn(browser, "admin@demo.test", lng);
    await admin.goto("/admin/tickets");
    await admin.getByLabel(tickets.admin.day, { exact: true }).fill(day);
    await admin.getByLabel(tickets.admin.name, { exact: true }).fill("E2E");
    await admin.getByRole("button", { name: tickets.admin.setDay }).click();
    await expect(admin.locator(".flash[role=status]")).toHaveText(withValues(tickets.flash.daySet, { day }));
    const row = admin.locator("tbody tr", { hasText: day });
    await row.locator("summary").click();
    await row.locator(".confirm__box button[value=removeDay]").click();
    await expect(admin.locator(".flash[role=status]")).toHaveText(withValues(tickets.flash.dayRemoved, { day }));
    await expect(admin.locator("tbody tr", { hasText: day })).toHaveCount(0);
    await admin.context().close();
  });

  test(`approving a membership application says so (${lng}), once`, async ({ browser, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    const name = await applyToJoin(api, baseURL!);
    await api.dispose();

    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto("/members/applications");
    await staff.getByRole("link", { name }).click();
    await staff.locator("summary", { hasText: members.applications.approve }).click();
    await staff.getByRole("button", { name: members.applications.approveConfirm }).click();
    await expect(staff).toHaveURL(/\/members\/\d+$/);
    const status = staff.locator(".flash[role=status]");
    await expect(status).toHaveAttribute("aria-live", "polite");
    await expect(status).toHaveText(members.flash.approved);
    // The message belongs to that page: the next page does not repeat it.
    await staff.goto("/members/applications");
    await expect(staff.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(staff.locator(".flash")).toHaveText("");
    await staff.context().close();
  });

  test(`applying for a job says so (${lng})`, async ({ browser }) => {
    const seeker = await signIn(browser, "seeker@demo.test", lng);
    await seeker.goto("/jobs");
    const links = await seeker
      .locator('a[href^="/jobs/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!).filter((h) => /^\/jobs\/\d+$/.test(h)))]);
    let applied = false;
    for (const href of links) {
      await seeker.goto(href);
      const apply = seeker.getByRole("button", { name: jobs.detail.apply, exact: true });
      if (!(await apply.isVisible())) continue;
      await apply.click();
      await expect(seeker.locator(".flash[role=status]")).toHaveText(jobs.flash.applied);
      await expect(seeker.getByText(jobs.detail.appliedAlready)).toBeVisible();
      applied = true;
      break;
    }
    expect(applied, "an open posting the demo seeker has not applied to").toBe(true);
    // A client-side navigation (no full reload) leaves the message behind.
    await seeker.getByRole("link", { name: jobs.detail.seeMyApplications }).click();
    await expect(seeker).toHaveURL(/\/jobs\/applications$/);
    await expect(seeker.locator(".flash")).toHaveText("");
    await seeker.context().close();
  });

  test(`a labour placement, closing a post and marking notices read say so (${lng})`, async ({ browser }) => {
    test.setTimeout(120_000);
    // A period of its own, far ahead, so the two new posts find each other among the suggestions.
    const year = 2040 + Math.floor(Math.random() * 50);
    const period: [string, string] = [`${year}-03-01`, `${year}-03-31`];
    const lender = await signIn(browser, "member@demo.test", lng);
    const surplus = await publishLabourPost(lender, labour, "surplus", period);
    const borrower = await signIn(browser, "rep@demo.test", lng);
    const shortage = await publishLabourPost(borrower, labour, "shortage", period);

    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto(surplus);
    const row = staff.getByRole("row").filter({ has: staff.locator(`a[href="${shortage}"]`) });
    await row.locator("summary", { hasText: labour.detail.record }).click();
    // One of the two: a post that is filled closes by itself, and this one is closed by hand below.
    await row.getByLabel(labour.detail.placedHeadcount).fill("1");
    await row.getByRole("button", { name: labour.detail.recordConfirm, exact: true }).click();
    await expect(staff).toHaveURL(new RegExp(`${surplus}$`));
    await expect(staff.locator(".flash[role=status]")).toHaveText(labour.flash.placed);
    await staff.context().close();

    // The enterprise that was short closes its post.
    await borrower.goto(shortage);
    await borrower.locator("summary", { hasText: labour.detail.close }).click();
    await borrower.getByRole("button", { name: labour.detail.closeConfirm, exact: true }).click();
    await expect(borrower.locator(".flash[role=status]")).toHaveText(labour.flash.closed);
    await borrower.context().close();

    // The lender was notified of the placement and marks its notices read.
    await lender.goto("/notifications");
    await lender.getByRole("button", { name: common.notifications.markAllRead }).click();
    await expect(lender).toHaveURL(/\/notifications$/);
    await expect(lender.locator(".flash[role=status]")).toHaveText(common.flash.allRead);
    await expect(lender.getByText(common.notifications.unread, { exact: true })).toHaveCount(0);
    // The lender's post is still open: close it too, so later runs do not meet it.
    await lender.goto(surplus);
    await lender.locator("summary", { hasText: labour.detail.close }).click();
    await lender.getByRole("button", { name: labour.detail.closeConfirm, exact: true }).click();
    await expect(lender.locator(".flash[role=status]")).toHaveText(labour.flash.closed);
    await lender.context().close();
  });
}
