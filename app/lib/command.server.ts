import { getDb, type Executor, type Tx } from "../../db/client.server";
import { appendAudit, wasAudited, type AuditEntry } from "./audit.server";
import { isUniqueViolation } from "./db-errors.server";
import { can, type Ability, type Actor } from "./permissions";
import type * as z from "zod";
import { fieldErrorsOf, type FieldErrors } from "./validation";

/**
 * The one command contract of the portal. A command (anything that changes data) is
 *
 *   parse with zod → ask the policy → one transaction → the audit row in it → a typed result.
 *
 * Its result is `CommandResult<T>`: `{ ok: true, value }` or `{ ok: false, error: { code, fieldErrors? } }`
 * where `code` (and every value of `fieldErrors`) is an i18n key ("tickets:errors.waiting"), so a
 * route shows a refusal in the reader's language without knowing the module. `NOT_FOUND` is the
 * one code routes turn into a 404 (the record does not exist or is not the actor's to see).
 *
 * `runCommand` enforces the order: invalid input is refused before the policy is asked, a refused
 * policy never opens a transaction, a refusal returned by the body rolls the transaction back
 * (nothing half-done is kept), and a body that succeeds without writing an audit row in its
 * transaction (`audit(...)`, or `appendAudit(tx, ...)` in a helper) is a bug: it throws and rolls
 * back. Return `unchanged()` for a success that changed nothing. Notices (app/modules/notifications `notify`) are written with the
 * transaction `tx`, one statement per table however many recipients there are.
 *
 * @example
 *   // app/modules/disputes/disputes.server.ts
 *   export const closeDisputeSchema = z.object({ reason: text(500) });
 *   export function closeDispute(actor: Actor, id: number, raw: unknown, ip: string | null) {
 *     return runCommand(
 *       { actor, ability: "disputes.close", schema: closeDisputeSchema, input: raw, ip, onCommitted: forgetDisputeCounts },
 *       async (tx, input, audit) => {
 *         const [before] = await tx.select().from(disputes).where(eq(disputes.id, id)).for("update");
 *         if (!before) return refuse(NOT_FOUND);
 *         if (before.status === "closed") return refuse("disputes:errors.alreadyClosed");
 *         const [after] = await tx.update(disputes).set({ status: "closed", reason: input.reason }).where(eq(disputes.id, id)).returning();
 *         await audit({ action: "dispute.close", entityType: "dispute", entityId: id, before, after });
 *         await notify(tx, partiesOf(after).map((userId) => ({ userId, messageKey: "disputes:notify.closed", link: `/disputes/${id}` })));
 *         return ok(after);
 *       },
 *     );
 *   }
 *   // the route: runIntent (app/lib/intents.server.ts) or by hand:
 *   const result = await closeDispute(actor, id, formValues(formData), clientIp(request));
 *   if (!result.ok && result.error.code === NOT_FOUND) notFound();
 */

export type Refusal = {
  /** An i18n key, e.g. "tickets:errors.illegalTransition"; NOT_FOUND for a missing record. */
  code: string;
  /** Per-field i18n keys (form field name → key), e.g. { creditCode: "members:errors.creditCodeTaken" }. */
  fieldErrors?: FieldErrors;
};
export type Refused = { ok: false; error: Refusal };
export type Done<T> = { ok: true; value: T };
export type CommandResult<T = void> = Done<T> | Refused;

/** The refusal code for "no such record, or not yours": routes answer 404 with it. */
export const NOT_FOUND = "common:errors.notFound.title";
/** The refusal code for "the form has errors" (see `fieldErrors`). */
export const INVALID = "forms.invalid";
/** The refusal code when the policy says no (routes normally stop earlier with 403). */
export const FORBIDDEN = "common:errors.forbidden.title";

export function ok(): Done<void>;
export function ok<T>(value: T): Done<T>;
export function ok<T>(value?: T): Done<T | undefined> {
  return { ok: true, value };
}

/**
 * A refusal. `field` names the form field the message belongs to (it then shows next to that
 * field, and `code` stays the form-level message).
 */
export function refuse(code: string, field?: string): Refused {
  return field ? { ok: false, error: { code, fieldErrors: { [field]: code } } } : { ok: false, error: { code } };
}

/** Success that changed nothing (e.g. setting the value already set): no audit row is needed. */
export function unchanged(): Done<void> {
  return { ok: true, value: undefined, unchanged: true } as Done<void>;
}

export function isNotFound(result: CommandResult<unknown>): boolean {
  return !result.ok && result.error.code === NOT_FOUND;
}

/** Writes the command's audit row; actor and ip come from the command. */
export type AuditWriter = (entry: Omit<AuditEntry, "actor" | "ip">) => Promise<void>;

export type CommandSpec<I> = {
  actor: Actor;
  /** The policy: an ability, or a rule over the actor and the parsed input (object-level checks). */
  ability?: Ability;
  allow?: (actor: Actor, input: I) => boolean;
  /**
   * Parses `input` (a form's values, a JSON body): invalid input is refused with INVALID and
   * the field errors. Leave it out when the caller (a route's intent runner) has parsed already.
   */
  schema?: z.ZodType<I>;
  input: unknown;
  ip?: string | null;
  /** Another database or an open transaction (tests, a command run inside another). */
  db?: Executor;
  /** A unique-constraint violation at commit becomes this refusal instead of an error. */
  onUniqueViolation?: Refused;
  /** Runs after a successful commit (clear caches here, never inside the transaction). */
  onCommitted?: () => void;
};

class RollBack extends Error {
  constructor(readonly refusal: Refused) {
    super("command refused");
  }
}

/** Runs one command under the contract described at the top of this file. */
export async function runCommand<I, T>(
  spec: CommandSpec<I>,
  body: (tx: Tx, input: I, audit: AuditWriter) => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  let input = spec.input as I;
  if (spec.schema) {
    const parsed = spec.schema.safeParse(spec.input);
    if (!parsed.success) return { ok: false, error: { code: INVALID, fieldErrors: fieldErrorsOf(parsed.error) } };
    input = parsed.data;
  }
  if ((spec.ability && !can(spec.actor, spec.ability)) || (spec.allow && !spec.allow(spec.actor, input))) return refuse(FORBIDDEN);
  const db = spec.db ?? (await getDb());
  let result: CommandResult<T>;
  try {
    result = await db.transaction(async (tx) => {
      const audit: AuditWriter = (entry) => appendAudit(tx, { ...entry, actor: spec.actor, ip: spec.ip ?? null });
      const outcome = await body(tx, input, audit);
      if (!outcome.ok) throw new RollBack(outcome);
      if (!wasAudited(tx) && !(outcome as { unchanged?: boolean }).unchanged) {
        throw new Error("runCommand: the command succeeded without an audit row (call audit() or appendAudit(tx, ...) in the transaction)");
      }
      return outcome;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.refusal;
    if (spec.onUniqueViolation && isUniqueViolation(error)) return spec.onUniqueViolation;
    throw error;
  }
  spec.onCommitted?.();
  return result;
}
