import { expect, test, type Page } from "@playwright/test";
import zh from "../../app/locales/zh-CN/disputes.json" with { type: "json" };
import en from "../../app/locales/en/disputes.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import zhCommon from "../../app/locales/zh-CN/common.json" with { type: "json" };
import enCommon from "../../app/locales/en/common.json" with { type: "json" };
import { signIn } from "./support";

// The shared-court journey in both languages: a member files with evidence against another member
// enterprise, staff accept and assign the station's mediator, the mediator invites the respondent,
// schedules a session, records the minutes and the settlement, both parties confirm, staff record
// the judicial confirmation, and the agreement prints (A4, Chinese, the site's frame hidden).
// Demo data: station 1 (id 1) has mediator@ (周调解员); enterprise 5 has the owner account owner5@.
const RESPONDENT_ENTERPRISE = "5";
const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth },
  { lng: "en", t: en, auth: enAuth },
] as const;

for (const { lng, t } of langs) {
  test(`a shared-court case from filing to judicial confirmation in ${lng}, and its agreement prints`, async ({ browser }) => {
    // Five people and some twenty steps: generous for a loaded CI machine.
    test.setTimeout(300_000);
    const status = (s: keyof typeof t.status) => t.status[s];
    const header = (p: Page) => p.locator(".page-header");
    const act = async (p: Page, title: string, button: string, fill?: (form: ReturnType<Page["getByRole"]>) => Promise<void>) => {
      const form = p.getByRole("form", { name: title });
      if (fill) await fill(form);
      await form.getByRole("button", { name: button }).click();
    };

    // The member files with evidence.
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto("/disputes/new");
    await member.getByLabel(t.new.station, { exact: true }).selectOption({ value: "1" });
    await member.getByLabel(t.new.respondentKind, { exact: true }).selectOption("member");
    await member.getByLabel(t.new.respondentEnterprise, { exact: true }).selectOption({ value: RESPONDENT_ENTERPRISE });
    await member.getByLabel(t.new.type, { exact: true }).selectOption("payment_arrears");
    await member.getByLabel(t.new.amount, { exact: true }).fill("86000");
    await member.getByLabel(t.new.facts, { exact: true }).fill(lng === "en" ? "Soles delivered in May are still unpaid." : "五月交付的鞋底货款至今未付。");
    await member.getByLabel(t.new.request, { exact: true }).fill(lng === "en" ? "Pay the 86,000 yuan owed." : "支付货款八万六千元。");
    await member
      .getByLabel(t.new.evidence, { exact: true })
      .setInputFiles({ name: "delivery-notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% e2e evidence\n%%EOF\n") });
    await member.getByLabel(t.new.consent, { exact: true }).check();
    await member.getByRole("button", { name: t.new.submit }).click();
    await expect(member).toHaveURL(/\/disputes\/\d+$/);
    await expect(member.locator(".flash[role=status]")).toHaveText(t.flash.created);
    const url = new URL(member.url()).pathname;
    const code = (await member.locator("[data-case-code]").textContent())!.trim();
    expect(code).toMatch(/^JF\d{10}$/);
    await expect(header(member).getByText(status("filed"))).toBeVisible();
    const download = member.waitForEvent("download");
    await member.getByRole("link", { name: /delivery-notes\.pdf/ }).click();
    expect((await download).suggestedFilename()).toBe("delivery-notes.pdf");
    // The case code finds the case.
    await member.goto(`/disputes?q=${code}`);
    await expect(member).toHaveURL(new RegExp(`${url}$`));

    // Staff accept and assign the station's mediator.
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto(url);
    await act(staff, t.actions.acceptTitle, t.actions.accept);
    await expect(header(staff).getByText(status("accepted"))).toBeVisible();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.accept);
    await expect(staff.locator('[data-deadline="mediation"]').first()).toBeVisible();
    await act(staff, t.actions.assignTitle, t.actions.assignMediator, (f) =>
      f
        .getByLabel(t.actions.mediator, { exact: true })
        .selectOption({ label: "周调解员" })
        .then(() => {}),
    );
    await expect(header(staff).getByText(status("mediator_assigned"))).toBeVisible();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.assign);

    // The mediator invites the respondent, who agrees in the portal.
    const mediator = await signIn(browser, "mediator@demo.test", lng);
    await mediator.goto("/disputes");
    await mediator.getByRole("link", { name: code }).click();
    await act(mediator, t.actions.inviteTitle, t.actions.inviteRespondent);
    await expect(header(mediator).getByText(status("respondent_invited"))).toBeVisible();
    const respondent = await signIn(browser, `owner${RESPONDENT_ENTERPRISE}@demo.test`, lng);
    await respondent.goto(url);
    await act(respondent, t.actions.answerTitle, t.actions.submitAnswer, (f) =>
      f
        .getByLabel(t.actions.answer, { exact: true })
        .selectOption("agree")
        .then(() => {}),
    );
    await expect(header(respondent).getByText(status("in_mediation"))).toBeVisible();

    // The mediator schedules an online session, records the minutes and the settlement.
    await mediator.reload();
    await act(mediator, t.actions.scheduleTitle, t.actions.schedule, async (f) => {
      await f.getByLabel(t.actions.mode, { exact: true }).selectOption("online");
      await f.getByLabel(t.actions.link, { exact: true }).fill("https://court.example/room/e2e");
    });
    await expect(mediator.getByRole("link", { name: t.detail.join })).toBeVisible();
    await act(mediator, t.actions.minutesTitle, t.actions.saveMinutes, (f) =>
      f.getByLabel(t.actions.minutes, { exact: true }).fill(lng === "en" ? "Both sides agreed to pay in two instalments." : "双方同意分两期付款。"),
    );
    await act(mediator, t.actions.draftTitle, t.actions.draft, async (f) => {
      await f
        .getByLabel(t.actions.terms, { exact: true })
        .fill(lng === "en" ? "The respondent pays 80,000 yuan within 30 days." : "被申请人于三十日内支付八万元。");
      await f.getByLabel(t.actions.agreedAmount, { exact: true }).fill("80000");
    });
    await expect(header(mediator).getByText(status("agreement_pending"))).toBeVisible();

    // Both parties confirm: only then is the case settled.
    await member.goto(url);
    await act(member, t.actions.confirmTitle, t.actions.confirm);
    await expect(header(member).getByText(status("agreement_pending"))).toBeVisible();
    await expect(member.getByRole("form", { name: t.actions.confirmTitle })).toHaveCount(0);
    await respondent.reload();
    await act(respondent, t.actions.confirmTitle, t.actions.confirm);
    await expect(header(respondent).getByText(status("settled"))).toBeVisible();
    await expect(respondent.locator('[data-deadline="confirmation"]')).toBeVisible();

    // Staff record the application for judicial confirmation and the court's decision.
    await staff.reload();
    await act(staff, t.actions.applyTitle, t.actions.apply, (f) => f.getByLabel(t.actions.caseNumber, { exact: true }).fill("(2026)浙0381民特1号"));
    await expect(header(staff).getByText(status("judicial_applied"))).toBeVisible();
    await act(staff, t.actions.decideTitle, t.actions.decide, (f) =>
      f
        .getByLabel(t.actions.decision, { exact: true })
        .selectOption("confirmed")
        .then(() => {}),
    );
    await expect(header(staff).getByText(status("judicial_confirmed"))).toBeVisible();

    // The agreement prints: Chinese whatever the reader's language, A4, without the site's frame.
    await member.goto(url);
    await member.getByRole("link", { name: t.detail.printAgreement }).click();
    await expect(member).toHaveURL(new RegExp(`${url}/agreement$`));
    const doc = member.locator("article.print-doc");
    await expect(doc.getByRole("heading", { level: 1 })).toHaveText(zh.print.agreementTitle);
    await expect(doc).toContainText(code);
    await expect(doc).toContainText(lng === "en" ? "The respondent pays 80,000 yuan within 30 days." : "被申请人于三十日内支付八万元。");
    await expect(doc).not.toContainText(zh.print.notConfirmed);
    await member.emulateMedia({ media: "print" });
    await expect(member.locator(".site-header")).toBeHidden();
    await expect(member.locator(".print-toolbar")).toBeHidden();
    await expect(doc).toBeVisible();
    const pageSize = await member.evaluate(() => {
      for (const sheet of Array.from(document.styleSheets)) {
        for (const rule of Array.from(sheet.cssRules)) if (rule instanceof CSSPageRule) return rule.style.getPropertyValue("size");
      }
      return null;
    });
    expect(pageSize?.toUpperCase()).toBe("A4"); // CSS keywords are case-insensitive; Chromium serialises "a4"
    const pdf = await member.pdf({ format: "A4" }).catch(() => null);
    if (pdf) expect(pdf.byteLength).toBeGreaterThan(1000);
  });
}

for (const { lng, t, common } of [
  { lng: "zh-CN", t: zh, common: zhCommon },
  { lng: "en", t: en, common: enCommon },
] as const) {
  test(`an admin's refused choice of stations is explained in ${lng}`, async ({ browser }) => {
    const admin = await signIn(browser, "admin@demo.test", lng);
    await admin.goto("/admin/users/demo-mediator");
    // A station id the page never offers (a tampered form): the schema's bare shared message.
    await admin
      .locator('input[name="station"]')
      .first()
      .evaluate((box: HTMLInputElement) => {
        box.value = "x";
        box.checked = true;
      });
    await admin.getByRole("button", { name: t.stations.save }).click();
    await expect(admin.getByRole("group", { name: t.stations.legend }).getByRole("alert")).toHaveText(common.forms.invalid);
    await admin.context().close();
  });
}
