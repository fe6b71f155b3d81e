import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "../../../db/client.server";
import { emailOutbox } from "../../../db/schema/accounts";
import { settings } from "../../lib/env.server";
import { schedule } from "../../lib/scheduler.server";

const BATCH = 50;
const EVERY_MS = 30_000;
// After this many failed tries a message stays in the outbox with its error, for staff to see.
export const MAX_ATTEMPTS = 5;

/**
 * Sends what the outbox holds through SMTP when SMTP_URL is set; without it the emails stay
 * recorded in the outbox. Each message is marked sent, or keeps its last error and is tried again.
 */
export async function deliverOutbox(smtpUrl = settings().SMTP_URL, from = settings().MAIL_FROM): Promise<{ sent: number; failed: number }> {
  if (!smtpUrl) return { sent: 0, failed: 0 };
  const db = await getDb();
  const pending = await db
    .select()
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(emailOutbox.id))
    .limit(BATCH);
  if (pending.length === 0) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(smtpUrl);
  let sent = 0;
  let failed = 0;
  try {
    for (const message of pending) {
      try {
        await transport.sendMail({ from, to: message.toAddress, subject: message.subject, text: message.body });
        await db.update(emailOutbox).set({ sentAt: new Date(), error: null, attempts: sql`${emailOutbox.attempts} + 1` }).where(eq(emailOutbox.id, message.id));
        sent++;
      } catch (error) {
        await db
          .update(emailOutbox)
          .set({ error: (error as Error).message.slice(0, 500), attempts: sql`${emailOutbox.attempts} + 1` })
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
 * Delivers every 30 seconds while the server runs, on the shared scheduler
 * (app/lib/scheduler.server.ts); returns the stop function, which waits for a delivery in progress.
 */
export function startMailer(): () => Promise<void> {
  if (!settings().SMTP_URL) return async () => {};
  const job = schedule({ name: "Mail delivery", intervalMs: EVERY_MS, run: () => deliverOutbox(), describe: () => null });
  return () => job.stop();
}
