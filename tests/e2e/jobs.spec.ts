import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { signInOn } from "./support";

test("a visitor browses, filters and searches jobs, registers, applies; the enterprise reaches an intent; the seeker sees it", async ({ page, browser }) => {
  // Browse and filter without an account: the filters land in a shareable URL.
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "招聘岗位" })).toBeVisible();
  await expect(page.getByRole("list", { name: "岗位列表" }).getByRole("listitem")).toHaveCount(20);
  await page.getByLabel("工作性质").selectOption("internship");
  await page.getByLabel("排序").selectOption("salary");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/type=internship/);
  await expect(page).toHaveURL(/sort=salary/);
  const internships = page.getByRole("list", { name: "岗位列表" }).getByRole("listitem");
  await expect(internships.first()).toContainText("实习");
  for (const text of await internships.allInnerTexts()) expect(text).toContain("实习");

  // Chinese search: 针车 finds 针车工.
  await page.getByRole("link", { name: "清除筛选" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByLabel("工作性质")).toHaveValue("");
  await page.getByLabel("关键词").fill("针车");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/q=%E9%92%88%E8%BD%A6/);
  const found = page.getByRole("list", { name: "岗位列表" }).getByRole("link", { name: "针车工", exact: true });
  await expect(found.first()).toBeVisible();
  // Waits for the filtered list (the unfiltered one has 针车工 too): no card without 针车 remains.
  await expect(page.locator(".jobs-card h2").filter({ hasNotText: "针车" })).toHaveCount(0);

  // The demo member's enterprise (id 1): its 针车工 posting, reached through a shared link.
  await page.goto(`/jobs?q=${encodeURIComponent("针车")}&enterprise=1`);
  await page.getByRole("link", { name: "针车工", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "针车工" })).toBeVisible();
  await expect(page.getByText("招聘中")).toBeVisible();
  const postingUrl = page.url();

  // Register as a seeker, come back, apply.
  await page.getByRole("link", { name: "注册求职者账号" }).click();
  const name = `求职者${Date.now().toString().slice(-6)}`;
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("电子邮箱").fill(`jobs-${Date.now()}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(`${name} · 求职者`)).toBeVisible();
  await page.goto(postingUrl);
  await page.getByLabel("给企业的留言").fill("我在职校学过平车，下个月可以到岗。");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("您已申请该岗位")).toBeVisible();
  await expect(page.locator(".badge", { hasText: "已投递" })).toBeVisible();

  // The enterprise moves the application step by step to intent reached.
  const employer = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const ep = await employer.newPage();
  await signInOn(ep, "member@demo.test", "zh-CN", { next: "/jobs/manage" });
  await ep.goto("/jobs/manage/applications");
  await ep.getByRole("link", { name }).click();
  await expect(ep.getByRole("heading", { level: 1, name: `${name} 的申请` })).toBeVisible();
  await expect(ep.getByText("我在职校学过平车")).toBeVisible();
  for (const step of ["已查看", "初选通过", "面试", "达成意向"]) {
    if (step === "面试") {
      // An interview names its time, place and contact (the seeker sees them and is notified).
      await ep.getByLabel("面试日期和时间").fill("2031-05-06T14:30");
      await ep.getByLabel("面试地点").fill("公司二楼会议室");
      await ep.getByLabel("联系人及电话").fill("人事部 0577-65123456");
      await ep.getByRole("button", { name: "发出面试邀请" }).click();
    } else {
      await ep.getByRole("button", { name: `推进到“${step}”` }).click();
    }
    await expect(ep.locator(".page-header .badge")).toHaveText(step);
  }
  await expect(ep.getByRole("button", { name: "推进到“已录用”" })).toBeVisible();
  await employer.close();

  // The seeker sees the new status, and was notified.
  await page.goto("/jobs/applications");
  const row = page.getByRole("row").filter({ hasText: "针车工" });
  await expect(row.locator(".badge")).toHaveText("达成意向");
  await expect(page.getByRole("link", { name: /通知（[1-9]\d* 条未读）/ })).toBeVisible();
});

test("an enterprise posts a job; staff hide it with a reason the enterprise sees", async ({ page, browser }) => {
  const title = `鞋底质检员${Date.now().toString().slice(-5)}`;
  await signInOn(page, "member@demo.test", "zh-CN", { next: "/jobs/manage" });
  await page.goto("/jobs/new");
  await page.getByLabel("岗位名称").fill(title);
  await page.getByLabel("招聘人数").fill("3");
  await page.getByLabel("月薪下限（元）").fill("9000");
  await page.getByLabel("月薪上限（元）").fill("6000");
  await page.getByLabel("工作地点").selectOption("仙降街道");
  await page.getByLabel("截止日期").fill("2099-12-31");
  await page.getByLabel("岗位职责与要求").fill("负责成品鞋抽检，记录检验数据。");
  await page.getByLabel("联系方式").fill("人事部 0577-65123456");
  await page.getByRole("button", { name: "发布岗位" }).click();
  await expect(page.getByText("月薪上限不能低于下限").first()).toBeVisible();
  await page.getByLabel("月薪上限（元）").fill("12000");
  await page.getByRole("button", { name: "发布岗位" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".flash[role=status]")).toHaveText("岗位已保存。");
  const url = page.url();

  const staff = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const sp = await staff.newPage();
  await signInOn(sp, "staff@demo.test", "zh-CN", { next: "/jobs/manage" });
  await sp.goto(url);
  await sp.locator("summary", { hasText: "下架岗位" }).click();
  await sp.getByRole("textbox", { name: /^下架原因/ }).fill("联系方式不完整，请补充后联系协会");
  await sp.getByRole("button", { name: "确定下架" }).click();
  await expect(sp.locator(".page-header .badge")).toHaveText("已下架");
  await staff.close();

  await page.goto("/jobs/manage");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("联系方式不完整，请补充后联系协会");
  const anonymous = await browser.newContext();
  const ap = await anonymous.newPage();
  const response = await ap.goto(url);
  expect(response?.status()).toBe(404);
  await anonymous.close();
});

test("an enterprise edits its posting; typed values survive an error; a hidden posting stays hidden after an edit", async ({ page, browser }) => {
  const stamp = Date.now().toString().slice(-5);
  const title = `鞋楦修整工${stamp}`;
  await signInOn(page, "member@demo.test", "zh-CN", { next: "/jobs/manage" });
  await page.goto("/jobs/new");
  await page.getByLabel("岗位名称").fill(title);
  await page.getByLabel("招聘人数").fill("2");
  await page.getByLabel("月薪下限（元）").fill("5000");
  await page.getByLabel("月薪上限（元）").fill("7000");
  await page.getByLabel("工作地点").selectOption("仙降街道");
  await page.getByLabel("截止日期").fill("2099-12-31");
  await page.getByLabel("岗位职责与要求").fill("修整鞋楦，保养模具。");
  await page.getByLabel("联系方式").fill("人事部 0577-65123456");
  await page.getByRole("button", { name: "发布岗位" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const url = page.url();

  // From the enterprise's list to the edit form, prefilled with what was posted.
  await page.goto("/jobs/manage");
  await page.getByRole("link", { name: `编辑 ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "编辑招聘岗位" })).toBeVisible();
  await expect(page.getByLabel("岗位名称")).toHaveValue(title);
  await expect(page.getByLabel("月薪上限（元）")).toHaveValue("7000");

  // A closing date in the past is refused by the server; what was typed stays in the form.
  const newTitle = `鞋楦修整师傅${stamp}`;
  await page.getByLabel("岗位名称").fill(newTitle);
  await page.getByLabel("月薪上限（元）").fill("8800");
  await page.getByLabel("截止日期").fill("2020-01-01");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("截止日期不能早于今天").first()).toBeVisible();
  await expect(page.getByLabel("岗位名称")).toHaveValue(newTitle);
  await expect(page.getByLabel("月薪上限（元）")).toHaveValue("8800");
  await page.getByLabel("截止日期").fill("2099-06-30");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByRole("heading", { level: 1, name: newTitle })).toBeVisible();
  await expect(page.locator(".flash[role=status]")).toHaveText("修改已保存。");
  await expect(page.getByText("5,000–8,800 元/月")).toBeVisible();

  // Staff hide it; the enterprise edits it again from the posting page: it stays hidden.
  const staff = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const sp = await staff.newPage();
  await signInOn(sp, "staff@demo.test", "zh-CN", { next: "/jobs/manage" });
  await sp.goto(url);
  await sp.locator("summary", { hasText: "下架岗位" }).click();
  await sp.getByRole("textbox", { name: /^下架原因/ }).fill("工资待核实");
  await sp.getByRole("button", { name: "确定下架" }).click();
  await expect(sp.locator(".page-header .badge")).toHaveText("已下架");
  await staff.close();

  await page.goto(url);
  await page.getByRole("link", { name: "编辑岗位" }).click();
  await expect(page.getByText("该岗位已被协会下架，原因：工资待核实。保存修改不会让它重新公开")).toBeVisible();
  await page.getByLabel("福利待遇").fill("包吃住，五险一金");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("修改已保存。");
  await expect(page.locator(".page-header .badge")).toHaveText("已下架");
  await expect(page.getByText("包吃住，五险一金")).toBeVisible();
  const anonymous = await browser.newContext();
  const response = await (await anonymous.newPage()).goto(url);
  expect(response?.status()).toBe(404);
  await anonymous.close();
});

test("an enterprise exports the applications it sees, with the list's filter, as a UTF-8 CSV", async ({ page }) => {
  await signInOn(page, "member@demo.test", "zh-CN", { next: "/jobs/manage" });
  await page.goto("/jobs/manage/applications");
  await page.getByLabel("状态").selectOption("applied");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=applied/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^applications-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = Papa.parse<string[]>(bytes.toString("utf8").slice(1), { skipEmptyLines: true }).data;
  expect(header.slice(0, 4)).toEqual(["申请编号", "岗位", "招聘企业", "求职者"]);
  expect(rows.length).toBeGreaterThan(0);
  // Only the filtered status, only the member's own enterprise, every seeker named (other tests
  // running beside this one move applications along, so no particular one is expected here).
  for (const row of rows) expect([row[10], row[2]]).toEqual(["已投递", rows[0][2]]);
  for (const row of rows) expect(row[3].length).toBeGreaterThan(0);
});

test("a seeker uploads a résumé (a disguised file is refused); the enterprise applied to downloads it", async ({ page, browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const name = `简历测试${stamp}`;
  await page.goto("/register");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("电子邮箱").fill(`resume-${stamp}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(`${name} · 求职者`)).toBeVisible();

  await page.goto("/jobs/profile");
  await page.getByLabel("毕业学校").fill("瑞安市职业中等专业学校");
  // A web page renamed to .pdf: refused by its first bytes, the typed school kept.
  await page
    .getByLabel("简历文件")
    .setInputFiles({ name: "简历.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("只接受 PDF 或 Word").first()).toBeVisible();
  await expect(page.getByLabel("毕业学校")).toHaveValue("瑞安市职业中等专业学校");
  const pdf = Buffer.from(`%PDF-1.4\n${name} 的简历\n%%EOF\n`);
  await page.getByLabel("简历文件").setInputFiles({ name: `${name}.pdf`, mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page).toHaveURL(/\/jobs\/profile$/);
  await expect(page.locator(".flash[role=status]")).toHaveText("资料已保存。");
  await expect(page.getByText(`已上传：${name}.pdf`)).toBeVisible();
  const own = await page.request.get("/jobs/resume/me");
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(name)}.pdf`);
  // (the server adds nosniff to every answer too, so the header may repeat it)
  expect(own.headers()["x-content-type-options"]).toMatch(/^nosniff(, nosniff)?$/);
  expect(own.headers()["content-security-policy"]).toContain("sandbox");
  expect(Buffer.from(await own.body())).toEqual(pdf);

  // Apply to the member's 针车工; the member downloads the résumé from the application.
  await page.goto(`/jobs?q=${encodeURIComponent("针车")}&enterprise=1`);
  await page.getByRole("link", { name: "针车工", exact: true }).first().click();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByText("您已申请该岗位")).toBeVisible();
  const employer = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const ep = await employer.newPage();
  await signInOn(ep, "member@demo.test", "zh-CN", { next: "/jobs/manage" });
  await ep.goto("/jobs/manage/applications");
  await ep.getByRole("link", { name }).click();
  const [download] = await Promise.all([ep.waitForEvent("download"), ep.getByRole("link", { name: "下载简历" }).click()]);
  expect(download.suggestedFilename()).toBe(`${name}.pdf`);
  expect(readFileSync(await download.path())).toEqual(pdf);
  await employer.close();
});
