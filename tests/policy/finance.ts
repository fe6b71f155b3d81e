import { everyone, staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "finance.view": ["member", "bank", ...staffRoles],
  "finance.products": everyone,
  "finance.manageProducts": ["bank", ...staffRoles],
  "finance.needs": ["member", "bank", ...staffRoles],
  "finance.postNeed": ["member", ...staffRoles],
  "finance.importNeeds": staffRoles,
  "finance.claim": ["bank"],
  "finance.apply": ["member"],
  "finance.applications": ["member", "bank", ...staffRoles],
  "finance.decide": ["bank"],
  "finance.respond": ["member"],
  "finance.renewals": ["bank", ...staffRoles],
  "finance.manageCreditLines": staffRoles,
};
