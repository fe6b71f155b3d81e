import { expect, test } from "@playwright/test";
import zhCommon from "../../app/locales/zh-CN/common.json" with { type: "json" };
import enCommon from "../../app/locales/en/common.json" with { type: "json" };
import zhFinance from "../../app/locales/zh-CN/finance.json" with { type: "json" };
import enFinance from "../../app/locales/en/finance.json" with { type: "json" };
import { signIn } from "./support";

// Issue 18: staff navigation fits one row at 1366 px, marks exactly one page, and is a menu on a phone.
for (const { lng, common, finance } of [
  { lng: "zh-CN", common: zhCommon, finance: zhFinance },
  { lng: "en", common: enCommon, finance: enFinance },
] as const) {
  test(`staff navigation: one row at 1366 px, one current page, menus that open and close (${lng})`, async ({ browser }) => {
    for (const email of ["staff@demo.test", "admin@demo.test"]) {
      const page = await signIn(browser, email, lng, { viewport: { width: 1366, height: 800 } });
      const nav = page.getByRole("navigation", { name: common.layout.mainNav });
      const entries = nav.locator(":scope > a, :scope > details > summary");
      const tops = await entries.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(tops.length, email).toBeGreaterThan(5);
      expect(new Set(tops).size, `${email}: entries on one row`).toBe(1);

      for (const path of ["/today", "/finance/products", "/jobs/manage", "/members/applications", "/admin/audit"]) {
        if (email === "staff@demo.test" && path === "/admin/audit") continue;
        await page.goto(path);
        await expect(nav.locator("[aria-current=page]"), `${email} ${path}`).toHaveCount(1);
      }

      // A group opens as a menu; choosing a page goes there and closes the menu.
      await page.goto("/today");
      const financeMenu = nav.locator("details", { has: page.locator("summary", { hasText: common.nav.groups.finance }) });
      await financeMenu.locator("summary").click();
      await expect(financeMenu.getByRole("link", { name: finance.nav.products })).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(financeMenu.getByRole("link", { name: finance.nav.products })).toBeHidden();
      await financeMenu.locator("summary").click();
      await financeMenu.getByRole("link", { name: finance.nav.products }).click();
      await expect(page).toHaveURL(/\/finance\/products$/);
      await expect(financeMenu).not.toHaveAttribute("open");
      await expect(nav.locator("[aria-current=page]")).toHaveText(finance.nav.products);
      await page.context().close();
    }
  });

  test(`on a phone the navigation is a menu behind one button (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "staff@demo.test", lng, { viewport: { width: 390, height: 844 } });
    const nav = page.getByRole("navigation", { name: common.layout.mainNav });
    await expect(nav).toBeHidden();
    await page.getByText(common.layout.menu, { exact: true }).click();
    await expect(nav).toBeVisible();
    const financeMenu = nav.locator("details", { has: page.locator("summary", { hasText: common.nav.groups.finance }) });
    await financeMenu.locator("summary").click();
    await financeMenu.getByRole("link", { name: finance.nav.products }).click();
    await expect(page).toHaveURL(/\/finance\/products$/);
    await expect(nav).toBeHidden();
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  test(`on a phone the list filters fold behind one button, and the first result is on the first screen (${lng})`, async ({ browser }) => {
    const page = await signIn(browser, "staff@demo.test", lng, { viewport: { width: 390, height: 844 } });
    for (const path of ["/jobs", "/tickets", "/members", "/members?q=%E9%9E%8B"]) {
      await page.goto(path);
      const filters = page.locator(".filters-fold > form");
      await expect(filters, path).toBeHidden();
      const button = page.locator(".filters-fold__button");
      // The button says how many filters are set.
      await expect(button, path).toHaveText(path.includes("?") ? common.forms.filtersFoldSet.replace("{{count}}", "1") : common.forms.filtersFold);
      const first = page.locator(".jobs-list > li, .data-table tbody tr").first();
      const box = await first.boundingBox();
      expect(box, path).not.toBeNull();
      expect(box!.y, `${path}: first result within the first screen`).toBeLessThan(844);
      await button.click();
      await expect(filters, path).toBeVisible();
    }
    await page.context().close();
  });
}
