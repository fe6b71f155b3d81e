import { expect, test, type Page } from "@playwright/test";
import { signInAsStaff } from "./support";
import zh from "../../app/locales/zh-CN/common.json" with { type: "json" };
import en from "../../app/locales/en/common.json" with { type: "json" };

// A record page's title names the page, the record's number and its name, in the page's language only.

async function firstRecord(page: Page, list: string, pattern: RegExp): Promise<string> {
  await page.goto(list);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h.split("?")[0]));
  expect(href, list).toBeTruthy();
  return href!.split("?")[0];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const { lng, c } of [
  { lng: "zh-CN", c: zh },
  { lng: "en", c: en },
] as const) {
  test(`record pages are titled by their record (${lng})`, async ({ page, baseURL }) => {
    await signInAsStaff(page, baseURL!);
    const ticket = await firstRecord(page, `/tickets?lng=${lng}`, /^\/tickets\/\d+$/);
    await page.goto(ticket);
    const heading = (await page.getByRole("heading", { level: 1 }).textContent())!;
    const id = ticket.split("/").pop();
    const name = heading.split(" · ").slice(1).join(" · ");
    await expect(page).toHaveTitle(`${c.titles.ticketsId} #${id} · ${name} · ${c.layout.brand}`);

    const member = await firstRecord(page, `/members`, /^\/members\/\d+$/);
    await page.goto(member);
    const enterprise = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    await expect(page).toHaveTitle(`${c.titles.membersId} · ${enterprise} · ${c.layout.brand}`);

    const fair = await firstRecord(page, `/fairs`, /^\/fairs\/\d+$/);
    await page.goto(fair);
    await expect(page).toHaveTitle(new RegExp(`^${escape(c.titles.fairsId)} · .+ · ${escape(c.layout.brand)}$`));
    // The other language's words are not in it.
    const other = lng === "en" ? zh : en;
    expect(await page.title()).not.toContain(other.layout.brand);
  });
}
