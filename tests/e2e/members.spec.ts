import { expect, test, type Page } from "@playwright/test";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { signInOn } from "./support";

async function signOut(page: Page) {
  await page.getByRole("button", { name: /退出|Sign out/ }).click();
  await expect(page.getByRole("link", { name: /^(登录|Sign in)$/ })).toBeVisible();
}

function unique() {
  return (Date.now() % 100_000_000) + Math.floor(Math.random() * 1000) * 100_000_000;
}

test("an enterprise applies at /join, staff approve, and the new member signs in to /my", async ({ page }) => {
  const n = unique();
  const name = `瑞安市端到端${n}鞋业有限公司`;
  const email = `join-${n}@e2e.test`;
  await page.goto("/join?lng=zh-CN");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请入会");
  await page.getByRole("combobox", { name: "申请加入的组织" }).selectOption({ label: "瑞安市云江注塑鞋研究中心" });
  await page.getByRole("textbox", { name: "企业名称" }).fill(name);
  // A code with a wrong check character is refused with a message that says so.
  const code = generateCreditCode(n);
  await page.getByRole("textbox", { name: "统一社会信用代码" }).fill(code.slice(0, 17) + (code[17] === "0" ? "1" : "0"));
  await page.getByRole("textbox", { name: "法定代表人" }).fill("端到端");
  await page.getByRole("textbox", { name: "地址" }).fill("瑞安市云江路100号");
  await page.getByRole("textbox", { name: "所在村（社区）" }).fill("云江村");
  await page.getByRole("combobox", { name: "产业环节" }).selectOption("soles");
  await page.getByRole("spinbutton", { name: "年产值（万元）" }).fill("1500");
  await page.getByRole("spinbutton", { name: "员工人数" }).fill("60");
  await page.getByRole("spinbutton", { name: "出口占比（%）" }).fill("30");
  await page.getByRole("textbox", { name: "联系人" }).fill("端到端");
  await page.getByRole("textbox", { name: "联系电话" }).fill("13812340000");
  await page.getByRole("textbox", { name: "您的姓名" }).fill("端到端经理");
  await page.getByRole("textbox", { name: "登录邮箱" }).fill(email);
  await page.getByLabel("登录密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码", { exact: true }).fill("long-enough-password");
  // Nothing optional in the public directory: every box unticked is a valid choice.
  const shown = page.getByRole("group", { name: "在会员名录中公开的信息" }).getByRole("checkbox");
  for (const box of await shown.all()) await box.uncheck();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("末位校验码须与前 17 位相符").first()).toBeVisible();
  // The typed fields come back; passwords are never sent back, and the form says so.
  await expect(page.getByRole("textbox", { name: "企业名称" })).toHaveValue(name);
  await expect(page.getByText("为了安全，填写的密码不会保留，请重新输入。")).toBeVisible();
  await page.getByLabel("登录密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码", { exact: true }).fill("long-enough-password");
  await page.getByRole("textbox", { name: "统一社会信用代码" }).fill(code.toLowerCase());
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.locator(".flash[role=status]")).toHaveText("入会申请已提交，审核结果将通过通知告知您。");
  await expect(page.getByText(`${name} 的入会申请待审核`)).toBeVisible();
  await signOut(page);

  await signInOn(page, "staff@demo.test", "zh-CN");
  await page.goto("/members/applications");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.locator("summary", { hasText: "通过申请" }).click();
  await page.getByRole("button", { name: "确认通过" }).click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(email)).toBeVisible();
  await signOut(page);

  await signInOn(page, email, "zh-CN", { password: "long-enough-password" });
  await page.goto("/my");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.locator(".my-memberships .badge").getByText("有效", { exact: true })).toBeVisible();
  await expect(page.getByText("会费即将到期，请按时缴纳").or(page.getByText("无需操作"))).toBeVisible();
  // The member edits the contact details of its own enterprise.
  await page.getByRole("link", { name }).click();
  await page.getByRole("textbox", { name: "联系人" }).fill("新联系人");
  const listed = page.getByRole("group", { name: "在会员名录中公开的信息" }).getByRole("checkbox");
  await listed.first().check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("联系方式已保存。");
  // …and withdraws every optional field from the directory again.
  for (const box of await listed.all()) await box.uncheck();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("联系方式已保存。");
  await page.reload();
  for (const box of await listed.all()) await expect(box).not.toBeChecked();
  // A name change goes to the association for review; the page says it was sent.
  await page.getByRole("textbox", { name: "新的企业名称" }).fill(`${name}（更名）`);
  await page.getByRole("button", { name: "提交变更申请" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("变更申请已提交，请等待协会审核。");
  await expect(page.getByRole("button", { name: "提交变更申请" })).toBeDisabled();
});

test("a member gets 404 on another enterprise's record and 403 on the staff pages", async ({ page }) => {
  await signInOn(page, "member@demo.test", "zh-CN");
  const other = await page.goto("/my/enterprises/2");
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到该页面");
  const own = await page.goto("/my/enterprises/1");
  expect(own?.status()).toBe(200);
  const staffList = await page.goto("/members");
  expect(staffList?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  expect((await page.goto("/members/2"))?.status()).toBe(403);
});

test("staff get 404 for an enterprise that does not exist, and filter the list", async ({ page }) => {
  await signInOn(page, "staff@demo.test", "zh-CN");
  expect((await page.goto("/members/999999"))?.status()).toBe(404);
  await page.goto("/members");
  await page.waitForLoadState("networkidle");
  await page.getByRole("searchbox", { name: "名称或信用代码" }).fill("鞋业");
  await page.getByRole("combobox", { name: "产业环节" }).selectOption("finished_shoes");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/q=%E9%9E%8B%E4%B8%9A/);
  const names = await page.locator("tbody tr td:first-child a").allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toContain("鞋业");
});

test("the /join page switches language and keeps the check-character message in both", async ({ page }) => {
  await page.goto("/join?lng=zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请入会");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apply for membership");
  // The check-character message comes from the server's validation (the page is not hydrated).
  await page.getByRole("textbox", { name: "Unified social credit code" }).fill("91330381MA29795C10");
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("its check character (the last one) must match").first()).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Unified social credit code" })).toHaveValue("91330381MA29795C10");
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请入会");
});

test("staff import a CSV: a bad row rejects the file with its line, a good file imports, and the list exports", async ({ page }) => {
  const { IMPORT_COLUMNS } = await import("../../app/modules/members/csv-columns");
  const n = unique();
  const row = (i: number, code: string) =>
    [
      `瑞安市导入${n}-${i}鞋材有限公司`,
      code,
      "陈导入",
      "瑞安市导入路",
      "云江村",
      "materials",
      "否",
      "300",
      "12",
      "0",
      "陈导入",
      "13900001111",
      "",
      "yunjiang",
      "member",
    ].join(",");
  const good1 = generateCreditCode(n + 1);
  const good2 = generateCreditCode(n + 2);
  const bad = generateCreditCode(n + 3).slice(0, 17) + (generateCreditCode(n + 3).endsWith("0") ? "1" : "0");
  await signInOn(page, "staff@demo.test", "zh-CN");
  await page.goto("/members/import");
  await page
    .getByLabel("CSV 文件")
    .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${IMPORT_COLUMNS.join(",")}\n${row(1, good1)}\n${row(2, bad)}\n`) });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.getByText("文件未导入：发现 1 处问题")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "第 3 行" })).toContainText("末位校验码");
  await page
    .getByLabel("CSV 文件")
    .setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(`${IMPORT_COLUMNS.join(",")}\n${row(1, good1)}\n${row(2, good2)}\n`) });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("已导入 2 家企业。");
  const response = await page.request.get(`/members/export?q=${encodeURIComponent(`导入${n}`)}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const body = (await response.body()).toString("utf8");
  expect(body.startsWith("\uFEFF")).toBe(true);
  expect(body.trim().split("\r\n")).toHaveLength(3);
  expect(body).toContain(good2);

  // The same columns under their Chinese names, as a spreadsheet made by hand would have them.
  const { CHINESE_COLUMN_NAMES } = await import("../../app/modules/members/csv-columns");
  const good3 = generateCreditCode(n + 4);
  await expect(page.getByText("name / 企业名称").first()).toBeVisible();
  await page.getByLabel("CSV 文件").setInputFiles({
    name: "中文列名.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${IMPORT_COLUMNS.map((c) => CHINESE_COLUMN_NAMES[c]).join(",")}\n${row(3, good3)}\n`),
  });
  await page.getByRole("button", { name: "导入" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("已导入 1 家企业。");
});

test("staff reject an application with a reason, and the applicant sees it on /my", async ({ page }) => {
  const n = unique();
  const name = `瑞安市驳回${n}鞋业有限公司`;
  const email = `reject-${n}@e2e.test`;
  await page.goto("/join?lng=zh-CN");
  await page.waitForLoadState("networkidle");
  await page.getByRole("combobox", { name: "申请加入的组织" }).selectOption({ label: "瑞安市工商联" });
  await page.getByRole("textbox", { name: "企业名称" }).fill(name);
  await page.getByRole("textbox", { name: "统一社会信用代码" }).fill(generateCreditCode(n));
  await page.getByRole("textbox", { name: "法定代表人" }).fill("驳回");
  await page.getByRole("textbox", { name: "地址" }).fill("瑞安市驳回路1号");
  await page.getByRole("textbox", { name: "所在村（社区）" }).fill("云江村");
  await page.getByRole("combobox", { name: "产业环节" }).selectOption("moulds");
  await page.getByRole("textbox", { name: "联系人" }).fill("驳回");
  await page.getByRole("textbox", { name: "联系电话" }).fill("0577-65123456");
  await page.getByRole("textbox", { name: "您的姓名" }).fill("驳回经理");
  await page.getByRole("textbox", { name: "登录邮箱" }).fill(email);
  await page.getByLabel("登录密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码", { exact: true }).fill("long-enough-password");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/my$/);
  await signOut(page);

  await signInOn(page, "staff@demo.test", "zh-CN");
  await page.goto("/members/applications");
  await page.getByRole("link", { name }).click();
  await page.locator("summary", { hasText: "驳回申请" }).click();
  // The reason is required (the browser stops an empty one; the server refuses it with 400 too).
  await expect(page.getByRole("textbox", { name: "原因" })).toHaveAttribute("required", "");
  await page.getByRole("textbox", { name: "原因" }).fill("营业执照与申请资料不符");
  await page.getByRole("button", { name: "确认驳回" }).click();
  await expect(page.getByText("已驳回：营业执照与申请资料不符")).toBeVisible();
  await signOut(page);

  await signInOn(page, email, "zh-CN", { password: "long-enough-password" });
  await page.goto("/my");
  await expect(page.getByText(`${name} 的入会申请未通过`)).toBeVisible();
  await expect(page.getByText("原因：营业执照与申请资料不符")).toBeVisible();
});
