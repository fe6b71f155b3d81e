import { data, redirect } from "@remix-run/node";
import { redirectWithFlash } from "../../lib/flash.server";
import { notFound } from "../../lib/guard.server";
import type * as z from "zod";
import { parseForm } from "../../lib/validation";

export type ActionError = { intent: string; errors: Record<string, string>; values: Record<string, string | string[]> };

/**
 * Runs one intent of a governance page: parse the form (400 with the errors), call the module
 * command (409 with its message, 404 when the record is out of scope), then redirect back with the
 * success message.
 */
export async function runIntent<S extends z.ZodType, T>(
  intent: string,
  formData: FormData,
  schema: S,
  command: (input: z.output<S>) => Promise<{ ok: true; value?: T } | { ok: false; error: string }>,
  back: string | ((value: T | undefined) => string),
  /** The success message shown on the next page (the shared flash), e.g. governance:flash.assembly.open. */
  success?: { request: Request; flash: string },
) {
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values } satisfies ActionError, { status: 400 });
  const result = await command(parsed.data);
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return data({ intent, errors: { _form: result.error }, values } satisfies ActionError, { status: 409 });
  }
  const to = typeof back === "string" ? back : back(result.value);
  throw success ? redirectWithFlash(to, success.flash, success.request) : redirect(to);
}
