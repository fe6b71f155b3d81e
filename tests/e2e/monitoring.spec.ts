import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import zh from "../../app/locales/zh-CN/monitoring.json" with { type: "json" };
import en from "../../app/locales/en/monitoring.json" with { type: "json" };
import zhAuth from "../../app/locales/zh-CN/auth.json" with { type: "json" };
import enAuth from "../../app/locales/en/auth.json" with { type: "json" };
import { signIn } from "./support";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const langs = [
  { lng: "zh-CN", t: zh, auth: zhAuth },
  { lng: "en", t: en, auth: enAuth },
] as const;
// A tiny valid JPEG: the tenant's photo of the cleared passage.
const JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAAAE//9k=",
  "base64",
);

for (const { lng, t } of langs) {
  test(`staff see a flagged firm and open a visit from its flag (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    await staff.goto("/monitoring");
    await expect(staff.getByRole("heading", { level: 1, name: t.overview.title })).toBeVisible();
    await expect(staff.getByRole("heading", { name: t.overview.prosperity, exact: true })).toBeVisible();
    // The charts are the shared server-drawn SVG: named by their titles, their numbers folded under them.
    await expect(staff.getByRole("img", { name: t.overview.kwhBySegment })).toBeVisible();
    await expect(staff.getByRole("img", { name: t.overview.prosperityOverTime })).toBeVisible();
    const prosperityFigure = staff.locator("figure.chart", { has: staff.getByRole("img", { name: t.overview.prosperityOverTime }) });
    await prosperityFigure.locator("details.chart__numbers > summary").click();
    await expect(prosperityFigure.getByRole("table", { name: t.overview.prosperityOverTime })).toBeVisible();
    const flagged = staff.locator("section", { has: staff.getByRole("heading", { name: new RegExp(t.overview.flaggedFirms) }) });
    const firstFirm = flagged.locator("tbody tr").first().getByRole("link");
    const name = (await firstFirm.textContent())!.trim();
    await firstFirm.click();
    await expect(staff).toHaveURL(/\/monitoring\/enterprises\/\d+$/);
    await expect(staff.getByRole("heading", { level: 1 })).toContainText(name);
    // The flag says why, with its figures, and one click opens a visit.
    const flag = staff.locator(".flag-list > li").first();
    await expect(flag.getByText(t.flags.why)).toBeVisible();
    await flag.getByRole("button", { name: t.flags.openVisit }).click();
    await expect(staff).toHaveURL(/\/visits\/\d+$/);
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.visit);
    await expect(staff.getByText(name).first()).toBeVisible();
  });

  test(`a simulated gateway raises a passage alarm, the tenant sees the notice and sends a photo, staff close it (${lng})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const staff = await signIn(browser, "staff@demo.test", lng);
    // Staff make a token for the camera gateway: shown once.
    await staff.goto("/admin/gateways");
    await staff.getByText(t.gateways.create).first().click();
    const gatewayName = `e2e camera ${lng} ${Date.now()}`;
    await staff.getByLabel(t.gateways.name).fill(gatewayName);
    await staff.getByLabel(t.gateways.scope.passages).check();
    await staff.locator("form button[value=create]").click();
    const token = (await staff.getByTestId("gateway-token").textContent())!.trim();
    expect(token).toMatch(/^yjg_/);

    // The simulator posts a day of readings and a blocked passage on the member enterprise's floor.
    const { stdout } = await run(
      "npx",
      [
        "tsx",
        "tests/support/gateway-simulate.ts",
        "--url",
        baseURL!,
        "--token",
        token,
        "--meters",
        "3",
        "--building",
        "XJ-01",
        "--floor",
        "2",
        "--passage",
        "P2",
      ],
      { cwd: root },
    );
    expect(stdout).toMatch(/passage blocked: 201 /);
    const alarmId = /"alarmId":(\d+)/.exec(stdout)![1];
    const notice = /"notice":"([^"]+)"/.exec(stdout)![1];

    // The tenant sees the violation notice (in-app) and opens it.
    const member = await signIn(browser, "member@demo.test", lng);
    await member.goto("/my");
    await member.getByRole("link", { name: notice }).click();
    await expect(member).toHaveURL(new RegExp(`/monitoring/alarms/${alarmId}$`));
    await expect(member.getByRole("heading", { name: t.alarm.heading, exact: true })).toBeVisible();
    await member.getByLabel(t.alarm.photo).setInputFiles({ name: "cleared.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await member.getByRole("button", { name: t.alarm.report }).click();
    await expect(member.locator(".flash[role=status]")).toHaveText(t.flash.alarmReported);
    // The photo alone does not close it.
    await expect(member.locator(".notice").getByText(t.alarms.statusOf.open, { exact: true })).toBeVisible();
    await expect(member.getByRole("button", { name: t.alarm.confirm })).toHaveCount(0);

    // Staff see the tenant's photo and confirm: the alarm closes.
    await staff.goto(`/monitoring/alarms/${alarmId}`);
    await expect(staff.getByRole("img", { name: new RegExp(t.alarm.tenantPhotos) })).toBeVisible();
    await staff.getByLabel(t.alarm.note).fill(lng === "en" ? "Checked on site" : "现场核实已清理");
    await staff.getByRole("button", { name: t.alarm.confirm }).click();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.alarmClosed);
    await expect(staff.locator(".notice").getByText(t.alarms.statusOf.cleared, { exact: true })).toBeVisible();

    // The token is revoked: the gateway can send no more.
    await staff.goto("/admin/gateways");
    const row = staff.locator("tbody tr", { hasText: gatewayName });
    await row.locator("summary", { hasText: t.gateways.revoke }).click();
    await row.locator(".confirm__box button[value=revoke]").click();
    await expect(staff.locator(".flash[role=status]")).toHaveText(t.flash.gatewayRevoked);
    await expect(staff.locator("tbody tr", { hasText: gatewayName })).not.toContainText(t.gateways.active);
  });

  test(`staff save the thresholds and a building's filing, add and bind a meter and import its readings: each says so (${lng})`, async ({ browser }) => {
    const staff = await signIn(browser, "staff@demo.test", lng);
    const flash = staff.locator(".flash[role=status]");
    await staff.goto("/admin/monitoring");
    await staff.getByRole("button", { name: t.settings.save }).click();
    await expect(flash).toHaveText(t.flash.thresholdsSaved);

    await staff.goto("/monitoring/buildings");
    await staff.locator('a[href^="/monitoring/buildings/"]').first().click();
    await staff.getByRole("button", { name: t.buildings.saveRental }).click();
    await expect(staff).toHaveURL(/\/monitoring\/buildings\/\d+$/);
    await expect(flash).toHaveText(t.flash.rentalSaved);

    const code = `E2E-${lng}-${Date.now()}`;
    await staff.goto("/monitoring/meters");
    const add = staff.locator("details.card");
    await add.locator("summary").click();
    await add.getByLabel(t.meters.code).fill(code);
    await add.locator("button[value=add]").click();
    await expect(flash).toHaveText(withValues(t.flash.meterAdded, { code }));
    await staff.locator("#bind-meter").selectOption({ label: code });
    await staff.locator("#bind-enterprise").selectOption({ index: 1 });
    await staff.locator("button[value=bind]").click();
    await expect(flash).toHaveText(withValues(t.flash.meterBound, { code }));

    // A good file is confirmed with its counts; the same file again finds its rows already stored.
    const csv = { name: "readings.csv", mimeType: "text/csv", buffer: Buffer.from(`meter,time,kwh\n${code},2026-11-02T10:00:00+08:00,1.5\n`) };
    for (const [written, duplicated] of [
      [1, 0],
      [0, 1],
    ]) {
      await staff.goto("/monitoring/import");
      await staff.getByLabel(t.import.kind).selectOption("readings");
      await staff.getByLabel(t.import.file).setInputFiles(csv);
      await staff.getByRole("button", { name: t.import.submit }).click();
      await expect(flash).toHaveText(withValues(t.flash.imported, { written, duplicated }));
    }
    await staff.context().close();
  });
}

function withValues(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
}
