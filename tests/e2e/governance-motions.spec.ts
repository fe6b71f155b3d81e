import { expect, test } from "@playwright/test";
import zh from "../../app/locales/zh-CN/governance.json" with { type: "json" };
import en from "../../app/locales/en/governance.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { governanceFixtures } from "../access/fixtures";
import { signIn } from "./support";

// A motion voted online, in both languages: staff add a motion to the chamber's open assembly (demo
// data) and open voting, member@demo.test (checked in) votes with a confirmation, staff close
// voting with counts from the room and see the result with the online and room parts apart.

const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth },
  { lng: "en", t: en, auth: enAuth },
] as const;
const url = `/assemblies/${governanceFixtures.openAssembly}`;

/** i18next's {{name}} placeholders filled in. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
}

/** The template as a pattern: the given values filled in, any number for the others. */
function pattern(template: string, values: Record<string, number>): RegExp {
  const parts = template.split(/(\{\{\w+\}\})/);
  return new RegExp(
    parts
      .map((p) =>
        /^\{\{(\w+)\}\}$/.test(p) ? (values[p.slice(2, -2)] !== undefined ? String(values[p.slice(2, -2)]) : "\\d+") : p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join(""),
  );
}

for (const { lng, t } of langs) {
  test(`a representative votes on a motion online and staff close it in ${lng}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto(url);
    const title = `${lng === "en" ? "Motion on the dues" : "会费动议"} e2e ${Date.now()}`;
    const add = staff.getByRole("form", { name: t.motions.add });
    await add.getByLabel(t.fields.kind).selectOption("other");
    await add.getByLabel(t.motions.threshold).selectOption("majority_cast");
    await add.getByLabel(t.fields.title).fill(title);
    await add.getByRole("button", { name: t.motions.add }).click();
    // Each step says it worked (the shared flash, announced in a live region).
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.assembly.motion);
    const staffCard = staff.locator("div.card").filter({ has: staff.locator("h3", { hasText: title }) });
    await staffCard.getByRole("button", { name: t.motions.openVoting }).click();
    await expect(staffCard.locator("[data-motion-turnout]")).toBeVisible();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.assembly.openVoting);

    // member@demo.test's enterprise is checked in: it votes yes, once, after ticking the confirmation.
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto(url);
    const card = member.locator("div.card").filter({ has: member.locator("h3", { hasText: title }) });
    const form = card.getByRole("form").filter({ has: member.locator('button[value="motionVote"]') });
    await form.getByLabel(t.motions.yes, { exact: true }).check();
    await form.getByLabel(t.motions.confirm).check();
    await form.getByRole("button", { name: t.motions.vote }).click();
    await expect(card.locator('button[value="motionVote"]')).toHaveCount(0);
    await expect(member.locator(".flash[role=status]")).toHaveText(t.flash.assembly.motionVote);
    // An open vote: everyone sees who voted how.
    await expect(card.locator("[data-motion-votes] li")).toHaveCount(1);
    await expect(card.locator("[data-motion-votes] li")).toContainText(t.motions.yes);

    // Staff see the turnout, close with one yes and one abstention from the room, and see the result.
    await staff.reload();
    await expect(staffCard.locator("[data-motion-turnout]")).toHaveText(pattern(t.motions.turnout, { voted: 1 }));
    const close = staffCard.getByRole("form", { name: t.motions.closeVoting });
    // Nothing is pre-filled: a room count left blank is not 0, so each is typed (0 included).
    for (const label of [t.motions.roomYes, t.motions.roomNo, t.motions.roomAbstain]) await expect(close.getByLabel(label)).toHaveValue("");
    await close.getByLabel(t.motions.roomYes).fill("1");
    await close.getByLabel(t.motions.roomNo).fill("0");
    await close.getByLabel(t.motions.roomAbstain).fill("1");
    await close.getByRole("button", { name: t.motions.closeVoting }).click();
    await expect(staffCard.locator("[data-motion-result]")).toBeVisible();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.assembly.closeVoting);
    await expect(staffCard.locator("h3")).not.toContainText(t.status.pending);
    await expect(staffCard.locator("[data-motion-split]")).toContainText(fill(t.motions.onlineResult, { yes: 1, no: 0, abstain: 0 }));
    await expect(staffCard.locator("[data-motion-split]")).toContainText(fill(t.motions.roomResult, { yes: 1, no: 0, abstain: 1 }));
  });
}
