import type { Role } from "../../modules/accounts/constants";

export type { Role };

/** Who is asking: null is the public (no account). */
export type Actor = {
  userId: string;
  role: Role;
  email: string;
  displayName: string;
  enterpriseIds: number[];
  departmentId: number | null;
  bankId: number | null;
  isLead: boolean;
} | null;

/**
 * A rule is either a list of roles, "anyone" (public too), "signed-in", "anonymous"
 * (only without an account, e.g. registration), or a predicate for finer checks.
 */
export type Rule = readonly Role[] | "anyone" | "signed-in" | "anonymous" | ((actor: NonNullable<Actor>) => boolean);

export const STAFF = ["admin", "staff"] as const satisfies readonly Role[];
