import { notFound } from "../../lib/guard.server";

/** A case id from the URL: digits only, anything else is not found (ids in URLs are never trusted beyond this). */
export function caseIdOf(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) notFound();
  return Number(raw);
}
