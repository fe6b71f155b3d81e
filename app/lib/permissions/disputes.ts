import { STAFF, type Rule } from "./types";

/**
 * Shared-court cases and legal services. Which case a user sees is decided by the disputes module's
 * scope (the parties' users, the assigned mediator, the station's staff); anyone else finds no case
 * (404), which is why opening a case is open to every signed-in user.
 */
export const disputesAbilities = {
  /** /disputes: members their enterprises' cases, mediators theirs, station staff their stations'. */
  "disputes.list": ["member", "mediator", ...STAFF],
  /** /disputes/new: a member files for one of its enterprises. */
  "disputes.file": ["member"],
  /** A case page, its files and printable documents, and the actions on it (scoped in the module). */
  "disputes.view": "signed-in",
  /** Legal health checks and lectures: staff record and list them. */
  "legal.view": STAFF,
  "legal.manage": STAFF,
} as const satisfies Record<string, Rule>;
