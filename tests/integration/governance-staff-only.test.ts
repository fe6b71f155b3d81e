import { describe, expect, it } from "vitest";
import { closeAssembly, closeMotionVoting, openAssembly, openMotionVoting, recordProxy } from "../../app/modules/governance/assemblies.server";
import { amendmentToMotion, decideAmendment, editDraft, proposeVersion } from "../../app/modules/governance/charters.server";
import {
  certifyElection,
  closeElection,
  confirmPaperTotals,
  issuePaperBallot,
  openElection,
  tallyElection,
} from "../../app/modules/governance/elections.server";
import type { Result } from "../../app/modules/governance/common.server";
import type { Actor } from "../../app/lib/permissions";
import { actorOf } from "../support/actors";

// The governance commands that only staff may run: anyone else is refused before anything is read,
// and staff get past that check (here to "not found", since the records do not exist).
const missing = 2_000_000_000;
const commands: Record<string, (actor: NonNullable<Actor>) => Promise<Result<unknown>>> = {
  openAssembly: (a) => openAssembly(a, missing),
  closeAssembly: (a) => closeAssembly(a, missing),
  recordProxy: (a) => recordProxy(a, missing, missing - 1, missing - 2),
  openMotionVoting: (a) => openMotionVoting(a, missing, missing),
  closeMotionVoting: (a) => closeMotionVoting(a, missing, { motionId: missing, yes: 0, no: 0, abstain: 0 }),
  editDraft: (a) => editDraft(a, missing, { title: "t", body: "b", note: null }),
  proposeVersion: (a) => proposeVersion(a, missing),
  decideAmendment: (a) => decideAmendment(a, missing, "accept", null),
  amendmentToMotion: (a) => amendmentToMotion(a, missing, missing),
  openElection: (a) => openElection(a, missing),
  closeElection: (a) => closeElection(a, missing),
  tallyElection: (a) => tallyElection(a, missing),
  certifyElection: (a) => certifyElection(a, missing),
  issuePaperBallot: (a) => issuePaperBallot(a, missing, missing),
  confirmPaperTotals: (a) => confirmPaperTotals(a, missing),
};

describe("governance staff commands", () => {
  const others = [
    actorOf("member", { enterpriseIds: [missing] }),
    actorOf("department", { departmentId: 1 }),
    actorOf("bank", { bankId: 1 }),
    actorOf("mediator"),
    actorOf("seeker"),
  ];

  it.each(Object.keys(commands))("%s refuses everyone but staff", async (name) => {
    for (const actor of others) expect(await commands[name](actor), `${name} as ${actor.role}`).toEqual({ ok: false, error: "governance:errors.forbidden" });
    // The paper totals are looked up by election: none entered is what staff hear for a missing one.
    const past = name === "confirmPaperTotals" ? "governance:errors.paperMissing" : "notFound";
    for (const role of ["staff", "admin"] as const) expect(await commands[name](actorOf(role)), `${name} as ${role}`).toEqual({ ok: false, error: past });
  });
});
