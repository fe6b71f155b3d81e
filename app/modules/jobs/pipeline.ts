import type { ApplicationStatus } from "./constants";

/**
 * The application pipeline: applied -> viewed -> shortlisted -> interview -> intent -> hired,
 * one step at a time, or declined (with a reason) from any step before hired. Hired and
 * declined are final. Pure: the module applies the result in a transaction.
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

export function transition(from: ApplicationStatus, event: PipelineEvent): TransitionResult {
  if (isFinal(from)) return { ok: false, error: "final" };
  if (event.type === "decline") {
    const reason = event.reason.trim();
    if (!reason) return { ok: false, error: "reasonRequired" };
    return { ok: true, status: "declined", reason };
  }
  if (event.to !== nextStatus(from)) return { ok: false, error: "notNext" };
  return { ok: true, status: event.to, reason: null };
}

/** How far an application got, for counting (intent reached = intent or hired). */
export function reached(status: ApplicationStatus, step: ApplicationStatus): boolean {
  if (status === "declined") return step === "declined";
  return PIPELINE.indexOf(status) >= PIPELINE.indexOf(step);
}
