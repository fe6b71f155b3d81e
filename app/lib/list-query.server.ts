import { and, asc, count, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.server";
import { createCache, type Cache } from "./cache.server";

/**
 * The pieces every module list is built from (a page of rows, in a stable order, with a count):
 *
 *   filters → `whereOf(...)`, sort keys → `orderOf(...)` (always ending on a unique tiebreak, so
 *   paging never shows a row twice or skips one), page/offset → `listPage(...)`, and a capped count
 *   (counting stops at `COUNT_CAP` = 1,000 like the tickets queue: the page says "more than 1,000",
 *   never scans a whole large table to print one number) kept briefly in a `listCounts()` cache
 *   that the module clears on its own writes.
 *
 * @example
 *   const disputeCounts = listCounts();                      // module level; clear it in commands' onCommitted
 *   export async function listDisputes(actor: SignedIn, q: DisputeQuery, page: number) {
 *     const db = await getDb();
 *     const where = whereOf(scopeOf(actor), q.status && eq(disputes.status, q.status), q.from && gte(disputes.openedOn, q.from));
 *     const order = orderOf({ opened: disputes.openedOn, amount: disputes.amountFen }, q.sort, q.dir, { fallback: "opened", tiebreak: disputes.id });
 *     return listPage({
 *       page,
 *       pageSize: 20,
 *       rows: (limit, offset) => db.select().from(disputes).where(where).orderBy(...order).limit(limit).offset(offset),
 *       count: (cap) => cappedCount(db, disputes, where, cap),
 *       counts: disputeCounts,
 *       countKey: JSON.stringify([actor.role, q.status, q.from]),
 *     });
 *   }
 *   // → { rows, total, capped, page, pageSize, pages }
 */

/** Counting stops here: a larger total shows as "more than COUNT_CAP". */
export const COUNT_CAP = 1_000;
/** How long a list's count is kept (a module clears its counts on every change it makes). */
export const COUNT_TTL_MS = 30_000;

export type SortDir = "asc" | "desc";

/** AND of the given conditions; undefined, null, false and "" are left out (an unset filter). */
export function whereOf(...conditions: (SQL | undefined | null | false | "")[]): SQL | undefined {
  const kept = conditions.filter((c): c is SQL => Boolean(c));
  return kept.length ? and(...kept) : undefined;
}

/**
 * ORDER BY for a sort key chosen from a URL: `sorts` maps each allowed key to a column (sorted in
 * `dir`) or to a function giving the full order for a direction. An unknown or missing key uses
 * `fallback`; a missing or unknown `dir` uses `fallbackDir` (default "desc"). The unique
 * `tiebreak` column always comes last (in the same direction), so rows with equal sort values
 * keep one order across pages.
 */
export type SortSpec = AnyColumn | SQL | ((dir: SortDir) => SQL[]);

export function orderOf<S extends Record<string, SortSpec>>(
  sorts: S,
  key: string | null | undefined,
  dir: string | null | undefined,
  options: { fallback: keyof S & string; fallbackDir?: SortDir; tiebreak: AnyColumn },
): SQL[] {
  const known = key !== null && key !== undefined && Object.hasOwn(sorts, key);
  const k: keyof S = known ? key : options.fallback;
  const d: SortDir = dir === "asc" || dir === "desc" ? dir : (options.fallbackDir ?? "desc");
  const by: SortSpec = sorts[k];
  const head = typeof by === "function" ? by(d) : [d === "asc" ? asc(by) : desc(by)];
  return [...head, d === "asc" ? asc(options.tiebreak) : desc(options.tiebreak)];
}

/**
 * `select count(*) from (select 1 from table where … limit cap + 1)`: stops reading at cap + 1
 * rows. Pass `cap = null` for an exact count (small tables). Joins: pass a subquery-capable
 * `from` built by the caller instead (`cappedCountOf`).
 */
export async function cappedCount(db: Executor, table: PgTable, where: SQL | undefined, cap: number | null = COUNT_CAP): Promise<number> {
  const inner = db
    .select({ one: sql`1` })
    .from(table)
    .where(where);
  if (cap === null) {
    const [row] = await db.select({ n: count() }).from(table).where(where);
    return row.n;
  }
  const [row] = await db.select({ n: count() }).from(inner.limit(cap + 1).as("capped"));
  return row.n;
}

/**
 * A cache for one module's list counts, cleared by the module's commands. `name` (e.g.
 * "disputes:list-counts") registers it on the cache bus, so a clear reaches every process.
 */
export function listCounts(ttlMs = COUNT_TTL_MS, name?: string, maxEntries = 500): Cache<number> {
  return createCache<number>({ ttlMs, maxEntries, name });
}

export type ListPage<T> = {
  rows: T[];
  /** At most `cap` (see `capped`). */
  total: number;
  /** True when there are more than `cap` matches: show "more than {total}". */
  capped: boolean;
  page: number;
  pageSize: number;
  /** Pages to link to (at least 1). */
  pages: number;
};

/**
 * One page of a list: the rows (read fresh) and the count (capped; kept in `counts` under
 * `countKey` when both are given) in parallel.
 */
export async function listPage<T>(options: {
  page: number;
  pageSize: number;
  rows: (limit: number, offset: number) => Promise<T[]>;
  count: (cap: number | null) => Promise<number>;
  /** Default COUNT_CAP; null counts exactly. */
  cap?: number | null;
  counts?: Cache<number>;
  countKey?: string;
}): Promise<ListPage<T>> {
  const { page, pageSize, cap = COUNT_CAP } = options;
  const countNow = () => options.count(cap);
  const [total, rows] = await Promise.all([
    options.counts && options.countKey !== undefined ? options.counts.get(options.countKey, countNow) : countNow(),
    options.rows(pageSize, (page - 1) * pageSize),
  ]);
  const capped = cap !== null && total > cap;
  const shown = capped ? cap : total;
  return { rows, total: shown, capped, page, pageSize, pages: Math.max(1, Math.ceil(shown / pageSize)) };
}
