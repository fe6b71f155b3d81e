import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { demoEmail, signIn as signInOverHttp } from "../access/http";
import { SOURCE } from "../access/walk";

export const DEMO_PASSWORD = "yunjiang-demo";
export type Lng = "zh-CN" | "en";

export type SignInOptions = BrowserContextOptions & {
  /** Another account's password (one a test has just set); the demo password by default. */
  password?: string;
  /** Where the login form sends the user (its `next`), when the role's home page belongs to another area. */
  next?: string;
};

/** Signs a demo account in through the real form, in a new browser context of that language. */
export async function signIn(browser: Browser, email: string, lng: Lng, options: SignInOptions = {}): Promise<Page> {
  const { password, next, ...contextOptions } = options;
  const context = await browser.newContext({ locale: lng === "en" ? "en-GB" : "zh-CN", ...contextOptions });
  const page = await context.newPage();
  await signInOn(page, email, lng, { password, next });
  return page;
}

/** The same, on a page already open (a context the test set up itself). */
export async function signInOn(page: Page, email: string, lng: Lng, options: { password?: string; next?: string } = {}): Promise<void> {
  const auth = lng === "en" ? enAuth : zhAuth;
  await page.goto(`/login?${new URLSearchParams({ lng, ...(options.next ? { next: options.next } : {}) })}`);
  await page.getByLabel(auth.login.email).fill(email);
  await page.getByLabel(auth.login.password, { exact: true }).fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: auth.login.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Staff's session without the form, for specs about other pages: signed in over HTTP from the a11y
 * walk's own address (so the login throttle of the address the browser uses is left alone), the cookie
 * handed to the page's context.
 */
export async function signInAsStaff(page: Page, baseURL: string): Promise<void> {
  const cookie = await signInOverHttp(baseURL, demoEmail.staff, DEMO_PASSWORD, SOURCE.a11y);
  const [name, ...value] = cookie.split(";")[0].split("=");
  await page.context().addCookies([{ name, value: value.join("="), url: baseURL }]);
}
