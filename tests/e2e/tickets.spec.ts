import { expect, test } from "@playwright/test";
import zh from "../../app/locales/zh-CN/tickets.json" with { type: "json" };
import en from "../../app/locales/en/tickets.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { signIn } from "./support";

const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth, taxBureau: "国家税务总局瑞安市税务局" },
  { lng: "en", t: en, auth: enAuth, taxBureau: "Tax Bureau" },
] as const;

for (const { lng, t, taxBureau } of langs) {
  test(`the closed loop in ${lng}: member submits with an attachment, staff refer, the department answers in /inbox, staff resolve, the member rates`, async ({
    browser,
  }) => {
    const title = `${lng === "en" ? "Mould supply" : "模具供应"} e2e ${Date.now()}`;
    const status = (s: keyof typeof t.status) => t.status[s];

    // The member submits, with a PDF.
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto("/tickets/new");
    await member.getByLabel(t.new.category).selectOption({ label: t.category.supply_chain });
    await member.getByLabel(t.new.titleField).fill(title);
    await member.getByLabel(t.new.description).fill(lng === "en" ? "Our mould maker moved away; lead times doubled." : "配套模具厂外迁，加工周期翻倍。");
    await member
      .getByLabel(t.new.attachments)
      .setInputFiles({ name: "quote.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% e2e\n%%EOF\n") });
    await member.getByRole("button", { name: t.new.submit }).click();
    await expect(member).toHaveURL(/\/tickets\/\d+$/);
    await expect(member.locator(".flash[role=status]")).toHaveText(t.flash.created);
    const url = new URL(member.url()).pathname;
    await expect(member.getByRole("heading", { level: 1 })).toContainText(title);
    await expect(member.locator(".page-header").getByText(status("submitted"))).toBeVisible();
    const download = member.waitForEvent("download");
    await member.getByRole("link", { name: /quote\.pdf/ }).click();
    expect((await download).suggestedFilename()).toBe("quote.pdf");

    // Staff accept and refer to the tax bureau.
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto(url);
    const accept = staff.getByRole("form", { name: t.actions.acceptTitle });
    await accept.getByLabel(t.actions.handler).selectOption({ index: 1 });
    await accept.getByRole("button", { name: t.actions.accept }).click();
    await expect(staff.locator(".page-header").getByText(status("accepted"))).toBeVisible();
    const refer = staff.getByRole("form", { name: t.actions.referTitle });
    await refer.getByLabel(t.actions.referDepartment).selectOption({ label: taxBureau });
    await refer.getByRole("button", { name: t.actions.refer }).click();
    await expect(staff.locator(".page-header").getByText(status("referred"))).toBeVisible();

    // The tax bureau's liaison finds it in /inbox and answers.
    const dept = await signIn(browser, "dept@demo.test", lng);
    await dept.goto("/inbox");
    await dept.getByRole("link", { name: title }).click();
    const answer = dept.getByRole("form", { name: t.actions.answerTitle });
    await answer.getByLabel(t.actions.answerField).fill(lng === "en" ? "We will introduce two mould makers next week." : "下周对接两家模具企业。");
    await answer.getByRole("button", { name: t.actions.answer }).click();
    await expect(dept.locator(".page-header").getByText(status("answered"))).toBeVisible();

    // Staff confirm and resolve.
    await staff.reload();
    const resolve = staff.getByRole("form", { name: t.actions.resolveTitle });
    await resolve.getByLabel(t.actions.outcome).fill(lng === "en" ? "Two mould makers introduced." : "已对接两家模具企业。");
    await resolve.getByRole("button", { name: t.actions.resolve }).click();
    await expect(staff.locator(".page-header").getByText(status("resolved"))).toBeVisible();

    // The member rates it and it closes; the timeline shows every step.
    await member.reload();
    const rate = member.getByRole("form", { name: t.actions.rateTitle });
    await rate.getByLabel(t.actions.rating).selectOption("5");
    await rate.getByRole("button", { name: t.actions.rate }).click();
    await expect(member.locator(".page-header").getByText(status("closed"))).toBeVisible();
    const timeline = member.locator(".timeline");
    for (const step of [t.event.submitted, t.event.accepted, t.event.answered, t.event.resolved, t.event.rated, t.event.closed]) {
      await expect(timeline.getByText(step, { exact: true }).first()).toBeVisible();
    }
    await member.context().close();
    await staff.context().close();
    await dept.context().close();
  });
}

test("the reports show the source's figures", async ({ browser }) => {
  const staff = await signIn(browser, "staff@demo.test", "zh-CN");
  await staff.goto("/reports");
  const figure = (name: string) => staff.locator(`[data-figure="${name}"] .stat__value`);
  await expect(figure("chambersVisited")).toHaveText("38");
  // 188 seeded; the monitoring journey opens a visit from a flag, so at least.
  expect(Number(await figure("enterprisesVisited").textContent())).toBeGreaterThanOrEqual(188);
  await expect(figure("complaintsResolved")).toHaveText("37");
  // One definition per figure, with its period, stated under the figures.
  await expect(staff.locator('[data-figure="definitions"]')).toContainText(`以上数字均为 ${new Date().getFullYear()} 年`);
  await expect(staff.locator('[data-figure="definitions"]')).toContainText("当年受理 37 件，其中已办结 37 件");
  // Seeded problems are 31 and 22; e2e runs add their own, so at least.
  expect(Number(await figure("collected").textContent())).toBeGreaterThanOrEqual(31);
  expect(Number(await figure("resolved").textContent())).toBeGreaterThanOrEqual(22);
  // The staff lead sees the escalated referral on the queue.
  await staff.goto("/tickets");
  await expect(staff.getByRole("heading", { name: zh.list.escalationsTitle })).toBeVisible();
  await staff.getByLabel(zh.list.search).fill("发票");
  await staff.getByRole("button", { name: zh.list.apply }).click();
  await expect(staff.getByRole("link", { name: "发票开具问题", exact: true })).toBeVisible();
  await staff.context().close();
});

test("a refused attachment is explained and what was typed stays", async ({ browser }) => {
  const member = await signIn(browser, "member@demo.test", "zh-CN");
  await member.goto("/tickets/new");
  const title = `附件被拒 e2e ${Date.now()}`;
  await member.getByLabel(zh.new.category).selectOption({ label: zh.category.other });
  await member.getByLabel(zh.new.titleField).fill(title);
  await member.getByLabel(zh.new.description).fill("附件不是 PDF。");
  // Named .pdf, but the bytes are a web page: refused by its content, nothing recorded.
  await member
    .getByLabel(zh.new.attachments)
    .setInputFiles({ name: "报价.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await member.getByRole("button", { name: zh.new.submit }).click();
  await expect(member.getByText(zh.errors.fileType).first()).toBeVisible();
  await expect(member).toHaveURL(/\/tickets\/new$/);
  await expect(member.getByLabel(zh.new.titleField)).toHaveValue(title);
  await expect(member.getByLabel(zh.new.description)).toHaveValue("附件不是 PDF。");
  await member.context().close();
});
