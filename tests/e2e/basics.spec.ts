import { expect, test } from "@playwright/test";

test("the home page shows the source's figures in Chinese and switches to English", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("企业服务，一站办理");
  await expect(page.locator(".stat").filter({ hasText: "研究中心会员企业" }).locator(".stat__value")).toHaveText("179");
  await expect(page.locator(".stat").filter({ hasText: "其中规上企业" }).locator(".stat__value")).toHaveText("21");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Services for enterprises, in one place");
  // The choice sticks through the cookie.
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await page.goto("/login?lng=zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
});

test("a seeker registers, is signed in, and signs out", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("姓名").fill("测试求职者");
  await page.getByLabel("电子邮箱").fill(`seeker-${Date.now()}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByLabel("密码", { exact: true }).fill("short");
  await page.getByLabel("确认密码").fill("short");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("密码至少 8 个字符").first()).toBeVisible();
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText("测试求职者 · 求职者")).toBeVisible();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});
