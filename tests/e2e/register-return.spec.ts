import { expect, test, type Page } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhJobs from "../../app/locales/zh-CN/jobs.json" with { type: "json" };
import enJobs from "../../app/locales/en/jobs.json" with { type: "json" };
import zhFairs from "../../app/locales/zh-CN/fairs.json" with { type: "json" };
import enFairs from "../../app/locales/en/fairs.json" with { type: "json" };

// "Register as a job seeker" from a job or a fair page brings the new seeker back to that page;
// a next= that leaves the site is dropped.
const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const hydrated = (page: Page) => expect(page.locator("html[data-enhanced]")).toHaveCount(1);

async function fillRegistration(page: Page, a: typeof zhAuth.register) {
  await hydrated(page);
  await page.getByLabel(a.name).fill("回访测试");
  await page.getByLabel(a.email).fill(`back-${stamp()}@e2e.test`);
  await page.getByLabel(a.phone).fill("13812345678");
  await page.getByLabel(a.password, { exact: true }).fill("long-enough-password");
  await page.getByLabel(a.confirm).fill("long-enough-password");
  await page.getByRole("button", { name: a.submit }).click();
}

/** The first link on a list page to one record (`/jobs/12`, `/fairs/3`). */
async function firstRecord(page: Page, list: string, pattern: RegExp): Promise<string> {
  await page.goto(list);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, list).toBeTruthy();
  return href!;
}

for (const { lng, a, jobs, fairs, welcome } of [
  { lng: "zh-CN", a: zhAuth.register, jobs: zhJobs.detail, fairs: zhFairs.seeker, welcome: zhAuth.flash.registered },
  { lng: "en", a: enAuth.register, jobs: enJobs.detail, fairs: enFairs.seeker, welcome: enAuth.flash.registered },
] as const) {
  test(`a seeker who registers from a job page comes back to it (${lng})`, async ({ page }) => {
    const job = await firstRecord(page, `/jobs?lng=${lng}`, /^\/jobs\/\d+$/);
    await page.goto(job);
    await page.getByRole("link", { name: jobs.registerToApply }).click();
    await expect(page).toHaveURL(new RegExp(`/register\\?next=${job.replaceAll("/", "(%2F|/)")}$`));
    await fillRegistration(page, a);
    await expect(page).toHaveURL(new RegExp(`${job}$`));
    // The shared success message greets the new seeker on the page they came back to.
    await expect(page.locator(".flash[role=status]")).toHaveText(welcome);
  });

  test(`a seeker who registers from a fair page comes back to it (${lng})`, async ({ page }) => {
    const fair = await firstRecord(page, `/fairs?lng=${lng}`, /^\/fairs\/\d+$/);
    await page.goto(fair);
    await page.getByRole("link", { name: fairs.register }).click();
    await fillRegistration(page, a);
    await expect(page).toHaveURL(new RegExp(`${fair}$`));
    await expect(page.locator(".flash[role=status]")).toHaveText(welcome);
  });
}

for (const next of ["https://evil.example/jobs/1", "//evil.example/jobs/1", "/\\evil.example"]) {
  test(`a next= that leaves the site is dropped: ${next}`, async ({ page, baseURL }) => {
    await page.goto(`/register?lng=en&next=${encodeURIComponent(next)}`);
    await expect(page.locator('input[name="next"]')).toHaveCount(0);
    // The action checks it too: a form sent with that next= lands on the site.
    await hydrated(page);
    await page.locator("form.form").evaluate((form, value) => {
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name: "next", value });
      form.appendChild(input);
    }, next);
    await fillRegistration(page, enAuth.register);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}
