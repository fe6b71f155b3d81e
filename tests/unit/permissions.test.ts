import { describe, expect, it } from "vitest";
import { abilities, can, type Ability } from "../../app/lib/permissions";
import { actorOf } from "../support/actors";
import { table as core } from "../policy/core";
import { table as jobs } from "../policy/jobs";
import { table as fairs } from "../policy/fairs";
import { table as tickets } from "../policy/tickets";
import { table as disputes } from "../policy/disputes";
import { table as governance } from "../policy/governance";
import { table as finance } from "../policy/finance";
import { everyone, type PolicyTable } from "../policy/types";

/**
 * The policy as a table, one file per capability under tests/policy. An ability without its
 * row fails the first test; a row that disagrees with the policy fails its own.
 */
const table: PolicyTable = { ...core, ...jobs, ...fairs, ...tickets, ...disputes, ...governance, ...finance };

describe("the permission policy", () => {
  it("has a row in the table for every ability", () => {
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
