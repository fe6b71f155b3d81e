import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.server";

/** Row counts of every table of the public schema (to show that a refused command changed nothing). */
export async function rowCounts(db: Executor): Promise<Record<string, number>> {
  const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown;
  const names = rowsOf<{ table_name: string }>(tables).map((r) => r.table_name);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const res = await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts[name] = Number(rowsOf<{ n: number }>(res)[0].n);
  }
  return counts;
}

/** db.execute answers { rows } on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
