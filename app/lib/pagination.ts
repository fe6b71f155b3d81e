/** The page number from ?page=, clamped to a sane range (a bad value is page 1, not an error). */
export function pageFromUrl(url: string | URL, max = 100_000): number {
  const raw = new URL(url).searchParams.get("page");
  const n = raw ? Number.parseInt(raw, 10) : 1;
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, max);
}

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}
