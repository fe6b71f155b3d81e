import { shanghaiToday } from "../../lib/format";
import type { ApplicationStatus } from "./constants";

/**
 * The application pipeline: applied -> viewed -> shortlisted -> interview -> intent -> hired,
 * forward to any later step (an enterprise may hire straight after an interview, or skip
 * "viewed"), or declined (with a reason) from any step before hired. Hired and declined are
 * final, but the last step can be undone the same day (canUndo). Pure: the module applies the
 * result in a transaction.
 */
export const PIPELINE: readonly ApplicationStatus[] = ["applied", "viewed", "shortlisted", "interview", "intent", "hired"];

export type PipelineEvent = { type: "advance"; to: ApplicationStatus } | { type: "decline"; reason: string };

export type TransitionResult = { ok: true; status: ApplicationStatus; reason: string | null } | { ok: false; error: "final" | "notNext" | "reasonRequired" };

export function isFinal(status: ApplicationStatus): boolean {
  return status === "hired" || status === "declined";
}

/** The one step forward from a status, or null at the end or after a decline. */
export function nextStatus(status: ApplicationStatus): ApplicationStatus | null {
  if (isFinal(status)) return null;
  const i = PIPELINE.indexOf(status);
  return PIPELINE[i + 1] ?? null;
}

/** The steps an application may move forward to (any later one; none once final). */
export function laterSteps(status: ApplicationStatus): ApplicationStatus[] {
  if (isFinal(status)) return [];
  return PIPELINE.slice(PIPELINE.indexOf(status) + 1);
}

export function transition(from: ApplicationStatus, event: PipelineEvent): TransitionResult {
  if (isFinal(from)) return { ok: false, error: "final" };
  if (event.type === "decline") {
    const reason = event.reason.trim();
    if (!reason) return { ok: false, error: "reasonRequired" };
    return { ok: true, status: "declined", reason };
  }
  if (!laterSteps(from).includes(event.to)) return { ok: false, error: "notNext" };
  return { ok: true, status: event.to, reason: null };
}

/** How far an application got, for counting (intent reached = intent or hired). */
export function reached(status: ApplicationStatus, step: ApplicationStatus): boolean {
  if (status === "declined") return step === "declined";
  return PIPELINE.indexOf(status) >= PIPELINE.indexOf(step);
}

/** The newest history row of an application, as canUndo needs it. */
export type LastStep = { fromStatus: ApplicationStatus | null; toStatus: ApplicationStatus; undo: boolean; at: Date };

export type UndoResult = { ok: true; to: ApplicationStatus } | { ok: false; error: "nothingToUndo" | "undoExpired" };

/**
 * Only the last step can be undone, and only on the day it was made (Shanghai calendar): a slip of
 * the hand is put right at once, while a seeker told yesterday keeps what they were told. The
 * application itself (no fromStatus) and an undo are not undone: undo twice does not walk back.
 */
export function canUndo(last: LastStep | null, now: Date = new Date()): UndoResult {
  if (!last || last.fromStatus === null || last.undo) return { ok: false, error: "nothingToUndo" };
  if (shanghaiToday(last.at) !== shanghaiToday(now)) return { ok: false, error: "undoExpired" };
  return { ok: true, to: last.fromStatus };
}
