import { data, redirect } from "@remix-run/node";
import { redirectWithFlash } from "./flash.server";
import { FORBIDDEN, NOT_FOUND, type CommandResult } from "./command.server";
import { badRequest, forbidden, notFound, requireSignedIn } from "./guard.server";
import type { Ability, Actor } from "./permissions";
import type * as z from "zod";
import { parseForm, safeFormValues, type FieldErrors } from "./validation";

/**
 * One intent runner for every route whose page holds several forms (`<button name="intent" value="...">`).
 *
 * A route lists its intents as data: the ability each needs, the zod schema of its fields and the
 * module command it calls. `runIntent`
 *   - looks the intent up as an OWN property of that map, so "toString", "constructor",
 *     "__proto__" or "hasOwnProperty" are unknown intents like any other name (never a 500);
 *   - asks the intent's ability (the public is sent to sign in, a signed-in user without it gets 403);
 *     an unknown intent asks `unknownAbility` first the same way, then answers 400;
 *   - parses the form (400 with field errors and what was typed, passwords left out);
 *   - runs the command: NOT_FOUND → 404, FORBIDDEN → 403, any other refusal → 409 with its i18n key
 *     (on its field when the refusal names one, else on "_form");
 *   - on success always redirects (POST → redirect → GET) to `success(intent, value)`: a reload
 *     never posts twice; `flash({ intent, value, input })` names the success message shown there.
 *
 * The action data of a failure is `IntentFailure` (`useActionData<IntentFailure>()`).
 *
 * @example
 *   const intents = {
 *     close: intent("disputes.close", closeSchema, (actor, input) => closeDispute(actor, id, input, ip)),
 *     reopen: intent("disputes.reopen", reopenSchema, (actor, input) => reopenDispute(actor, id, input, ip)),
 *   };
 *   return runIntent(request, formData, intents, { unknownAbility: "disputes.view", success: () => `/disputes/${id}` });
 */
export type IntentSpec<S extends z.ZodType = z.ZodType, T = unknown> = {
  ability: Ability;
  schema: S;
  // Method syntax: a map of specs with different schemas is still a Record<string, IntentSpec>.
  run(actor: NonNullable<Actor>, input: z.output<S>): Promise<CommandResult<T>>;
};

/** Builds an IntentSpec with its types inferred from the schema. */
export function intent<S extends z.ZodType, T>(
  ability: Ability,
  schema: S,
  run: (actor: NonNullable<Actor>, input: z.output<S>) => Promise<CommandResult<T>>,
): IntentSpec<S, T> {
  return { ability, schema, run };
}

export type IntentFailure = { intent: string; errors: FieldErrors; values: Record<string, string | string[]> };

/** The spec of `name` when it is one of the map's own keys, else undefined. */
export function lookupIntent<I extends Record<string, unknown>>(intents: I, name: unknown): (keyof I & string) | undefined {
  return typeof name === "string" && Object.hasOwn(intents, name) ? name : undefined;
}

/** What `flash` is given for one intent of the map: its name, its command's value and its parsed form. */
type IntentOutcome<I extends Record<string, IntentSpec<z.ZodType, unknown>>> = {
  [K in keyof I & string]: I[K] extends IntentSpec<infer S, infer T> ? { intent: K; value: T; input: z.output<S> } : never;
}[keyof I & string];

export type IntentOptions<I extends Record<string, IntentSpec<z.ZodType, unknown>>> = {
  unknownAbility: Ability;
  success: (intent: keyof I & string, value: unknown) => string;
  /**
   * The success message's i18n key for the next page (app/lib/flash.server.ts), if any. One object per
   * intent (a union, not three parameters: TypeScript refuses a shorter callback for a union of tuples),
   * so comparing `intent` narrows `value` and `input` to that intent's (e.g. which decision was taken).
   */
  flash?: (outcome: IntentOutcome<I>) => string | null;
};

export async function runIntent<I extends Record<string, IntentSpec<z.ZodType, unknown>>>(
  request: Request,
  formData: FormData,
  intents: I,
  options: IntentOptions<I>,
) {
  const raw = formData.get("intent");
  const name = lookupIntent(intents, raw);
  if (!name) {
    await requireSignedIn(request, options.unknownAbility);
    badRequest();
  }
  const spec = intents[name];
  const actor = await requireSignedIn(request, spec.ability);
  const parsed = parseForm(spec.schema, formData);
  if (!parsed.ok) return data<IntentFailure>({ intent: name, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await spec.run(actor, parsed.data);
  if (!result.ok) {
    if (result.error.code === NOT_FOUND) notFound();
    if (result.error.code === FORBIDDEN) forbidden();
    const errors = result.error.fieldErrors && Object.keys(result.error.fieldErrors).length ? result.error.fieldErrors : { _form: result.error.code };
    return data<IntentFailure>({ intent: name, errors, values: safeFormValues(formData) }, { status: 409 });
  }
  const to = options.success(name, result.value);
  // The three belong to the same intent, `spec`, which the generic map cannot show the compiler.
  const flash = options.flash?.({ intent: name, value: result.value, input: parsed.data } as IntentOutcome<I>);
  throw flash ? redirectWithFlash(to, flash, request) : redirect(to);
}
