import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { emailOutbox, users } from "../../db/schema/accounts";
import { claimOutbox, deliverOutbox, MAX_ATTEMPTS } from "../../app/modules/notifications/mailer.server";
import { notify } from "../../app/modules/notifications/notifications.server";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// A real SMTP server on loopback receives what the portal sends.
const received: { to: string[]; data: string }[] = [];
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink(({ to, data }) => {
    received.push({ to, data });
  });
  const db = await getDb();
  await db.insert(users).values({ id: "mail-user", email: "mail@demo.test", passwordHash: "x", displayName: "收件人", role: "member" });
});

afterAll(async () => {
  await sink.close();
});

describe("email delivery", () => {
  it("keeps emails in the outbox when SMTP is not configured", async () => {
    const db = await getDb();
    await db.transaction((tx) =>
      notify(tx, [{ userId: "mail-user", messageKey: "notifications.joinSubmitted", params: { enterprise: "瑞安市测试鞋业有限公司" } }]),
    );
    expect(await deliverOutbox(undefined)).toEqual({ sent: 0, failed: 0 });
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "mail@demo.test"));
    expect(rows).toHaveLength(1);
    expect(rows[0].sentAt).toBeNull();
  });

  it("sends the outbox through SMTP once and marks it sent", async () => {
    const first = await deliverOutbox(sink.url, "portal@demo.test");
    expect(first).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["mail@demo.test"]);
    expect(await deliverOutbox(sink.url, "portal@demo.test")).toEqual({ sent: 0, failed: 0 });
    const db = await getDb();
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "mail@demo.test"));
    expect(row.sentAt).not.toBeNull();
  });

  it("records the error and gives up after a few tries when the server refuses", async () => {
    const db = await getDb();
    await db.insert(emailOutbox).values({ toAddress: "mail@demo.test", subject: "s", body: "b" });
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) await deliverOutbox("smtp://127.0.0.1:1", "portal@demo.test");
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.subject, "s"));
    expect(rows[0].sentAt).toBeNull();
    expect(rows[0].attempts).toBe(MAX_ATTEMPTS);
    expect(rows[0].error).toMatch(/ECONNREFUSED|connect/i);
  });

  it("several mailers at once (other processes, other machines) send each email exactly once", async () => {
    const db = await getDb();
    await db.update(emailOutbox).set({ sentAt: new Date() }); // earlier tests' leftovers are not ours
    const addresses = Array.from({ length: 20 }, (_, i) => `once-${i}@demo.test`);
    await db.insert(emailOutbox).values(addresses.map((a) => ({ toAddress: a, subject: "一次", body: "只发一次" })));
    received.length = 0;
    const runs = await Promise.all(Array.from({ length: 4 }, () => deliverOutbox(sink.url, "portal@demo.test")));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(20);
    const delivered = received
      .flatMap((r) => r.to)
      .filter((a) => a.startsWith("once-"))
      .sort();
    expect(delivered).toEqual([...addresses].sort());
  });

  it("a message held by a mailer that died is left alone until its hold passes, then sent", async () => {
    const db = await getDb();
    const [held] = await db
      .insert(emailOutbox)
      .values({ toAddress: "held@demo.test", subject: "s", body: "b", claimedUntil: new Date(Date.now() + 60_000) })
      .returning();
    expect((await claimOutbox(50)).map((r) => r.id)).not.toContain(held.id);
    await db
      .update(emailOutbox)
      .set({ claimedUntil: new Date(Date.now() - 1_000) })
      .where(eq(emailOutbox.id, held.id));
    received.length = 0;
    await deliverOutbox(sink.url, "portal@demo.test");
    expect(received.flatMap((r) => r.to)).toContain("held@demo.test");
  });

  it("a mailer slower than its hold sends only what it still holds: the messages another mailer took over are not sent twice", async () => {
    const db = await getDb();
    await db.update(emailOutbox).set({ sentAt: new Date() });
    // An SMTP server that takes 300 ms to accept each message: a batch of 4 outlasts a 500 ms hold.
    const slowReceived: string[] = [];
    const slow = await startSmtpSink(async ({ to }) => {
      await new Promise((r) => setTimeout(r, 300));
      slowReceived.push(...to);
    });
    const slowUrl = slow.url;
    try {
      const addresses = Array.from({ length: 4 }, (_, i) => `slow-${i}@demo.test`);
      await db.insert(emailOutbox).values(addresses.map((a) => ({ toAddress: a, subject: "慢", body: "慢服务器" })));
      const first = deliverOutbox(slowUrl, "portal@demo.test", 500);
      // Once the first mailer's hold on its batch has passed, a second mailer takes what is free.
      await new Promise((r) => setTimeout(r, 700));
      const second = deliverOutbox(slowUrl, "portal@demo.test", 500);
      const [one, two] = await Promise.all([first, second]);
      expect(one.sent + two.sent).toBe(4);
      expect([...slowReceived].sort()).toEqual(addresses);
    } finally {
      await slow.close();
    }
  });

  it("sends an urgent message (a reset link) before an older backlog", async () => {
    const db = await getDb();
    await db.update(emailOutbox).set({ sentAt: new Date() });
    await db.insert(emailOutbox).values(Array.from({ length: 3 }, (_, i) => ({ toAddress: `backlog-${i}@demo.test`, subject: "s", body: "b" })));
    const [urgent] = await db.insert(emailOutbox).values({ toAddress: "urgent@demo.test", subject: "s", body: "b", urgent: true }).returning();
    const [first] = await claimOutbox(1);
    expect(first.id).toBe(urgent.id);
  });
});
