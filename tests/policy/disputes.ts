import { signedInRoles, staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "disputes.list": ["member", "mediator", ...staffRoles],
  "disputes.file": ["member"],
  // Every signed-in user may ask; the module's scope answers 404 outside the case's people.
  "disputes.view": signedInRoles,
  "legal.view": staffRoles,
  "legal.manage": staffRoles,
};
