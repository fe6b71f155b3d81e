import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { PNG } from "pngjs";
import { signIn } from "./support";

const PASSWORD = "yunjiang-demo";

function shanghaiDay(offsetDays: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

test("a seeker pre-registers for a fair, gets a QR image and a code, and staff check them in once", async ({ page, browser }) => {
  const stamp = Date.now();
  const name = `签到测试${String(stamp).slice(-5)}`;
  await page.goto("/register");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("电子邮箱").fill(`fair-seeker-${stamp}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(`${name} · 求职者`)).toBeVisible();
  await expect(page.locator(".flash[role=status]")).toHaveText("注册成功，欢迎您！现在可以投递岗位、报名招聘会。");

  // The public list shows the upcoming demo fair; the seeker opens it and pre-registers.
  await page.getByRole("link", { name: "招聘会" }).first().click();
  await page.getByRole("link", { name: "冬季用工对接会暨云江鞋企专场招聘" }).click();
  await expect(page).toHaveURL(/\/fairs\/\d+$/);
  const fairUrl = page.url();
  await expect(page.getByLabel("姓名")).toHaveValue(name);
  await expect(page.getByLabel("手机号码")).toHaveValue("13812345678");
  await page.getByLabel("学校（选填）").fill("瑞安市职业中等专业学校");
  await page.getByRole("button", { name: "预约入场" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("预约成功：入场时请出示下方的二维码或入场码。");

  const qr = page.getByRole("img", { name: /入场二维码/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  const box = await qr.boundingBox();
  expect(box!.width).toBeGreaterThan(100);
  const code = (await page.locator(".fair-ticket__code").innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByText("未签到")).toBeVisible();

  // Staff at the entrance type the code (lower case, no dash: as people do).
  const staff = await signIn(browser, "staff@demo.test", "zh-CN", { timezoneId: "Asia/Shanghai", next: "/fairs" });
  await staff.goto(`${fairUrl}/check-in`);
  // The desk's scanner module (decision 036) shows the camera button once it runs; from then a code
  // is sent without leaving the page, and the field is ready for the next one.
  await expect(staff.getByRole("button", { name: "用摄像头扫码" })).toBeVisible();
  const loadedAt = await staff.evaluate(() => performance.timeOrigin);
  await staff.getByLabel("签到码").fill(code.replace("-", "").toLowerCase());
  await staff.getByRole("button", { name: "签到", exact: true }).click();
  // The fair is a month away: refused, and staff may override with a reason.
  await expect(staff.getByRole("alert").filter({ hasText: `未签到：招聘会在` })).toContainText(name);
  expect(await staff.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
  await expect(staff.getByLabel("签到码")).toHaveValue("");
  await expect(staff.getByLabel("签到码")).toBeFocused();
  await staff.getByLabel("非当天签到的原因").fill("E2E：提前签到测试");
  await staff.getByRole("button", { name: `仍为 ${name} 签到` }).click();
  await expect(staff.getByRole("status").filter({ hasText: `签到成功：${name}` })).toBeVisible();

  // A second check-in of the same code is refused with the time of the first.
  await staff.getByLabel("签到码").fill(code);
  await staff.getByRole("button", { name: "签到", exact: true }).click();
  await expect(staff.getByRole("alert").filter({ hasText: `已签到过：${name}` })).toBeVisible();

  // The code at another fair (the June fair) is refused too.
  await staff.goto("/fairs?when=past");
  await staff.getByRole("link", { name: /届职业院校毕业生校企双选会/ }).click();
  await staff.getByRole("link", { name: "现场签到" }).click();
  await staff.getByLabel("签到码").fill(code);
  await staff.getByRole("button", { name: "签到", exact: true }).click();
  await expect(staff.getByRole("alert").filter({ hasText: "属于另一场招聘会" })).toBeVisible();

  // The seeker now sees the check-in on the fair page.
  await page.reload();
  await expect(page.getByText("已签到", { exact: true })).toBeVisible();
  await staff.context().close();
});

test("staff create a fair, an enterprise requests a booth, and staff approve it with a number", async ({ browser }) => {
  const title = `E2E 招聘会 ${Date.now()}`;
  const staff = await signIn(browser, "staff@demo.test", "zh-CN", { timezoneId: "Asia/Shanghai", next: "/fairs" });
  await staff.goto("/fairs/new");
  await staff.getByLabel("名称").fill(title);
  await staff.getByLabel("举办日期").fill(shanghaiDay(20));
  await staff.getByLabel("地点").fill("瑞安市职业中等专业学校 体育馆");
  await staff.getByLabel("合作院校").fill("瑞安市职业中等专业教育集团");
  await staff.getByLabel("展位数量上限").fill("2");
  await staff.getByLabel("展位报名开始日期").fill(shanghaiDay(-1));
  await staff.getByLabel("展位报名截止日期").fill(shanghaiDay(10));
  await staff.getByLabel("立即发布（公众可见）").check();
  await staff.getByRole("button", { name: "创建招聘会" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staff.locator(".flash[role=status]")).toHaveText("招聘会已保存。");
  await expect(staff.getByText("已发布")).toBeVisible();
  await expect(staff).toHaveURL(/\/fairs\/\d+$/);
  const fairUrl = staff.url();

  const member = await signIn(browser, "member@demo.test", "zh-CN", { timezoneId: "Asia/Shanghai", next: "/fairs" });
  await member.goto(fairUrl);
  await member.getByLabel("备注（选填）").fill("先试一下");
  await member.getByRole("button", { name: "申请展位" }).click();
  await expect(member.locator(".flash[role=status]")).toHaveText("展位申请已提交，请等待协会审核，结果会通知您。");
  // Withdrawn while still pending (said so), then asked for again within the window.
  await member.locator("#my-booth summary", { hasText: "撤回申请" }).click();
  await member.getByRole("button", { name: "确定撤回" }).click();
  await expect(member.locator(".flash[role=status]")).toHaveText("展位申请已撤回。");
  await member.getByLabel("备注（选填）").fill("需要电源");
  await member.getByRole("button", { name: "申请展位" }).click();
  await expect(member.locator(".flash[role=status]")).toHaveText("展位申请已提交，请等待协会审核，结果会通知您。");
  await expect(member.locator("#my-booth").getByText("待审核")).toBeVisible();
  // One booth per enterprise: the form is gone once the request stands.
  await expect(member.getByRole("button", { name: "申请展位" })).toHaveCount(0);

  await staff.goto(`${fairUrl}/booths`);
  const row = staff.getByRole("row").filter({ hasText: "需要电源" });
  await row.getByText("批准", { exact: true }).click();
  await row.getByRole("button", { name: "确定批准" }).click();
  await expect(staff.locator(".flash[role=status]")).toHaveText("已批准，展位号 1。");
  await expect(staff).toHaveURL(new RegExp(`${new URL(fairUrl).pathname}/booths$`));

  // A second enterprise asks; staff, on the list filtered to what waits, decline it with a reason
  // and come back to the same filtered list with the message.
  const other = await signIn(browser, "rep@demo.test", "zh-CN", { timezoneId: "Asia/Shanghai", next: "/fairs" });
  await other.goto(fairUrl);
  await other.getByLabel("备注（选填）").fill("展位靠门口");
  await other.getByRole("button", { name: "申请展位" }).click();
  await expect(other.locator(".flash[role=status]")).toHaveText("展位申请已提交，请等待协会审核，结果会通知您。");
  await other.context().close();
  await staff.goto(`${fairUrl}/booths?status=requested`);
  const waiting = staff.getByRole("row").filter({ hasText: "展位靠门口" });
  await waiting.getByText("拒绝", { exact: true }).click();
  await waiting.getByRole("textbox", { name: /^原因/ }).fill("展位已满");
  await waiting.getByRole("button", { name: "确定拒绝" }).click();
  await expect(staff.locator(".flash[role=status]")).toHaveText("已拒绝该展位申请，企业会收到原因。");
  await expect(staff).toHaveURL(new RegExp(`${new URL(fairUrl).pathname}/booths\\?status=requested$`));

  await member.reload();
  await expect(member.locator("#my-booth").getByText("已批准")).toBeVisible();
  await expect(member.locator("#my-booth").getByText("1 号展位")).toBeVisible();
  await member.context().close();
  await staff.context().close();
});

/**
 * A Y4M video (what Chromium's fake camera plays) of the QR image centred on a white 640x480
 * frame: YUV 4:2:0, luma from the pixels; the code is black and white, so chroma stays neutral.
 */
function qrVideo(pngDataUrl: string, file: string): void {
  const png = PNG.sync.read(Buffer.from(pngDataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
  const width = 640;
  const height = 480;
  const luma = Buffer.alloc(width * height, 235);
  const ox = Math.floor((width - png.width) / 2);
  const oy = Math.floor((height - png.height) / 2);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      luma[(y + oy) * width + (x + ox)] = Math.round(16 + (219 * (0.299 * r + 0.587 * g + 0.114 * b)) / 255);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

// The camera cannot be a real one here: Chromium's fake capture device plays a video of the
// ticket's QR image instead, so the page's own path (getUserMedia, frames on a canvas, the
// JavaScript decoder) runs end to end. BarcodeDetector is removed first, so the fallback is what
// is tested whatever this Chromium build offers.
test("staff save a new fair as a draft (publish now left unticked), in English, and the public does not see it", async ({ browser }) => {
  const title = `E2E draft fair ${Date.now()}`;
  const staff = await signIn(browser, "staff@demo.test", "zh-CN", { timezoneId: "Asia/Shanghai", next: "/fairs" });
  await staff.goto("/fairs/new?lng=en");
  await staff.getByLabel("Title").fill(title);
  await staff.getByLabel("Date", { exact: true }).fill(shanghaiDay(30));
  await staff.getByLabel("Venue", { exact: true }).fill("Rui'an Vocational School gym");
  await staff.getByLabel("Booth capacity").fill("5");
  await staff.getByLabel("Booth requests open on").fill(shanghaiDay(1));
  await staff.getByLabel("Booth requests close on").fill(shanghaiDay(20));
  await expect(staff.getByLabel("Publish now (visible to the public)")).not.toBeChecked();
  await staff.getByRole("button", { name: "Create job fair" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staff.getByText("Draft (not public)").first()).toBeVisible();
  const fairUrl = staff.url();
  expect(fairUrl).toMatch(/\/fairs\/\d+(\?.*)?$/);

  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(new URL(fairUrl).pathname))?.status()).toBe(404);
  await visitor.goto("/fairs?lng=en");
  await expect(visitor.getByText(title)).toHaveCount(0);

  // Staff publish it later: the shared success message says so, and the public now sees it.
  await staff.locator("summary", { hasText: "Publish" }).click();
  await staff
    .getByRole("group", { name: /Once published/ })
    .getByRole("button", { name: "Publish" })
    .click();
  await expect(staff.locator(".flash[role=status]")).toHaveText("The job fair is published.");
  expect((await visitor.goto(new URL(fairUrl).pathname))?.status()).toBe(200);
  // …and cancel it: said the same way.
  await staff.locator("summary", { hasText: "Cancel the fair" }).click();
  await staff
    .getByRole("group", { name: /A cancelled fair/ })
    .getByRole("button", { name: "Cancel the fair" })
    .click();
  await expect(staff.locator(".flash[role=status]")).toHaveText("The job fair is cancelled.");
  await expect(staff.locator(".page-header").getByText("Cancelled")).toBeVisible();
});

test("staff check a seeker in by showing the ticket's QR code to the camera (JavaScript decoder)", async ({ page, baseURL }) => {
  const stamp = Date.now();
  const name = `扫码测试${String(stamp).slice(-5)}`;
  await page.goto("/register");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("电子邮箱").fill(`fair-camera-${stamp}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345679");
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(`${name} · 求职者`)).toBeVisible();
  await page.goto("/fairs");
  await page.getByRole("link", { name: "冬季用工对接会暨云江鞋企专场招聘" }).click();
  await expect(page).toHaveURL(/\/fairs\/\d+$/);
  const fairUrl = page.url();
  await page.getByRole("button", { name: "预约入场" }).click();
  const qr = page.getByRole("img", { name: /入场二维码/ });
  await expect(qr).toBeVisible();

  const dir = mkdtempSync(path.join(os.tmpdir(), "yj-fake-camera-"));
  const video = path.join(dir, "ticket.y4m");
  qrVideo((await qr.getAttribute("src"))!, video);
  const system = "/usr/bin/chromium";
  const browser = await chromium.launch({
    ...(existsSync(system) ? { executablePath: system } : {}),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await browser.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", permissions: ["camera"] });
    await context.addInitScript(() => {
      delete (window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector;
    });
    const staff = await context.newPage();
    await staff.goto("/login?next=/fairs");
    await staff.getByLabel("电子邮箱").fill("staff@demo.test");
    await staff.getByLabel("密码").fill(PASSWORD);
    await staff.getByRole("button", { name: "登录" }).click();
    await expect(staff.getByRole("button", { name: "退出" })).toBeVisible();
    await staff.goto(`${new URL(fairUrl).pathname}/check-in`);
    const decoderLoads = staff.waitForRequest(/\/page-scripts\/jsQR-[^/]+\.js$/);
    await staff.getByRole("button", { name: "用摄像头扫码" }).click();
    await decoderLoads;
    // The scanned code is read (the refusal names the visitor: the fair is a month away); staff override.
    await expect(staff.getByRole("alert").filter({ hasText: "未签到：招聘会在" })).toContainText(name, { timeout: 20_000 });
    await staff.getByLabel("非当天签到的原因").fill("E2E：扫码测试");
    await staff.getByRole("button", { name: `仍为 ${name} 签到` }).click();
    await expect(staff.getByRole("status").filter({ hasText: `签到成功：${name}` })).toBeVisible();
    await context.close();
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await page.reload();
  await expect(page.getByText("已签到", { exact: true })).toBeVisible();
});
