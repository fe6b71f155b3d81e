import { describe, expect, it } from "vitest";
import { abilities, can, type Ability } from "../../app/lib/permissions";
import { actorOf } from "../support/actors";
import { roles } from "../../db/schema/accounts";

type Who = "anonymous" | (typeof roles)[number];
const everyone: Who[] = ["anonymous", ...roles];

/**
 * The policy as a table: for each ability, who may. Adding an ability without its row here
 * fails the "every ability is in the table" test.
 */
const table: Record<string, Who[]> = {
  "home.view": everyone,
  "health.view": everyone,
  "directory.view": everyone,
  "account.login": everyone,
  "account.logout": [...roles],
  "account.register": ["anonymous"],
  "notifications.view": [...roles],
  "membership.apply": everyone,
  "my.view": ["member"],
  "my.editContact": ["member"],
  "members.view": ["admin", "staff"],
  "members.manage": ["admin", "staff"],
  "members.import": ["admin", "staff"],
  "joinApplications.decide": ["admin", "staff"],
  "admin.users": ["admin"],
  "admin.audit": ["admin", "staff"],
  "admin.settings": ["admin"],
};

describe("the permission policy", () => {
  it("has a row in this table for every ability", () => {
    expect(Object.keys(abilities).sort()).toEqual(Object.keys(table).sort());
  });
  for (const [ability, allowed] of Object.entries(table)) {
    it(`${ability}: only ${allowed.join(", ")}`, () => {
      for (const who of everyone) {
        const actor = who === "anonymous" ? null : actorOf(who);
        expect(can(actor, ability as Ability), `${who} on ${ability}`).toBe(allowed.includes(who));
      }
    });
  }
});
