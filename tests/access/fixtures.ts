import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.server";

/**
 * Placeholders of the access matrix ("{name}" in a path), resolved against the demo data of the
 * server under test. Each area adds its own; the walker (security area) substitutes them.
 */
export type FixtureResolver = (db: Executor) => Promise<string | number>;

async function first(db: Executor, query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db.execute(query)) as unknown as { rows?: { id: number }[] } & { id: number }[];
  const rows = result.rows ?? result;
  if (!rows[0]) throw new Error("access fixture: no row for the placeholder");
  return rows[0].id;
}

const listed = sql`closed_at is null and hidden_at is null and closes_on >= current_date`;
const memberEnterprise = sql`(select enterprise_id from enterprise_users where user_id = 'demo-member' order by enterprise_id limit 1)`;

export const fixtures: Record<string, FixtureResolver> = {
  /** An open posting of the member demo account's enterprise. */
  openPostingOfMember: (db) => first(db, sql`select id from job_postings where enterprise_id = ${memberEnterprise} and ${listed} order by id limit 1`),
  /** Another open posting of the member's enterprise, which the close action may close. */
  postingToCloseOfMember: (db) => first(db, sql`select id from job_postings where enterprise_id = ${memberEnterprise} and ${listed} order by id desc limit 1`),
  /** An open posting of another enterprise, for staff to hide and show again. */
  postingToModerate: (db) => first(db, sql`select id from job_postings where enterprise_id <> ${memberEnterprise} and ${listed} order by id desc limit 1`),
  /** An open posting of an enterprise the member demo account does not belong to. */
  postingOfOtherEnterprise: (db) => first(db, sql`select id from job_postings where enterprise_id <> ${memberEnterprise} and ${listed} order by id limit 1`),
  /** A posting hidden by staff in the demo data. */
  hiddenPosting: (db) => first(db, sql`select id from job_postings where hidden_at is not null order by id limit 1`),
  /** An application to one of the member's postings. */
  applicationToMember: (db) =>
    first(db, sql`select a.id from job_applications a join job_postings p on p.id = a.posting_id where p.enterprise_id = ${memberEnterprise} order by a.id limit 1`),
  /** An application to another enterprise's posting. */
  applicationOfOtherEnterprise: (db) =>
    first(db, sql`select a.id from job_applications a join job_postings p on p.id = a.posting_id where p.enterprise_id <> ${memberEnterprise} order by a.id limit 1`),
};
