import { getDb, type Tx } from "../../../db/client.server";
import { isStaff, type Actor } from "../../lib/permissions";
import { isUniqueViolation } from "../accounts/accounts.server";

export type SignedIn = NonNullable<Actor>;
export type Result<T = true> = { ok: true; value: T } | { ok: false; error: string };
export type Options = { now?: Date };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
export function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** A stage lock of the database (SQLSTATE 55000, raised by the governance triggers). */
export function isStageLock(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "55000") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a command; a lock or a duplicate refused by the database becomes a typed error. */
export async function guarded<T>(run: () => Promise<Result<T>>, duplicate = "governance:errors.duplicate"): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (isStageLock(error)) return fail("governance:errors.locked");
    if (isUniqueViolation(error)) return fail(duplicate);
    throw error;
  }
}

/**
 * The frame of a staff command: staff only, then one transaction, with what the database refuses
 * (a stage lock, a duplicate) returned as a typed error instead of thrown.
 */
export async function staffTransaction<T>(actor: SignedIn, run: (tx: Tx) => Promise<Result<T>>, duplicate?: string): Promise<Result<T>> {
  if (!isStaff(actor)) return fail("governance:errors.forbidden");
  const db = await getDb();
  return guarded(() => db.transaction(run), duplicate);
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}
