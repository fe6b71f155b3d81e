import { everyone, signedInRoles, staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "home.view": everyone,
  "health.view": everyone,
  "directory.view": everyone,
  "account.login": everyone,
  "account.logout": signedInRoles,
  "account.register": ["anonymous"],
  "account.resetPassword": everyone,
  "notifications.view": signedInRoles,
  "membership.apply": everyone,
  "my.view": ["member"],
  "today.view": staffRoles,
  "my.editContact": ["member"],
  "members.view": staffRoles,
  "members.manage": staffRoles,
  "members.import": staffRoles,
  "joinApplications.decide": staffRoles,
  "admin.users": ["admin"],
  "admin.audit": staffRoles,
  "admin.settings": ["admin"],
};
