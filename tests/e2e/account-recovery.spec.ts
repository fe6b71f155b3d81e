import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// Each test makes its own seeker: the shared demo accounts are not changed.
const mailDir = path.resolve(import.meta.dirname, `../.tmp/e2e-mail-${Number(process.env.E2E_PORT ?? 3210)}`);
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const randomMobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

const words = {
  "zh-CN": {
    name: "姓名",
    email: "电子邮箱",
    phone: "手机号码",
    password: "密码",
    confirm: "确认密码",
    signUp: "注册",
    signOut: "退出",
    identifier: "电子邮箱或手机号",
    signIn: "登录",
    forgot: "忘记密码？",
    sendLink: "发送重设链接",
    sent: "如果该邮箱有对应的账号",
    newPassword: "新密码",
    again: "再次输入新密码",
    setPassword: "设置新密码",
    done: "密码已重设",
    unusable: "链接无法使用",
  },
  en: {
    name: "Name",
    email: "Email",
    phone: "Mobile phone",
    password: "Password",
    confirm: "Confirm password",
    signUp: "Sign up",
    signOut: "Sign out",
    identifier: "Email or mobile number",
    signIn: "Sign in",
    forgot: "Forgot your password?",
    sendLink: "Send the link",
    sent: "If an account exists for that address",
    newPassword: "New password",
    again: "New password again",
    setPassword: "Set the new password",
    done: "Your password has been reset",
    unusable: "This link cannot be used",
  },
} as const;
type Lng = keyof typeof words;

/** Waits until the page script has run (the page is not hydrated: decision 034). */
const hydrated = (page: Page) => expect(page.locator("html[data-enhanced]")).toHaveCount(1);

async function registerSeeker(page: Page, lng: Lng, email: string, phone: string, password: string) {
  const w = words[lng];
  await page.goto(`/register?lng=${lng}`);
  await hydrated(page);
  await page.getByLabel(w.name).fill(lng === "en" ? "Reset Tester" : "重设测试");
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.phone).fill(phone);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await page.getByLabel(w.confirm).fill(password);
  await page.getByRole("button", { name: w.signUp }).click();
  await page.getByRole("button", { name: w.signOut }).click();
  await expect(page.getByRole("link", { name: w.signIn }).first()).toBeVisible();
}

/** The text of a raw single-part message, its transfer encoding undone (nodemailer picks base64 or quoted-printable). */
function bodyOf(raw: string): string {
  const split = raw.indexOf("\r\n\r\n");
  const [headers, body] = [raw.slice(0, split), raw.slice(split + 4)];
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, "%25"));
  }
  return body;
}

/** The reset link of the latest email to `to`, as the recipient reads it. */
async function resetLinkMailedTo(to: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const mails = readdirSync(mailDir)
          .sort()
          .map((f) => JSON.parse(readFileSync(path.join(mailDir, f), "utf8")) as { to: string; data: string })
          .filter((m) => m.to === to);
        const text = bodyOf(mails.at(-1)?.data ?? "");
        link = text.match(/https?:\/\/[^\s]+\/reset-password\/[A-Za-z0-9_-]+/)?.[0];
        return Boolean(link);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return new URL(link!).pathname;
}

for (const lng of ["zh-CN", "en"] as const) {
  test(`password reset end to end through the emailed link (${lng})`, async ({ page }) => {
    const w = words[lng];
    const email = `reset-${stamp()}@e2e.test`;
    await registerSeeker(page, lng, email, randomMobile(), "first-password-1");

    await page.goto(`/login?lng=${lng}`);
    await page.getByRole("link", { name: w.forgot }).click();
    await hydrated(page);
    await page.getByLabel(w.email).fill(email);
    await page.getByRole("button", { name: w.sendLink }).click();
    await expect(page.getByText(w.sent)).toBeVisible();
    // An address without an account gets the very same page.
    await page.goto(`/forgot-password?lng=${lng}`);
    await hydrated(page);
    await page.getByLabel(w.email).fill(`nobody-${stamp()}@e2e.test`);
    await page.getByRole("button", { name: w.sendLink }).click();
    await expect(page.getByText(w.sent)).toBeVisible();

    const link = await resetLinkMailedTo(email);
    await page.goto(link);
    await hydrated(page);
    await page.getByLabel(w.newPassword, { exact: true }).fill("second-password-2");
    await page.getByLabel(w.again).fill("second-password-2");
    await page.getByRole("button", { name: w.setPassword }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText(w.done)).toBeVisible();

    await page.getByLabel(w.identifier).fill(email);
    await page.getByLabel(w.password, { exact: true }).fill("second-password-2");
    await page.getByRole("button", { name: w.signIn, exact: true }).click();
    await expect(page.getByRole("button", { name: w.signOut })).toBeVisible();

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: w.unusable })).toBeVisible();
  });

  test(`sign-in by mobile number (${lng})`, async ({ page }) => {
    const w = words[lng];
    const phone = randomMobile();
    await registerSeeker(page, lng, `phone-${stamp()}@e2e.test`, phone, "phone-password-1");
    await page.goto(`/login?lng=${lng}`);
    await page.getByLabel(w.identifier).fill(`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`);
    await page.getByLabel(w.password, { exact: true }).fill("phone-password-1");
    await page.getByRole("button", { name: w.signIn, exact: true }).click();
    await expect(page.getByRole("button", { name: w.signOut })).toBeVisible();
  });
}
