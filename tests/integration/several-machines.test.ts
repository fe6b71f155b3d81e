// Two separate portal servers (not node:cluster) on two ports against one PostgreSQL database, with
// nginx in front of them (deploy/nginx.conf as shipped, ports changed) when nginx is installed:
// files, caches, scheduled jobs, the outbox, sign-in, the Origin check and the throttle behave as
// on one machine. Needs the production build and a PostgreSQL server (TEST_DATABASE_URL).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, emailOutbox } from "../../db/schema/accounts";
import { jobPostings } from "../../db/schema/jobs";
import { scheduledRuns } from "../../db/schema/system";
import { seedDemo } from "../../db/seed/demo.server";
import { freePort } from "../support/free-port";
import { NGINX, nginxConfig } from "../support/nginx-config.mjs";
import { haveBuild, Portal, root, waitFor } from "../support/portal-process";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const haveNginx = existsSync(NGINX);
const PASSWORD = "yunjiang-demo";

const work = mkdtempSync(path.join(tmpdir(), "yj-machines-"));
const a = new Portal();
const b = new Portal();
let proxy: ChildProcess | null = null;
let proxyPort = 0;
let proxyLog = "";
const received: { to: string; subject: string }[] = [];
let smtp: SmtpSink | undefined;

const via = (port: number, p: string) => `http://127.0.0.1:${port}${p}`;

/** Signs in through `port` and returns the Cookie header to send after. */
async function signIn(port: number, email: string): Promise<string> {
  const res = await fetch(via(port, "/login"), {
    method: "POST",
    redirect: "manual",
    headers: { Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD, next: "" }),
  });
  expect(res.status, `sign-in of ${email} through ${port}`).toBe(302);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  if (!onPostgres || !haveBuild()) return;
  smtp = await startSmtpSink(({ to, subject }) => {
    received.push({ to: to.join(","), subject });
  });

  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx));
  proxyPort = await freePort();
  const shared = {
    DATABASE_URL: process.env.DATABASE_URL!,
    FILE_STORE: "database",
    TRUST_PROXY: "1",
    PUBLIC_ORIGIN: `http://127.0.0.1:${proxyPort}`,
    YJ_SUPERVISOR: "0",
    SMTP_URL: smtp.url,
    MAIL_EVERY_SECONDS: "1",
  };
  // Each server has a disk of its own: nothing may depend on a file written by the other.
  await Promise.all([a.start({ ...shared, UPLOAD_DIR: path.join(work, "disk-a") }), b.start({ ...shared, UPLOAD_DIR: path.join(work, "disk-b") })]);
  if (haveNginx) {
    writeFileSync(path.join(work, "nginx.conf"), nginxConfig({ root, work, proxyPort, upstreams: [a.port, b.port], workerConnections: 256 }));
    proxy = spawn(NGINX, ["-p", work, "-c", path.join(work, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
    proxy.stderr!.on("data", (d: Buffer) => (proxyLog += d));
    const up = await waitFor(async () => (await fetch(via(proxyPort, "/healthz")).catch(() => null))?.status === 200, 10_000);
    if (!up) throw new Error(`nginx did not start:\n${proxyLog}`);
  }
}, 300_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_OUTPUT) console.log("A:\n" + a.output.slice(-4000) + "\nB:\n" + b.output.slice(-4000) + "\nnginx:\n" + proxyLog.slice(-2000));
  if (proxy && proxy.exitCode === null) {
    const done = new Promise((r) => proxy!.once("exit", r));
    proxy.kill("SIGQUIT");
    await Promise.race([done, new Promise((r) => setTimeout(r, 5_000))]);
    if (proxy.exitCode === null) proxy.kill("SIGKILL");
  }
  await Promise.all([a.stop(), b.stop()]);
  await smtp?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!onPostgres || !haveBuild())("two portal servers on one database", () => {
  it("ran each scheduled job once for its period, on one of the two", async () => {
    const db = await getDb();
    await waitFor(async () => (await db.select().from(scheduledRuns)).every((r) => r.finishedAt), 30_000);
    const runs = await db.select().from(scheduledRuns);
    const jobs = new Set(runs.map((r) => r.job));
    expect([...jobs].sort()).toEqual(["Dispute reminders", "Finance clocks", "Membership sweep", "Ticket timers"]);
    for (const run of runs) expect(run.finishedAt, run.job).not.toBeNull();
    // The sweep logs one line per run: once in both servers' output together.
    expect((a.output + b.output).match(/Membership sweep/g)).toHaveLength(1);
  });

  it("serves a file uploaded through one server from the other and through the proxy", async () => {
    const cookie = await signIn(a.port, "seeker@demo.test");
    const pdf = Buffer.from(`%PDF-1.4\n% 云江 résumé ${Date.now()}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
    const form = new FormData();
    form.set("fullName", "陈晓燕");
    form.set("phone", "13857712345");
    form.set("education", "college");
    form.set("resume", new Blob([pdf], { type: "application/pdf" }), "简历.pdf");
    const saved = await fetch(via(a.port, "/jobs/profile"), {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: `http://127.0.0.1:${a.port}` },
      body: form,
    });
    expect(saved.status, await saved.clone().text()).toBe(302);

    const fromB = await fetch(via(b.port, "/jobs/resume/me"), { headers: { Cookie: cookie } });
    expect(fromB.status).toBe(200);
    expect(Buffer.from(await fromB.arrayBuffer()).equals(pdf)).toBe(true);
    if (haveNginx) {
      const fromProxy = await fetch(via(proxyPort, "/jobs/resume/me"), { headers: { Cookie: cookie } });
      expect(fromProxy.status).toBe(200);
      expect(Buffer.from(await fromProxy.arrayBuffer()).equals(pdf)).toBe(true);
    }
  });

  it("shows a change made on one server on the other's cached public pages at once", async () => {
    const db = await getDb();
    const [posting] = await db
      .select({ id: jobPostings.id, title: jobPostings.title })
      .from(jobPostings)
      .where(sql`${jobPostings.closedAt} is null and ${jobPostings.hiddenAt} is null and ${jobPostings.closesOn} >= current_date`)
      .limit(1);
    // Anonymous visits on B fill its caches (the public lists and the 2-second page cache).
    for (let i = 0; i < 2; i++) {
      expect(await (await fetch(via(b.port, `/jobs/${posting.id}`))).text()).toContain(posting.title);
    }
    const staff = await signIn(a.port, "staff@demo.test");
    const hidden = await fetch(via(a.port, `/jobs/${posting.id}`), {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: staff, Origin: `http://127.0.0.1:${a.port}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "hide", reason: "多机测试：信息不实" }),
    });
    expect(hidden.status).toBe(302);
    // Within a second, B no longer shows it to anybody.
    const gone = await waitFor(async () => (await fetch(via(b.port, `/jobs/${posting.id}`))).status === 404, 1_000, 50);
    expect(gone).toBe(true);
  });

  it("delivers 20 outbox emails each exactly once while both servers' mailers run", async () => {
    const db = await getDb();
    // The demo data's own notices are marked sent first, so these 20 are not queued behind them.
    await db
      .update(emailOutbox)
      .set({ sentAt: new Date() })
      .where(sql`${emailOutbox.sentAt} is null`);
    const subjects = Array.from({ length: 20 }, (_, i) => `several-machines ${i + 1}`);
    await db.insert(emailOutbox).values(subjects.map((subject, i) => ({ toAddress: `machine${i + 1}@demo.test`, subject, body: "两台服务器，一封邮件。" })));
    const mine = () => received.filter((m) => m.subject.startsWith("several-machines"));
    await waitFor(async () => mine().length >= 20, 20_000);
    await new Promise((r) => setTimeout(r, 2_500)); // two more rounds of both mailers: nothing more arrives
    expect(
      mine()
        .map((m) => m.subject)
        .sort(),
    ).toEqual([...subjects].sort());
    const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.subject, subjects));
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
  });

  it.skipIf(!haveNginx)("signs in, checks the Origin and throttles through the proxy by the client's real address", async () => {
    const origin = `http://127.0.0.1:${proxyPort}`;
    const post = (email: string, password: string, headers: Record<string, string> = {}) =>
      fetch(via(proxyPort, "/login"), {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ email, password, next: "" }),
      });
    expect((await post("member@demo.test", PASSWORD)).status).toBe(302);
    expect((await post("member@demo.test", PASSWORD, { Origin: "https://evil.example" })).status).toBe(403);

    // A client that writes its own X-Forwarded-For gets nothing from it: the proxy sets the address.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post("rep@demo.test", "wrong-password", { "X-Forwarded-For": `10.9.8.${i}` })).status);
    expect(statuses.at(-1)).toBe(429);
    const db = await getDb();
    const ips = await db
      .selectDistinct({ ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.login_failed"), sql`${auditEvents.after}->>'email' = 'rep@demo.test'`));
    expect(ips).toEqual([{ ip: "127.0.0.1" }]);
  });

  it.skipIf(!haveNginx)("keeps serving through the proxy when one server is killed", async () => {
    a.process!.kill("SIGKILL");
    await waitFor(async () => a.exited !== null, 5_000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(via(proxyPort, "/jobs")).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
  });
});
