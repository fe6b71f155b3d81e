import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, httpRequest, sessionCookieOf, signIn, type HttpResponse } from "../access/http";
import { signInOn } from "./support";

// HTTP-level security checks against the running app. Failed logins come from their own
// loopback addresses (127.0.0.x) so they never throttle the other e2e tests.
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

function checkHeaders(res: HttpResponse, what: string) {
  const csp = String(res.headers["content-security-policy"] ?? "");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, `${what}: script-src`).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/);
  expect(res.headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(res.headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(res.headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(res.headers["x-powered-by"], `${what}: no X-Powered-By`).toBeUndefined();
  return scriptSrc.match(/'nonce-([^']+)'/)?.[1];
}

test.describe("security headers", () => {
  test("are on every kind of response, and every inline script carries the nonce", async ({ baseURL }) => {
    const base = baseURL!;
    const home = await httpRequest(base, { path: "/" });
    expect(home.status).toBe(200);
    const nonce = checkHeaders(home, "document");
    const inline = [...home.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag[1], "inline script without the nonce").toContain(`nonce="${nonce}"`);
    // A new nonce for every response.
    expect(checkHeaders(await httpRequest(base, { path: "/" }), "document again")).not.toBe(nonce);

    const asset = home.body.match(/(?:href|src)="(\/build\/[^"]+\.(?:js|css))"/)?.[1];
    expect(asset).toBeTruthy();
    const responses: [string, HttpResponse, number][] = [
      ["data request", await httpRequest(base, { path: "/_root.data" }), 200],
      ["built asset", await httpRequest(base, { path: asset! }), 200],
      ["static file", await httpRequest(base, { path: "/favicon.svg" }), 200],
      ["404 page", await httpRequest(base, { path: `/no-such-page-${unique()}` }), 404],
      ["healthz", await httpRequest(base, { path: "/healthz" }), 200],
      ["redirect to login", await httpRequest(base, { path: "/admin/users" }), 302],
      ["403 page", await httpRequest(base, { path: "/admin/users", cookie: await signIn(base, "seeker@demo.test", DEMO_PASSWORD, "127.0.0.5") }), 403],
      ["refused cross-site POST", await httpRequest(base, { path: "/login", form: { email: "a@b.c", password: "x" }, origin: "https://evil.example" }), 403],
      ["form error", await httpRequest(base, { path: "/login", form: { email: "", password: "" }, localAddress: "127.0.0.5" }), 400],
    ];
    for (const [what, res, status] of responses) {
      expect(res.status, what).toBe(status);
      checkHeaders(res, what);
    }
  });
});

test.describe("public job pages kept for visitors without an account", () => {
  test("are sent again with a fresh nonce, in the visitor's language, and never to a signed-in user", async ({ baseURL }) => {
    const base = baseURL!;
    const path = `/jobs?q=${encodeURIComponent("针车")}&sort=newest&probe=${unique()}`;
    const first = await httpRequest(base, { path });
    const second = await httpRequest(base, { path });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers["x-portal-cache"]).toBe("hit");
    const [n1, n2] = [checkHeaders(first, "rendered page"), checkHeaders(second, "kept page")];
    expect(n2).not.toBe(n1);
    const inline = [...second.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag[1], "kept page: inline script with this response's nonce").toContain(`nonce="${n2}"`);
    expect(second.body).not.toContain(n1!);
    expect(second.body.split(n2!).join("N")).toBe(first.body.split(n1!).join("N"));
    // Another language is another page.
    const english = await httpRequest(base, { path, headers: { "accept-language": "en" } });
    expect(english.headers["x-portal-cache"]).toBeUndefined();
    expect(english.body).toContain('lang="en"');
    // A signed-in user always gets a page rendered for them.
    const cookie = await signIn(base, "seeker@demo.test", DEMO_PASSWORD, "127.0.0.6");
    for (let i = 0; i < 2; i++) expect((await httpRequest(base, { path, cookie })).headers["x-portal-cache"]).toBeUndefined();
  });
});

test.describe("requests and sessions", () => {
  test("a POST from another site is refused with 403, and changes nothing", async ({ baseURL }) => {
    const base = baseURL!;
    const cookie = await signIn(base, "staff@demo.test", DEMO_PASSWORD, "127.0.0.5");
    const foreign = await httpRequest(base, { path: "/logout", form: {}, cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const nullOrigin = await httpRequest(base, { path: "/logout", form: {}, cookie, origin: "null" });
    expect(nullOrigin.status).toBe(403);
    const foreignReferer = await httpRequest(base, { path: "/logout", form: {}, cookie, origin: null, headers: { referer: "https://evil.example/page" } });
    expect(foreignReferer.status).toBe(403);
    const lookalike = await httpRequest(base, { path: "/logout", form: {}, cookie, origin: `${new URL(base).origin}.evil.example` });
    expect(lookalike.status).toBe(403);
    // The session survived all of them.
    expect((await httpRequest(base, { path: "/admin/audit", cookie })).status).toBe(200);
    // The same POST from the app itself works.
    const own = await httpRequest(base, { path: "/logout", form: {}, cookie });
    expect(own.status).toBe(302);
  });

  test("logout ends the session on the server: the old cookie is anonymous afterwards", async ({ baseURL }) => {
    const base = baseURL!;
    const cookie = await signIn(base, "staff@demo.test", DEMO_PASSWORD, "127.0.0.5");
    expect((await httpRequest(base, { path: "/admin/audit", cookie })).status).toBe(200);
    const out = await httpRequest(base, { path: "/logout", form: {}, cookie });
    expect(String(out.headers["set-cookie"])).toMatch(/yj_session=;/);
    // Replaying the old cookie (as a thief would) gets the login redirect.
    const replay = await httpRequest(base, { path: "/admin/audit", cookie });
    expect(replay.status).toBe(302);
    expect(String(replay.headers.location)).toMatch(/^\/login/);
  });

  test("the session cookie is HttpOnly, SameSite=Lax, not Secure over http, and rotates at every sign-in", async ({ baseURL }) => {
    const base = baseURL!;
    const res = await httpRequest(base, { path: "/login", form: { email: "member@demo.test", password: DEMO_PASSWORD }, localAddress: "127.0.0.5" });
    const header = (res.headers["set-cookie"] ?? []).find((c) => c.startsWith("yj_session="))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toMatch(/Secure/i);
    const first = sessionCookieOf(res)!;
    // Signing in again while holding the first session gives a new id and ends the old one.
    const again = await httpRequest(base, {
      path: "/login",
      form: { email: "member@demo.test", password: DEMO_PASSWORD },
      cookie: first,
      localAddress: "127.0.0.5",
    });
    const second = sessionCookieOf(again)!;
    expect(second).not.toBe(first);
    expect((await httpRequest(base, { path: "/notifications", cookie: first })).status).toBe(302);
    expect((await httpRequest(base, { path: "/notifications", cookie: second })).status).toBe(200);
  });

  test("unknown email and wrong password get the same answer", async ({ baseURL }) => {
    const base = baseURL!;
    const alertOf = (r: HttpResponse) => r.body.match(/<div class="alert alert--error" role="alert">([^<]*)</)?.[1];
    const unknown = await httpRequest(base, {
      path: "/login",
      form: { email: `nobody-${unique()}@demo.test`, password: "wrong-password" },
      localAddress: "127.0.0.6",
    });
    const wrong = await httpRequest(base, { path: "/login", form: { email: "mediator@demo.test", password: "wrong-password" }, localAddress: "127.0.0.6" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(alertOf(unknown)).toBeTruthy();
    expect(alertOf(unknown)).toBe(alertOf(wrong));
  });

  test("login throttling: an address is refused after 50 failures over many accounts, the account still signs in from another address", async ({ baseURL }) => {
    const base = baseURL!;
    const attacker = "127.0.0.4";
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.push(
        (await httpRequest(base, { path: "/login", form: { email: `guess-${i}-${unique()}@demo.test`, password: "wrong-password" }, localAddress: attacker }))
          .status,
      );
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const refused = await httpRequest(base, { path: "/login", form: { email: "mediator@demo.test", password: DEMO_PASSWORD }, localAddress: attacker });
    expect(refused.status).toBe(429);
    expect(sessionCookieOf(refused)).toBeNull();
    expect(refused.body).toMatch(/role="alert">[^<]+</);
    // The real user, elsewhere, is not locked out by the attacker's address.
    await signIn(base, "mediator@demo.test", DEMO_PASSWORD, "127.0.0.7");
  });

  test("login throttling: five failures refuse that address for that account; the owner signs in from another address", async ({ baseURL }) => {
    const base = baseURL!;
    const email = `throttle-${unique()}@e2e.test`;
    const reg = await httpRequest(base, {
      path: "/register",
      form: { displayName: "限流测试", email, phone: "13812345678", password: "long-enough-password", confirmPassword: "long-enough-password" },
      localAddress: "127.0.0.8",
    });
    expect(reg.status).toBe(302);
    for (let i = 0; i < 5; i++) {
      expect((await httpRequest(base, { path: "/login", form: { email, password: "wrong-password" }, localAddress: "127.0.2.1" })).status).toBe(401);
    }
    // The failing address is refused for this account, even with the right password.
    const locked = await httpRequest(base, { path: "/login", form: { email, password: "long-enough-password" }, localAddress: "127.0.2.1" });
    expect(locked.status).toBe(429);
    // A stranger cannot lock the owner out: from an address without failures, the right password gets in.
    await signIn(base, email, "long-enough-password", "127.0.2.9");
    await signIn(base, "seeker@demo.test", DEMO_PASSWORD, "127.0.2.1");
  });
});

async function noDialogs(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("dialog", async (d) => {
    seen.push(d.message());
    await d.dismiss();
  });
  return seen;
}

test("a stored script payload renders as text, in the header, the user list and the audit log", async ({ page, browser }) => {
  const dialogs = await noDialogs(page);
  // 60 characters, the name's limit: a unique tag, a script element and an event handler.
  const payload = `${unique().slice(-7)}<script>alert(1)</script><img src=x onerror=alert(2)>`;
  await page.goto("/register");
  await page.getByLabel("姓名").fill(payload.slice(0, 60));
  await page.getByLabel("电子邮箱").fill(`xss-${unique()}@e2e.test`);
  await page.getByLabel("手机号码").fill("13812345678");
  await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
  await page.getByLabel("确认密码").fill("long-enough-password");
  await page.getByRole("button", { name: "注册" }).click();
  const name = payload.slice(0, 60);
  await expect(page.locator(".user-chip")).toHaveText(`${name} · 求职者`);
  await expect(page.locator(".user-chip img")).toHaveCount(0);

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  const adminDialogs = await noDialogs(adminPage);
  await signInOn(adminPage, "admin@demo.test", "zh-CN");
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(name.slice(0, 7))}`);
  await expect(adminPage.getByRole("link", { name })).toBeVisible();
  await expect(adminPage.locator(".pagination")).toContainText("共 1 条");
  await expect(adminPage.locator(".pagination")).not.toContainText("NaN");
  await adminPage.goto("/admin/audit?action=user.create");
  await expect(adminPage.locator("pre.audit-json").filter({ hasText: name }).first()).toBeVisible();
  await expect(adminPage.locator("main img")).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(adminDialogs).toEqual([]);
  await admin.close();
});

test("admin creates a department user who signs in; disabling signs them out at once; each step says so", async ({ page, browser }) => {
  const email = `dept-${unique()}@e2e.test`;
  await signInOn(page, "admin@demo.test", "zh-CN");
  await page.goto("/admin/users/new");
  await page.getByLabel("姓名").fill("科技局联络员");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("角色").selectOption("department");
  await page.getByLabel("初始密码").fill("long-enough-password");
  await page.getByRole("button", { name: "创建用户" }).click();
  // A department user needs a department: the form says so and keeps what was typed.
  await expect(page.getByText("请选择该联络员所属的部门").first()).toBeVisible();
  await expect(page.getByLabel("电子邮箱")).toHaveValue(email);
  await page.getByLabel("所属部门（部门联络员）").selectOption({ label: "瑞安市科学技术局" });
  await page.getByLabel("初始密码").fill("long-enough-password");
  await page.getByRole("button", { name: "创建用户" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("用户已创建，现在即可登录。");
  const userUrl = page.url();
  await page.getByRole("button", { name: "保存角色" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("角色已保存。");

  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await signInOn(them, email, "zh-CN", { password: "long-enough-password" });
  await expect(them.locator(".user-chip")).toHaveText("科技局联络员 · 部门联络员");

  await page.goto(userUrl);
  await page.locator("summary", { hasText: "停用账号…" }).click();
  await page.getByRole("button", { name: "确定停用" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("账号已停用，已结束 1 个登录会话。");
  await expect(page.getByText("已停用").first()).toBeVisible();

  // Their very next request is anonymous.
  await them.reload();
  await expect(them.getByRole("link", { name: "登录" })).toBeVisible();
  await expect(them.locator(".user-chip")).toHaveCount(0);
  await theirs.close();

  // The audit log shows it, with the CSV export of the same filter.
  await page.goto(`/admin/audit?action=user.disable`);
  await expect(page.locator("td code", { hasText: "user.disable" }).first()).toBeVisible();
  const csv = await page.request.get(`/admin/audit.csv?action=user.disable`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("user.disable");

  await page.goto(userUrl);
  await page.locator("summary", { hasText: "启用账号…" }).click();
  await page.getByRole("button", { name: "确定启用" }).click();
  await expect(page.locator(".flash[role=status]")).toHaveText("账号已重新启用。");
});
