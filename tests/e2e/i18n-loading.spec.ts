import { expect, test, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

function language(lng: string) {
  const dir = path.resolve(import.meta.dirname, "../../app/locales", lng);
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, f), "utf8"))]));
}
const zhCN = language("zh-CN");
const en = language("en");

// The browser gets only the page's language (its own chunk, loaded before hydrating) and the other
// one on a switch. Nothing may show a translation key, hydration may not mismatch, and a switch on
// a client-side navigation shows the new language whole.
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

/** Watches which language chunks the browser fetches and any hydration error it reports. */
function watch(page: Page) {
  const chunks: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const lng = /\/build\/_shared\/(zh-CN|en)-[A-Z0-9]+\.js$/.exec(request.url())?.[1];
    if (lng) chunks.push(lng);
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|did not match|Minified React error #(418|419|421|422|423|425)/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { chunks, errors };
}

const publicPages = ["/", "/jobs", "/fairs", "/directory", "/join", "/register", "/login"];

for (const lng of ["zh-CN", "en"] as const) {
  test(`public pages in ${lng}: one language chunk, no key shown, hydration clean`, async ({ page }) => {
    const seen = watch(page);
    for (const path of publicPages) {
      await page.goto(`${path}?lng=${lng}`);
      await expect(page.locator("html[data-hydrated]")).toBeAttached();
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      // The HTML preloads the page's language (no extra round trip once the entry runs).
      await expect(page.locator(`head link[rel="modulepreload"][href*="/build/_shared/${lng}-"]`)).toHaveCount(1);
      await expect(page.locator(".lang-switch")).toHaveText(strings[lng].common.layout.switchLanguage);
      await expect(page).toHaveTitle(new RegExp(`${strings[lng].common.layout.brand}`));
      expect(await keysShown(page), path).toEqual([]);
    }
    // A job's page and a fair's page, reached from their lists by client-side navigation.
    for (const [list, link] of [["/jobs", /^\/jobs\/\d+$/], ["/fairs", /^\/fairs\/\d+$/]] as const) {
      await page.goto(`${list}?lng=${lng}`);
      await expect(page.locator("html[data-hydrated]")).toBeAttached();
      const href = await page.locator("main a[href]").evaluateAll((as, re) => as.map((a) => a.getAttribute("href")).find((h) => h && new RegExp(re).test(h)), link.source);
      expect(href, list).toBeTruthy();
      await page.locator(`main a[href="${href}"]`).first().click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      expect(await keysShown(page), href!).toEqual([]);
    }
    expect([...new Set(seen.chunks)]).toEqual([lng]);
    expect(seen.errors).toEqual([]);
  });
}

test("a client-side navigation that changes the language loads the other chunk and shows it whole, and back", async ({ page }) => {
  const seen = watch(page);
  await page.goto("/jobs?lng=zh-CN");
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  expect(seen.chunks).toEqual(["zh-CN"]);

  // Not a document load: the router navigates, the root loader answers English.
  await page.evaluate(() => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate("/fairs?lng=en"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator(".lang-switch")).toHaveText(en.common.layout.switchLanguage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.fairs.list.title);
  await expect(page).toHaveTitle(`${en.common.titles.fairs} · ${en.common.layout.brand}`);
  expect(await keysShown(page)).toEqual([]);
  expect(seen.chunks).toEqual(["zh-CN", "en"]);

  // Back to Chinese: already loaded, nothing fetched again.
  await page.evaluate(() => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate("/jobs?lng=zh-CN"));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator(".lang-switch")).toHaveText(zhCN.common.layout.switchLanguage);
  await expect(page).toHaveTitle(`${zhCN.common.titles.jobs} · ${zhCN.common.layout.brand}`);
  expect(await keysShown(page)).toEqual([]);
  expect(seen.chunks).toEqual(["zh-CN", "en"]);
  expect(seen.errors).toEqual([]);
});
