import { everyone, staffRoles, type PolicyTable, type Who } from "./types";

const membersAndStaff: Who[] = ["member", ...staffRoles];

export const table: PolicyTable = {
  "charters.view": everyone,
  "charters.manage": staffRoles,
  "charters.amend": membersAndStaff,
  "assemblies.view": membersAndStaff,
  "assemblies.manage": staffRoles,
  "assemblies.checkIn": membersAndStaff,
  "assemblies.vote": ["member"],
  "elections.view": membersAndStaff,
  "elections.manage": staffRoles,
  "elections.nominate": membersAndStaff,
  "elections.vote": ["member"],
  "elections.bulletin": everyone,
};
