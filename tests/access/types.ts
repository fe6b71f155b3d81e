/**
 * The access matrix is data: one file per capability (tests/access/<area>.ts) exports
 * `routes: RouteAccess[]` (and optional `probes: ObjectProbe[]`); tests/access/index.ts
 * gathers them. A walker signs in as each role and checks every cell against the running app;
 * another test fails when a file in app/routes has no row.
 */
export const whoList = ["anonymous", "seeker", "member", "department", "bank", "mediator", "staff", "admin"] as const;
export type Who = (typeof whoList)[number];

/**
 * "ok": allowed (2xx, or for an action any answer but 401/403/404/login-redirect/5xx, since a
 * placeholder form may well be refused with 400); "login": redirect to /login; 403; 404;
 * "redirect": some other redirect (e.g. a signed-in user sent away from /register); 401: a bearer-token
 * API refusing every session; 405: a method the route does not answer.
 */
export type Expectation = "ok" | "login" | 401 | 403 | 404 | 405 | "redirect";
export type ByRole = Record<Who, Expectation>;

export type RouteAccess = {
  /** The route module's file name under app/routes, e.g. "members.$id.tsx". */
  file: string;
  /**
   * URL to probe. Placeholders in braces are demo-data ids resolved by the fixtures of
   * tests/access/fixtures.ts, e.g. "/members/{enterpriseOfMember}".
   */
  path: string;
  /** Expected answer to GET; omit for action-only routes. */
  get?: ByRole;
  /** Each action (intent) with the form fields sent and the expected answer per role. */
  actions?: ActionAccess[];
  /**
   * For a route with an id in its URL that has no owner (e.g. admin-only pages), why no
   * ObjectProbe is needed. The coverage test asks for a probe or this reason.
   */
  noObjectProbe?: string;
};

export type ActionAccess = {
  intent?: string;
  /** Sent by the access walker; placeholders in braces as in `path`. */
  form?: Record<string, string>;
  expect: ByRole;
  /**
   * A form that passes validation, for the bad-input runner (tests/e2e/bad-input.spec.ts), which
   * breaks one field at a time. "{unique}" in a value becomes a fresh string per submission.
   * Without it the runner breaks the fields of `form`. Leave it out where a valid submission
   * would do harm to the shared e2e data.
   */
  validForm?: Record<string, string>;
  /** The action ends or replaces the session (logout): the walker uses a fresh sign-in for it. */
  endsSession?: boolean;
  /** The bad-input runner skips this action, with the reason (e.g. covered at module level). */
  skipBadInput?: string;
};

/** A user of the right role but the wrong owner must get 404 and none of the record's data. */
export type ObjectProbe = {
  description: string;
  /** The role whose demo user is the wrong owner. */
  as: Exclude<Who, "anonymous">;
  path: string;
  method?: "GET" | "POST";
  form?: Record<string, string>;
  /** Text of the record that must not appear in the answer. */
  mustNotContain?: string[];
};

export const allowAll: ByRole = { anonymous: "ok", seeker: "ok", member: "ok", department: "ok", bank: "ok", mediator: "ok", staff: "ok", admin: "ok" };
export const staffOnly: ByRole = { anonymous: "login", seeker: 403, member: 403, department: 403, bank: 403, mediator: 403, staff: "ok", admin: "ok" };
export const adminOnly: ByRole = { ...staffOnly, staff: 403 };
export const signedIn: ByRole = { anonymous: "login", seeker: "ok", member: "ok", department: "ok", bank: "ok", mediator: "ok", staff: "ok", admin: "ok" };
export function only(...roles: Exclude<Who, "anonymous">[]): ByRole {
  const base: ByRole = { anonymous: "login", seeker: 403, member: 403, department: 403, bank: 403, mediator: 403, staff: 403, admin: 403 };
  for (const r of roles) base[r] = "ok";
  return base;
}
