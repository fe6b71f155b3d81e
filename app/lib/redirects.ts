/**
 * The one check for every redirect target taken from a request (?next=, a form's `next`):
 * the target is resolved the way a browser resolves a Location header (`new URL(target, origin)`,
 * which strips tabs and newlines, reads backslashes as slashes, decodes nothing in the host) and
 * only a path on the portal's own origin is kept. What comes back is the normalised path, query
 * and fragment of that URL, never the raw text, so the browser cannot read it differently.
 */
const ORIGIN = "http://portal.invalid";

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//host" normalises to "//host": scheme-relative once sent as a Location.
  // eslint-disable-next-line no-control-regex -- control characters and DEL are exactly what is refused
  if (!path.startsWith("/") || path.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(path)) return fallback;
  return path;
}
