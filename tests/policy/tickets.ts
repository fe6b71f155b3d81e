import { staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "tickets.list": ["admin", "staff", "member"],
  "tickets.submit": ["admin", "staff", "member"],
  "tickets.view": ["admin", "staff", "member", "department"],
  "tickets.comment": ["admin", "staff", "member", "department"],
  "tickets.triage": staffRoles,
  "tickets.answer": ["department"],
  "tickets.respond": ["member"],
  "tickets.export": staffRoles,
  "tickets.inbox": ["department"],
  "tickets.configure": ["admin"],
  "visits.view": staffRoles,
  "visits.manage": staffRoles,
  "reports.view": staffRoles,
};
