/**
 * Fires `n` identical submissions at once and sorts the outcomes: for "one per user" rules
 * (one application per seeker and posting, one booth per enterprise and fair, one account per
 * email). Use it with the module command itself, e.g.
 *   const r = await simultaneously(50, () => applyToPosting(seeker, { postingId }));
 *   expect(r.ok).toBe(1);  // and count the rows in the table: exactly one
 * All calls start before any is awaited, so they really race on the database.
 */
export async function simultaneously<T extends { ok: boolean }>(n: number, submit: (i: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => submit(i)));
  const results = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === "fulfilled").map((s) => s.value);
  const thrown = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected").map((s) => s.reason as unknown);
  return { ok: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok), thrown, results };
}
