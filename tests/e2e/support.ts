import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };

export const DEMO_PASSWORD = "yunjiang-demo";
export type Lng = "zh-CN" | "en";

/** Signs a demo account in through the real form, in a new browser context of that language. */
export async function signIn(browser: Browser, email: string, lng: Lng, options: BrowserContextOptions = {}): Promise<Page> {
  const auth = lng === "en" ? enAuth : zhAuth;
  const context = await browser.newContext({ locale: lng === "en" ? "en-GB" : "zh-CN", ...options });
  const page = await context.newPage();
  await page.goto(`/login?lng=${lng}`);
  await page.getByLabel(auth.login.email).fill(email);
  await page.getByLabel(auth.login.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: auth.login.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}
