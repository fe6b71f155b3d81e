/**
 * One id parser for every route param and form field that names a database row (serial/integer
 * columns, i.e. PostgreSQL int4). Anything that is not a positive 32-bit integer written as plain
 * digits is "no such row": a 404 for a URL, a field error for a form, never a value sent to SQL
 * (PostgreSQL refuses 2147483648 for an int4 column and the page would answer 500).
 *
 * Client-safe (no server imports): the zod fields live in ./validation.ts next to the others.
 *
 * @example
 *   // a route: /fairs/:id
 *   export async function loader({ params }: LoaderFunctionArgs) {
 *     const id = idParam(params);            // throws a 404 Response for "abc", "0", "2147483648"
 *     ...
 *   }
 *   // a form field: see `idField` / `optionalIdField` in app/lib/validation.ts
 *   const schema = z.object({ boothId: idField });
 *   // an id read by hand from a form or a query string
 *   const visit = parseId(url.searchParams.get("visit"));   // number | null
 */

/** The largest value of PostgreSQL's integer (int4) and of a serial column. */
export const INT32_MAX = 2_147_483_647;

/**
 * A positive int32 written as decimal digits ("42"; surrounding blanks allowed), else null.
 * Refuses "", "0", "-1", "1.5", "1e3", "0x10", "2147483648", " ", "abc", numbers and non-strings
 * other than a positive safe integer.
 */
export function parseId(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isInteger(raw) && raw >= 1 && raw <= INT32_MAX ? raw : null;
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  // At most 10 digits: anything longer is out of range without converting (no precision games).
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= INT32_MAX ? n : null;
}

/** True when `raw` is an id `parseId` accepts. */
export function isId(raw: unknown): boolean {
  return parseId(raw) !== null;
}

/**
 * The id in a route param (`params.id` by default), or a thrown 404 Response: an id that cannot
 * exist answers exactly like an id that does not exist.
 */
export function idParam(params: Readonly<Record<string, string | undefined>>, name = "id"): number {
  const id = parseId(params[name]);
  if (id === null) throw new Response("Not Found", { status: 404 });
  return id;
}
