import { data } from "@remix-run/node";
import { NOT_FOUND, ok, refuse, type CommandResult } from "../../lib/command.server";
import { notFound } from "../../lib/guard.server";
import type * as z from "zod";
import { parseForm } from "../../lib/validation";

type CommandOutcome = { ok: true } | { ok: false; error: string };

/**
 * Parses a form with its schema and runs one command: 400 with the form kept on bad input,
 * 404 when the record is not the actor's, 409 with the error when the rules refuse.
 */
export async function runForm<S extends z.ZodType>(intent: string, formData: FormData, schema: S, fn: (input: z.output<S>) => Promise<CommandOutcome>) {
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return { response: data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 }) };
  const result = await fn(parsed.data);
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return { response: data({ intent, errors: { _form: result.error } as Record<string, string>, values }, { status: 409 }) };
  }
  return { response: null };
}

/**
 * A finance command's `{ ok, value } | { ok: false, error: key }` in the command contract, for the shared
 * `runIntent` (app/lib/intents.server.ts): "notFound" becomes NOT_FOUND (404), any other key a refusal (409).
 */
export function asCommand<T>(pending: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<CommandResult<T>> {
  return pending.then((r) => (r.ok ? ok(r.value) : refuse(r.error === "notFound" ? NOT_FOUND : r.error)));
}
