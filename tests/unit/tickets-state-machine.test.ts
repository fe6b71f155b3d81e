import { describe, expect, it } from "vitest";
import { ticketStatuses, type TicketStatus } from "../../app/modules/tickets/constants";
import { actionsFrom, canWaitOnEnterprise, ticketActions, transition, type TicketAction } from "../../app/modules/tickets/state-machine";

// The whole table, written out independently of the module: [from, action] -> to (absent = illegal).
const legal: Record<string, TicketStatus> = {
  "submitted accept": "accepted",
  "submitted reject": "rejected",
  "accepted reject": "rejected",
  "accepted refer": "referred",
  "answered refer": "referred",
  "referred answer": "answered",
  "referred return": "accepted",
  "accepted resolve": "resolved",
  "answered resolve": "resolved",
  "resolved reopen": "accepted",
  "resolved rate": "closed",
  "resolved autoClose": "closed",
};

describe("the ticket state machine", () => {
  for (const from of ticketStatuses) {
    for (const action of ticketActions) {
      const expected = legal[`${from} ${action}`];
      it(`${from} --${action}--> ${expected ?? "refused"}`, () => {
        const result = transition(from, action as TicketAction);
        if (expected) expect(result).toEqual({ ok: true, to: expected });
        else expect(result).toEqual({ ok: false, error: "tickets:errors.illegalTransition" });
      });
    }
  }

  it("closed and rejected are final", () => {
    expect(actionsFrom("closed")).toEqual([]);
    expect(actionsFrom("rejected")).toEqual([]);
  });

  it("the clock can wait on the enterprise only before the department answered", () => {
    expect(ticketStatuses.filter(canWaitOnEnterprise)).toEqual(["submitted", "accepted", "referred"]);
  });
});
