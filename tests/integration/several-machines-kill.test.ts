// Two separate portal servers on one PostgreSQL database, both running their mailers; the one
// sending the outbox is killed (SIGKILL) in the middle of its batch: every email still reaches the
// SMTP server exactly once, the rest of the batch sent by the survivor once the dead server's hold
// passes. Needs the production build and a PostgreSQL server (TEST_DATABASE_URL).
import { inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { emailOutbox } from "../../db/schema/accounts";
import { haveBuild, Portal, waitFor } from "../support/portal-process";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const EMAILS = 24;
const KILL_AT = 4; // the server sending is killed while this message of its batch waits for acceptance
const ACCEPT_MS = 250; // the SMTP server takes this long to accept each message: the batch lasts seconds
const HOLD_SECONDS = 3; // MAIL_CLAIM_SECONDS: how long the dead server's messages stay held

type Name = "a" | "b";
const servers: Record<Name, Portal> = { a: new Portal(), b: new Portal() };
const accepted: { by: Name; subject: string }[] = [];
const seenBy: Record<Name, number> = { a: 0, b: 0 };
let killed: Name | null = null;
let sentWhenKilled = -1;
const sinks: SmtpSink[] = [];

/**
 * One SMTP listener per server (the same mail store behind both), so the test knows which server
 * sends what. A message counts as delivered only when it is accepted on a connection still open,
 * as a real SMTP server answers 250 only to a client still there.
 */
async function sinkFor(by: Name): Promise<string> {
  const closed = new Set<string>();
  const sink = await startSmtpSink(
    ({ subject, sessionId }) => {
      if (subject.startsWith("mid-job") && ++seenBy[by] === KILL_AT && !killed) {
        killed = by;
        servers[by].process!.kill("SIGKILL");
      }
      // Answered only if the client is still there (never, to a connection already closed).
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (closed.has(sessionId)) return;
          accepted.push({ by, subject });
          resolve();
        }, ACCEPT_MS),
      );
    },
    { onClose: (sessionId) => closed.add(sessionId) },
  );
  sinks.push(sink);
  return sink.url;
}

beforeAll(async () => {
  if (!onPostgres || !haveBuild()) return;
  const [urlA, urlB] = await Promise.all([sinkFor("a"), sinkFor("b")]);
  const shared = { DATABASE_URL: process.env.DATABASE_URL!, YJ_SUPERVISOR: "0", MAIL_EVERY_SECONDS: "1", MAIL_CLAIM_SECONDS: String(HOLD_SECONDS) };
  await Promise.all([servers.a.start({ ...shared, SMTP_URL: urlA }), servers.b.start({ ...shared, SMTP_URL: urlB })]);
  // Nothing else queued: the batch is these emails only.
  const db = await getDb();
  await db.update(emailOutbox).set({ sentAt: new Date() }).where(isNull(emailOutbox.sentAt));
}, 300_000);

afterAll(async () => {
  if (process.env.SHOW_SERVER_OUTPUT) console.log("A:\n" + servers.a.output.slice(-4000) + "\nB:\n" + servers.b.output.slice(-4000));
  await Promise.all([servers.a.stop(), servers.b.stop()]);
  await Promise.all(sinks.map((s) => s.close()));
});

describe.skipIf(!onPostgres || !haveBuild())("a server killed in the middle of sending the outbox", () => {
  it("leaves no email lost or doubled: the survivor sends the rest once the hold passes", async () => {
    const db = await getDb();
    const subjects = Array.from({ length: EMAILS }, (_, i) => `mid-job ${i + 1}`);
    await db.insert(emailOutbox).values(subjects.map((subject, i) => ({ toAddress: `kill${i + 1}@demo.test`, subject, body: "一台服务器中途倒下。" })));

    expect(await waitFor(async () => killed !== null, 20_000, 20)).toBe(true);
    const dead = servers[killed!];
    const survivor = servers[killed === "a" ? "b" : "a"];
    expect(await waitFor(async () => dead.exited !== null, 5_000, 20)).toBe(true);
    expect(dead.exited).toBe("SIGKILL");
    // The kill landed mid-batch: some of the emails sent and marked, the rest held by a dead server.
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(sql`${emailOutbox.subject} like 'mid-job%' and ${emailOutbox.sentAt} is not null`);
    sentWhenKilled = n;
    expect(sentWhenKilled).toBe(KILL_AT - 1);
    expect(survivor.exited).toBeNull();

    const mine = () => accepted.filter((m) => m.subject.startsWith("mid-job"));
    const all = await waitFor(async () => mine().length >= EMAILS, 40_000);
    if (!all)
      console.log(
        JSON.stringify({ killed, accepted: mine(), rows: await db.select().from(emailOutbox).where(inArray(emailOutbox.subject, subjects)) }),
        survivor.output.slice(-3000),
      );
    expect(all).toBe(true);
    await new Promise((r) => setTimeout(r, 2_500)); // two more rounds of the survivor's mailer: nothing more arrives
    expect(
      mine()
        .map((m) => m.subject)
        .sort(),
    ).toEqual([...subjects].sort());
    expect(mine().filter((m) => m.by === killed)).toHaveLength(KILL_AT - 1);
    expect(mine().filter((m) => m.by !== killed)).toHaveLength(EMAILS - (KILL_AT - 1));
    const rows = await db.select().from(emailOutbox).where(inArray(emailOutbox.subject, subjects));
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
  });
});
