import { STAFF, type Rule } from "./types";

/** Accounts, languages, the home page, the public directory and membership. */
export const coreAbilities = {
  "home.view": "anyone",
  "health.view": "anyone",
  "directory.view": "anyone",
  "account.login": "anyone",
  "account.logout": "signed-in",
  "account.register": "anonymous",
  /** /forgot-password and /reset-password/:token: by email link, signed in or not. */
  "account.resetPassword": "anyone",
  "notifications.view": "signed-in",
  "membership.apply": "anyone",
  "my.view": ["member"],
  /** /today: the secretariat's counts of waiting work, each linking to its queue. */
  "today.view": STAFF,
  "my.editContact": ["member"],
  "members.view": STAFF,
  "members.manage": STAFF,
  "members.import": STAFF,
  "joinApplications.decide": STAFF,
  "admin.users": ["admin"],
  "admin.audit": STAFF,
  "admin.settings": ["admin"],
} as const satisfies Record<string, Rule>;
