import { STAFF, type Rule } from "./types";

/** Financing: products, needs, claims, applications, loans, renewals, credit lines (scoped in app/modules/finance). */
export const financeAbilities = {
  /** /finance: a member's needs, applications and loans; an officer's bank; a liaison's portfolio. */
  "finance.view": ["member", "bank", ...STAFF],
  /** The product supermarket: the public sees the active products. */
  "finance.products": "anyone",
  /** Officers maintain their own bank's products (checked in the module), staff all. */
  "finance.manageProducts": ["bank", ...STAFF],
  /** Needs: a member its own, an officer those matched to its bank, staff all. */
  "finance.needs": ["member", "bank", ...STAFF],
  "finance.postNeed": ["member", ...STAFF],
  "finance.importNeeds": STAFF,
  /** Claim a matched need and record the bank's answer. */
  "finance.claim": ["bank"],
  "finance.apply": ["member"],
  "finance.applications": ["member", "bank", ...STAFF],
  /** Review, ask for information, approve, decline, disburse: the officers of the application's bank. */
  "finance.decide": ["bank"],
  /** The enterprise answers a request for information, adds documents or withdraws. */
  "finance.respond": ["member"],
  "finance.renewals": ["bank", ...STAFF],
  "finance.manageCreditLines": STAFF,
} as const satisfies Record<string, Rule>;
