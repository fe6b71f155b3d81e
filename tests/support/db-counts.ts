import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.server";

/** Row counts of every table of the public schema, in one query (to show that a refused command changed nothing). */
export async function rowCounts(db: Executor): Promise<Record<string, number>> {
  const tables = await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const names = rowsOf<{ table_name: string }>(tables).map((r) => r.table_name);
  const columns = sql.join(
    names.map((name): SQL => sql`(select count(*)::int from ${sql.identifier(name)}) as ${sql.identifier(name)}`),
    sql`, `,
  );
  const [row] = rowsOf<Record<string, number>>(await db.execute(sql`select ${columns}`));
  return Object.fromEntries(names.map((n) => [n, Number(row[n])]));
}

/** db.execute answers { rows } on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
