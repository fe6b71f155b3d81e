import { expect, test } from "@playwright/test";
import zhMembers from "../../app/locales/zh-CN/members.json" with { type: "json" };
import enMembers from "../../app/locales/en/members.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18: members see how to pay their dues; an admin says where, per association.
for (const { lng, members, row } of [
  { lng: "zh-CN", members: zhMembers, row: 3 },
  { lng: "en", members: enMembers, row: 4 },
] as const) {
  test(`an admin sets an association's dues account: a bad number is refused with what was typed kept, a good one is saved (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "admin@demo.test", lng);
    await page.goto("/admin/associations");
    const target = page.locator("tbody tr").nth(row);
    await target.getByText(members.associations.edit, { exact: true }).click();
    const form = target.locator("form");
    const payee = lng === "en" ? "Chamber account" : "商会会费账户";
    await form.getByLabel(members.associations.payee, { exact: true }).fill(payee);
    await form.getByLabel(members.associations.bank, { exact: true }).fill(lng === "en" ? "Rui'an RCB" : "瑞安农商银行");
    await form.getByLabel(members.associations.account, { exact: true }).fill("12ab");
    await form.getByRole("button", { name: members.associations.save }).click();
    // Refused: the same row's form is open again, with the reason and the typed values.
    const again = page.locator("tbody tr").nth(row).locator("form");
    await expect(again.getByText(members.errors.duesAccount).first()).toBeVisible();
    await expect(again.getByLabel(members.associations.payee, { exact: true })).toHaveValue(payee);
    await again.getByLabel(members.associations.account, { exact: true }).fill("6217 0000 0000 0001");
    await again.getByRole("button", { name: members.associations.save }).click();
    await expect(page.locator(".flash[role=status]")).toHaveText(members.flash.duesPaymentSaved);
    await expect(page.locator("tbody tr").nth(row)).toContainText("6217 0000 0000 0001");
    await page.context().close();
  });
}
