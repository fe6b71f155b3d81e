import { eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "../../../db/client.server";
import { emailOutbox } from "../../../db/schema/accounts";
import { settings } from "../../lib/env.server";
import { schedule } from "../../lib/scheduler.server";

const BATCH = 50;
// After this many failed tries a message stays in the outbox with its error, for staff to see.
export const MAX_ATTEMPTS = 5;

/** How long a taken message is held by its mailer before another may take it. */
export const CLAIM_MS = 5 * 60_000;

type OutboxRow = { id: number; to_address: string; subject: string; body: string; urgent: boolean; claim: string };

/**
 * Takes up to `limit` unsent messages for this mailer: one statement that locks the rows it
 * picks (FOR UPDATE SKIP LOCKED: a mailer in another process or on another machine takes other
 * rows, never the same) and marks them held for `holdMs`. A mailer that dies holding messages
 * leaves them to the others once that time passes. `claim` is the hold's exact end as text
 * (microseconds kept): the mailer's proof that a message is still its own (renewClaim).
 */
export async function claimOutbox(limit = BATCH, holdMs = CLAIM_MS): Promise<OutboxRow[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    update ${emailOutbox} set claimed_until = now() + make_interval(secs => ${holdMs / 1000})
    where id in (
      select id from ${emailOutbox}
      where sent_at is null and attempts < ${MAX_ATTEMPTS} and (claimed_until is null or claimed_until < now())
      order by urgent desc, id
      limit ${limit}
      for update skip locked
    )
    returning id, to_address, subject, body, urgent, claimed_until::text as claim`);
  const rows = (Array.isArray(result) ? result : (result as { rows: OutboxRow[] }).rows) as OutboxRow[];
  // Urgent ones first (a reset link), then oldest first.
  return rows.map((r) => ({ ...r, id: Number(r.id), urgent: Boolean(r.urgent) })).sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.id - b.id);
}

/**
 * Right before sending, holds the message for another `holdMs` if this mailer still holds it.
 * A batch can outlast its hold (a slow SMTP server); another mailer may then have taken the
 * rest of it, and sending those too would send them twice. Returns the new claim, or null.
 */
async function renewClaim(id: number, claim: string, holdMs: number): Promise<string | null> {
  const db = await getDb();
  const result = await db.execute(sql`
    update ${emailOutbox} set claimed_until = now() + make_interval(secs => ${holdMs / 1000})
    where id = ${id} and sent_at is null and claimed_until = ${claim}::timestamptz
    returning claimed_until::text as claim`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { claim: string }[] }).rows) as { claim: string }[];
  return rows[0]?.claim ?? null;
}

/**
 * Sends what the outbox holds through SMTP when SMTP_URL is set; without it the emails stay
 * recorded in the outbox. Each message is marked sent, or keeps its last error and is tried again.
 * Messages are claimed first (claimOutbox) and each hold is renewed right before its message is
 * sent (renewClaim), so several mailers never send the same one, however slow the SMTP server.
 */
export async function deliverOutbox(
  smtpUrl = settings().SMTP_URL,
  from = settings().MAIL_FROM,
  holdMs = settings().MAIL_CLAIM_SECONDS * 1000,
): Promise<{ sent: number; failed: number }> {
  if (!smtpUrl) return { sent: 0, failed: 0 };
  const db = await getDb();
  const pending = await claimOutbox(BATCH, holdMs);
  if (pending.length === 0) return { sent: 0, failed: 0 };
  // No SMTP silence longer than the hold (nodemailer waits an hour by default).
  const transport = nodemailer.createTransport({ url: smtpUrl, socketTimeout: holdMs });
  let sent = 0;
  let failed = 0;
  try {
    for (const message of pending) {
      if (!(await renewClaim(message.id, message.claim, holdMs))) continue; // another mailer has it now
      try {
        await transport.sendMail({ from, to: message.to_address, subject: message.subject, text: message.body });
        await db
          .update(emailOutbox)
          .set({ sentAt: new Date(), error: null, claimedUntil: null, attempts: sql`${emailOutbox.attempts} + 1` })
          .where(eq(emailOutbox.id, message.id));
        sent++;
      } catch (error) {
        await db
          .update(emailOutbox)
          .set({ error: (error as Error).message.slice(0, 500), claimedUntil: null, attempts: sql`${emailOutbox.attempts} + 1` })
          .where(eq(emailOutbox.id, message.id));
        failed++;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

/**
 * Delivers every MAIL_EVERY_SECONDS (30) while the server runs, on the shared scheduler
 * (app/lib/scheduler.server.ts); returns the stop function, which waits for a delivery in progress.
 * Every server runs its own mailer: messages are claimed (claimOutbox), never sent by two.
 */
export function startMailer(): () => Promise<void> {
  if (!settings().SMTP_URL) return async () => {};
  const job = schedule({ name: "Mail delivery", intervalMs: settings().MAIL_EVERY_SECONDS * 1000, run: () => deliverOutbox(), describe: () => null });
  return () => job.stop();
}
