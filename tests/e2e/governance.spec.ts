import { expect, test, type Page } from "@playwright/test";
import zh from "../../app/locales/zh-CN/governance.json" with { type: "json" };
import en from "../../app/locales/en/governance.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { chamberNames } from "../../db/seed/demo-names";
import { signIn } from "./support";

// Governance journeys in both languages: staff set up and open an election in the first chamber,
// two representatives (member@ and rep@) vote, staff close and tally, a voter finds their receipt
// on the public bulletin; a charter diff renders.

const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth, chamber: chamberNames[0].zh },
  { lng: "en", t: en, auth: enAuth, chamber: chamberNames[0].en },
] as const;
// The first chamber's members in the demo data: enterprise 1 (member@) joined it, 180 is rep@'s, 218 another.
const CANDIDATES = ["180", "218"];

async function vote(page: Page, url: string, t: typeof zh, candidateIndex: number): Promise<string> {
  await page.goto(`${url}/ballot`);
  await page.locator('input[name="candidateIds"]').nth(candidateIndex).check();
  await page.getByRole("button", { name: t.ballot.submit }).click();
  // POST → redirect → GET: the shared success message says the vote was recorded; the page it
  // lands on shows the receipt once, and is never kept by the browser.
  await expect(page).toHaveURL(new RegExp(`${url}/ballot$`));
  await expect(page.locator(".flash[role=status]")).toHaveText(t.flash.ballot.cast);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.ballot.castTitle);
  const receipt = await page.locator("[data-receipt]").getAttribute("data-receipt");
  expect(receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  return receipt!;
}

for (const { lng, t, chamber } of langs) {
  test(`an election from opening to the bulletin in ${lng}`, async ({ browser }) => {
    // Four people sign in (argon2 each) and the journey has some twenty steps.
    test.setTimeout(180_000);
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto("/elections");
    await staff.getByText(t.elections.create, { exact: true }).first().click();
    await staff.getByLabel(t.fields.association).selectOption({ label: chamber });
    const title = `${lng === "en" ? "Council by-election" : "理事补选"} e2e ${Date.now()}`;
    await staff.getByLabel(t.fields.title).fill(title);
    await staff.getByRole("button", { name: t.elections.create }).click();
    await expect(staff).toHaveURL(/\/elections\/\d+$/);
    const url = new URL(staff.url()).pathname;
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.elections.create);

    const position = staff.getByRole("form", { name: t.elections.addPosition });
    await position.getByLabel(t.fields.nameZh).fill("理事");
    await position.getByLabel(t.fields.nameEn).fill("Council member");
    await position.getByLabel(t.fields.seats).fill("1");
    await position.getByRole("button", { name: t.elections.addPosition }).click();
    for (const [i, enterpriseId] of CANDIDATES.entries()) {
      const nominate = staff.getByRole("form", { name: t.elections.nominate });
      await nominate.getByLabel(t.fields.enterpriseId).fill(enterpriseId);
      await nominate.getByLabel(t.fields.personName).fill(`候选人${i + 1}`);
      await nominate.getByLabel(t.fields.acceptedInWriting).check();
      await nominate.getByRole("button", { name: t.elections.nominate }).click();
      await expect(staff.getByRole("cell", { name: `候选人${i + 1}` })).toBeVisible();
      await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.election.nominate);
    }
    await staff.getByRole("form", { name: t.elections.nextStep }).getByRole("button", { name: t.stage.open }).click();
    await expect(staff.locator(".page-header").getByText(t.status.open)).toBeVisible();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.election.advance);

    // Two representatives vote; each gets a receipt once.
    const member = await signIn(browser, "member@demo.test", lng);
    const receipt = await vote(member, url, t, 0);
    const rep = await signIn(browser, "rep@demo.test", lng);
    await vote(rep, url, t, 0);
    // A second visit offers no second vote, and the receipt is not shown again.
    const again = await member.goto(`${url}/ballot`);
    expect(again?.headers()["cache-control"]).toBe("no-store");
    await expect(member.getByText(t.ballot.allVoted)).toBeVisible();
    await expect(member.locator("[data-receipt]")).toHaveCount(0);
    await expect(member.locator(".flash")).toHaveText("");

    // Staff see the turnout, close and tally.
    await staff.reload();
    await expect(staff.locator('[data-figure="voted"] .stat__value')).toHaveText("2");
    await staff.getByRole("form", { name: t.elections.nextStep }).getByRole("button", { name: t.stage.close }).click();
    await expect(staff.locator(".page-header").getByText(t.status.closed)).toBeVisible();
    await staff.getByRole("form", { name: t.elections.nextStep }).getByRole("button", { name: t.stage.tally }).click();
    await expect(staff.locator(".page-header").getByText(t.status.tallied)).toBeVisible();
    await staff.getByRole("link", { name: t.results.link }).click();
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(t.results.title);
    await expect(staff.getByRole("article", { name: t.results.announcement })).toContainText("候选人1");

    // The voter finds their receipt on the public bulletin (no account needed).
    const context = await browser.newContext({ locale: lng === "en" ? "en-GB" : "zh-CN" });
    const visitor = await context.newPage();
    await visitor.goto(`${url}/bulletin?lng=${lng}`);
    await visitor.getByLabel(t.bulletin.receipt).fill(receipt.toLowerCase());
    await visitor.getByRole("button", { name: t.bulletin.find }).click();
    await expect(visitor.locator(`[data-found-receipt="${receipt}"]`)).toBeVisible();
    await expect(visitor.getByRole("cell", { name: receipt })).toBeVisible();
  });

  test(`a charter diff renders in ${lng}`, async ({ browser }) => {
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto("/charters");
    await member
      .getByRole("link", { name: new RegExp(t.charters.version.replace("{{n}}", "2")) })
      .first()
      .click();
    const diff = member.getByRole("region", { name: t.charters.diffTitle });
    await expect(diff).toBeVisible();
    await expect(diff.locator("ins").first()).toBeVisible();
    await expect(diff).toContainText("共享法庭");
    // The text is rendered from Markdown, with its clause outline.
    await expect(member.getByRole("navigation", { name: t.charters.outline }).getByRole("link", { name: "第一章 总则" })).toBeVisible();
  });
}
