import { expect, test } from "@playwright/test";
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhCommon from "../../app/locales/zh-CN/common.json" with { type: "json" };
import enCommon from "../../app/locales/en/common.json" with { type: "json" };
import zhMembers from "../../app/locales/zh-CN/members.json" with { type: "json" };
import enMembers from "../../app/locales/en/members.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18: a confirmation can be cancelled, by a visible button and by Esc, and the focus goes
// back to the button that opened it.
const langs = [
  { lng: "zh-CN", auth: zhAuth, common: zhCommon, members: zhMembers },
  { lng: "en", auth: enAuth, common: enCommon, members: enMembers },
] as const;

for (const { lng, common, members } of langs) {
  test(`a confirmation is cancelled by its Cancel button and by Esc (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "staff@demo.test", lng);
    await page.goto("/members/applications");
    await page.locator("table a[href^='/members/applications/']").first().click();
    await expect(page.locator("html[data-enhanced]")).toHaveCount(1);
    const opener = page.locator("summary", { hasText: members.applications.reject });
    const question = page.getByText(members.applications.rejectQuestion);
    const confirm = page.getByRole("button", { name: members.applications.rejectConfirm });

    await opener.click();
    await expect(question).toBeVisible();
    await expect(confirm).toBeVisible();
    // The focus moves into the box (the reason field), so Esc is heard there.
    await expect(page.getByRole("textbox", { name: members.fields.reason })).toBeFocused();
    const cancel = page.getByRole("button", { name: common.confirm.cancel, exact: true });
    await expect(cancel).toBeVisible();
    await cancel.click();
    await expect(question).toBeHidden();
    await expect(confirm).toBeHidden();
    await expect(opener).toBeVisible();
    await expect(opener).toBeFocused();

    await opener.click();
    await expect(question).toBeVisible();
    await page.getByRole("textbox", { name: members.fields.reason }).fill("not sent");
    await page.keyboard.press("Escape");
    await expect(question).toBeHidden();
    await expect(opener).toBeFocused();
    // Nothing was sent: the application is still pending.
    await expect(page.getByText(members.applications.nextPending)).toBeVisible();
    await page.context().close();
  });

  test(`a refused reason opens its confirmation again with the error, without JavaScript (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "staff@demo.test", lng, { javaScriptEnabled: false });
    await page.goto("/members/applications");
    await page.locator("table a[href^='/members/applications/']").first().click();
    await page.locator("summary", { hasText: members.applications.reject }).click();
    // Spaces pass the browser's `required`; the server trims them and refuses the reason.
    await page.getByRole("textbox", { name: members.fields.reason }).fill("   ");
    await page.getByRole("button", { name: members.applications.rejectConfirm }).click();
    // A plain post draws the page anew: the box is open on its own, the error named on the field.
    const reason = page.getByRole("textbox", { name: members.fields.reason });
    await expect(reason).toBeVisible();
    await expect(reason).toHaveAccessibleDescription(common.forms.required);
    // What was typed comes back with the error.
    await expect(reason).toHaveValue("   ");
    await expect(page.getByText(members.applications.nextPending)).toBeVisible();
    await page.context().close();
  });
}
