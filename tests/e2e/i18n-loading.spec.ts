import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

function language(lng: string) {
  const dir = path.resolve(import.meta.dirname, "../../app/locales", lng);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, f), "utf8"))]),
  );
}
const zhCN = language("zh-CN");
const en = language("en");

// Nothing may show a translation key, in either language, with or without hydration.
const strings = { "zh-CN": zhCN, en } as const;

function keysOf(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}
/** Every key of every namespace, bare ("layout.brand") and with its namespace ("common:layout.brand"). */
const allKeys = new Set(Object.entries(zhCN).flatMap(([ns, bundle]) => keysOf(bundle).flatMap((k) => [k, `${ns}:${k}`])));

async function keysShown(page: Page): Promise<string[]> {
  const text = `${await page.locator("body").innerText()} ${await page.title()}`;
  // A key would show as one token: letters, digits, dots, colons, underscores.
  return (text.match(/[A-Za-z][\w.:-]*\.[\w.:-]+/g) ?? []).filter((token) => allKeys.has(token.replace(/[.:]+$/, "")));
}

/** Watches which JavaScript files the browser fetches and any hydration error it reports. */
function watch(page: Page) {
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith(".js")) scripts.push(url.pathname);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|did not match|Minified React error #(418|419|421|422|423|425)/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { scripts, errors };
}

const publicPages = ["/", "/jobs", "/fairs", "/directory", "/join", "/register", "/login"];

// Decision 034: a page is server-rendered HTML; only the page script is inlined, no file is fetched.
for (const lng of ["zh-CN", "en"] as const) {
  test(`public pages in ${lng}: no JavaScript file, the page script ran, no key shown`, async ({ page }) => {
    const seen = watch(page);
    for (const path of [...publicPages, "/jobs/1", "/fairs/1"]) {
      await page.goto(`${path}?lng=${lng}`);
      await expect(page.locator("html[data-enhanced]")).toBeAttached();
      await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expect(page.locator(".lang-switch")).toHaveText(strings[lng].common.layout.switchLanguage);
      await expect(page).toHaveTitle(new RegExp(`${strings[lng].common.layout.brand}`));
      expect(await keysShown(page), path).toEqual([]);
    }
    expect(seen.scripts).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test(`the check-in desk in ${lng}: its scanner module only (no React), speaking ${lng}`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto(`/fairs?lng=${lng}`);
    const fairHref = await staff.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")).find((h) => h && /^\/fairs\/\d+$/.test(h)));
    expect(fairHref).toBeTruthy();
    const seen = watch(staff);
    await staff.goto(`${fairHref}/check-in`);
    // Decision 036: the camera button is the module's, with the page's text.
    await expect(staff.getByRole("button", { name: strings[lng].fairs.checkIn.startCamera })).toBeVisible();
    await expect(staff.locator("html[data-hydrated]")).toHaveCount(0);
    expect(seen.scripts.filter((s) => !/^\/page-scripts\/(checkin-scanner|chunk)-[A-Z0-9]+\.js$/.test(s))).toEqual([]);
    expect(seen.scripts.some((s) => s.startsWith("/page-scripts/checkin-scanner-"))).toBe(true);
    expect(await keysShown(staff)).toEqual([]);
    expect(seen.errors).toEqual([]);
    await staff.context().close();
  });
}
