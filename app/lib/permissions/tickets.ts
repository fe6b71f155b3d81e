import { STAFF, type Rule } from "./types";

/** Problems (tickets), referrals to departments, visits and the tickets part of the reports. */
export const ticketsAbilities = {
  /** The queue: staff see all, members their own enterprises' problems (scoped in the module). */
  "tickets.list": ["admin", "staff", "member"],
  "tickets.submit": ["admin", "staff", "member"],
  /** One problem: scoped by enterprise (member) or by department (department liaison). */
  "tickets.view": ["admin", "staff", "member", "department"],
  "tickets.comment": ["admin", "staff", "member", "department"],
  /** Accept, reject, refer, resolve, ask the enterprise for information. */
  "tickets.triage": STAFF,
  /** A department answers or returns a problem referred to it. */
  "tickets.answer": ["department"],
  /** The enterprise rates, reopens, and replies to a request for information. */
  "tickets.respond": ["member"],
  "tickets.export": STAFF,
  "tickets.inbox": ["department"],
  "tickets.configure": ["admin"],
  "visits.view": STAFF,
  "visits.manage": STAFF,
  "reports.view": STAFF,
} as const satisfies Record<string, Rule>;
