/**
 * Plain form bodies (anything not multipart) are read whole by app/server.js before Remix, within
 * a limit: FORM_BODY_LIMIT (64 KiB) everywhere, except the few pages whose forms carry long texts
 * by design. Their limit is sized for the longest text the form's schema accepts, in the worst
 * encoding a browser sends: a CJK character is 3 UTF-8 bytes, percent-encoded 9 bytes.
 *
 * A route that adds a longer text field must be listed here, or its long posts get a bare 413.
 */
const KB = 1024;
const MB = 1024 * KB;

export const FORM_BODY_LIMIT = 64 * KB;

/** Bytes a urlencoded form field of `chars` characters (UTF-16 units) may take at most. */
export const encodedBytes = (chars: number) => chars * 9;

/** Pages with long-text forms; `.data` is the same page's single-fetch action URL. */
export const LONG_FORM_LIMITS: readonly { path: RegExp; limit: number; why: string }[] = [
  // documentCreateSchema / versionDraftSchema: a charter's text up to 100,000 characters (900 KB).
  { path: /^\/charters(?:\/\d{1,9})?(?:\.data)?\/?$/, limit: 1 * MB, why: "charter text, 100,000 characters" },
  // motionCreateSchema: a motion's text up to 10,000 characters (90 KB).
  { path: /^\/assemblies\/\d{1,9}(?:\.data)?\/?$/, limit: 128 * KB, why: "motion text, 10,000 characters" },
  // minutesSchema / agreementSchema: minutes and agreement terms up to 8,000 characters (72 KB).
  { path: /^\/disputes\/\d{1,9}(?:\.data)?\/?$/, limit: 128 * KB, why: "minutes and agreement terms, 8,000 characters" },
];

/** The most bytes a plain form post to `pathname` may carry. */
export function formBodyLimit(pathname: string): number {
  for (const { path, limit } of LONG_FORM_LIMITS) if (path.test(pathname)) return limit;
  return FORM_BODY_LIMIT;
}
