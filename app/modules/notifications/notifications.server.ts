import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
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
 *
 * However many recipients, this is ONE statement: the notices and the emails go in as one JSON
 * array each (a data-modifying CTE inserts the notices, the outbox rows join users for the
 * addresses); no query per recipient inside the transaction.
 */
export async function notify(tx: Executor, notices: Notice[], emailLanguage: Language = "zh-CN"): Promise<void> {
  if (notices.length === 0) return;
  const t = translator(emailLanguage);
  const rows = notices.map((n) => ({ user_id: n.userId, message_key: n.messageKey, params: n.params ?? {}, link: n.link ?? null }));
  const mails = notices.map((n) => {
    const text = t(n.messageKey, n.params ?? {});
    return { user_id: n.userId, subject: text, body: n.link ? `${text}\n\n${n.link}` : text };
  });
  await tx.execute(sql`
    with inserted as (
      insert into ${notifications} (user_id, message_key, params, link)
      select r.user_id, r.message_key, r.params, r.link
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(user_id text, message_key text, params jsonb, link text)
      returning 1
    )
    insert into ${emailOutbox} (to_address, subject, body)
    select u.email, m.mail ->> 'subject', m.mail ->> 'body'
    from jsonb_array_elements(${JSON.stringify(mails)}::jsonb) with ordinality as m(mail, n)
    join ${users} u on u.id = m.mail ->> 'user_id'
    order by m.n`);
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
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
