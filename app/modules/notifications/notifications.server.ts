import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Database, type Executor } from "../../../db/client.server";
import { emailOutbox, notifications, users } from "../../../db/schema/accounts";
import { translator, type Language } from "../../lib/i18n";

export type Notice = {
  userId: string;
  /** A key in the "notifications" part of the common namespace, e.g. "notifications.ticketReferred". */
  messageKey: string;
  params?: Record<string, string | number>;
  link?: string;
};

/**
 * Tells users about an event: an in-app notice always, and an email in the outbox (sent when
 * SMTP is configured). Call it inside the transaction of the change it reports.
 */
export async function notify(tx: Executor, notices: Notice[], emailLanguage: Language = "zh-CN"): Promise<void> {
  if (notices.length === 0) return;
  await tx.insert(notifications).values(
    notices.map((n) => ({ userId: n.userId, messageKey: n.messageKey, params: n.params ?? {}, link: n.link ?? null })),
  );
  // One query for the addresses and one insert for the emails, however many notices.
  const t = translator(emailLanguage);
  const addresses = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, [...new Set(notices.map((n) => n.userId))]));
  const emailOf = new Map(addresses.map((u) => [u.id, u.email]));
  const emails = notices.flatMap((n) => {
    const toAddress = emailOf.get(n.userId);
    if (!toAddress) return [];
    const text = t(n.messageKey, n.params ?? {});
    return [{ toAddress, subject: text, body: n.link ? `${text}\n\n${n.link}` : text }];
  });
  if (emails.length) await tx.insert(emailOutbox).values(emails);
}

function unreadQuery(db: Database) {
  return db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare("count_unread");
}
// Every signed-in page shows the bell: the query is built once per database, not per page.
const unreadQueries = new WeakMap<Database, ReturnType<typeof unreadQuery>>();

export async function countUnread(userId: string): Promise<number> {
  const db = await getDb();
  let query = unreadQueries.get(db);
  if (!query) unreadQueries.set(db, (query = unreadQuery(db)));
  const [row] = await query.execute({ userId });
  return row.n;
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

export async function listNotifications(userId: string, page: number) {
  const db = await getDb();
  const [total] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId));
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE);
  return { rows, total: total.n };
}

export async function markAllRead(userId: string): Promise<void> {
  const db = await getDb();
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
