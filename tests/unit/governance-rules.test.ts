import { describe, expect, it } from "vitest";
import {
  candidatesNeeded,
  checkMotionCounts,
  countBallots,
  electionTransition,
  formatReceipt,
  motionOutcome,
  motionPasses,
  tallyMotionBallots,
  newReceipt,
  normaliseReceipt,
  openProblems,
  quorumMet,
  quorumNeeded,
  tallyPosition,
  validateBallot,
} from "../../app/modules/governance/rules";
import { diffTexts } from "../../app/modules/governance/diff";
import { clauseOutline, clauseText, renderCharter } from "../../app/modules/governance/markdown.server";

const c = (candidateId: number, online: number, paper = 0) => ({ candidateId, online, paper });

describe("tally", () => {
  it("gives the seats to the highest totals (online plus paper)", () => {
    const t = tallyPosition(2, [c(1, 10), c(2, 30), c(3, 5, 20), c(4, 3)]);
    expect(t.tie).toBe(false);
    expect(t.results.filter((r) => r.outcome === "elected").map((r) => r.candidateId)).toEqual([2, 3]);
    expect(t.results.map((r) => [r.candidateId, r.total, r.rank])).toEqual([
      [2, 30, 1],
      [3, 25, 2],
      [1, 10, 3],
      [4, 3, 4],
    ]);
  });

  it("reports a tie for the last seat and never breaks it silently", () => {
    const t = tallyPosition(2, [c(1, 50), c(2, 20), c(3, 20), c(4, 5)]);
    expect(t.tie).toBe(true);
    const by = Object.fromEntries(t.results.map((r) => [r.candidateId, r.outcome]));
    expect(by).toEqual({ 1: "elected", 2: "tie", 3: "tie", 4: "not_elected" });
    expect(t.seatsFilled).toBe(1);
  });

  it("elects a tie that fits inside the seats", () => {
    const t = tallyPosition(3, [c(1, 20), c(2, 20), c(3, 9), c(4, 9)]);
    expect(t.results.map((r) => r.outcome)).toEqual(["elected", "elected", "tie", "tie"]);
    expect(tallyPosition(2, [c(1, 20), c(2, 20), c(3, 9)]).tie).toBe(false);
  });

  it("leaves seats vacant with fewer candidates than seats, and elects no one without votes", () => {
    const t = tallyPosition(5, [c(1, 4), c(2, 2), c(3, 0)]);
    expect(t.results.map((r) => r.outcome)).toEqual(["elected", "elected", "not_elected"]);
    expect(t.vacant).toBe(3);
    expect(tallyPosition(1, []).vacant).toBe(1);
  });

  it("counts blank ballots as no votes for anyone", () => {
    const counts = countBallots([[1, 2], [], [2], []]);
    expect(Object.fromEntries(counts)).toEqual({ 1: 1, 2: 2 });
  });
});

describe("ballots", () => {
  const positions = [
    { id: 1, seats: 2, candidateIds: [10, 11, 12] },
    { id: 2, seats: 1, candidateIds: [20, 21] },
  ];
  it("accepts up to the seats per position and a blank ballot", () => {
    expect(validateBallot(positions, [10, 12, 21])).toBeNull();
    expect(validateBallot(positions, [])).toBeNull();
  });
  it("refuses over-voting, unknown candidates and a candidate marked twice", () => {
    expect(validateBallot(positions, [10, 11, 12])).toBe("governance:errors.overVote");
    expect(validateBallot(positions, [20, 21])).toBe("governance:errors.overVote");
    expect(validateBallot(positions, [99])).toBe("governance:errors.unknownCandidate");
    expect(validateBallot(positions, [10, 10])).toBe("governance:errors.duplicateChoice");
  });
});

describe("quorum and thresholds", () => {
  it("needs more than half or two thirds of the roll", () => {
    expect(quorumNeeded("half", 179)).toBe(90);
    expect(quorumNeeded("half", 10)).toBe(6);
    expect(quorumNeeded("two_thirds", 9)).toBe(6);
    expect(quorumNeeded("two_thirds", 10)).toBe(7);
    expect(quorumMet("half", 10, 5)).toBe(false);
    expect(quorumMet("half", 10, 6)).toBe(true);
    expect(quorumMet("half", 0, 0)).toBe(false);
  });
  it("simple majority of votes cast ignores abstentions", () => {
    expect(motionPasses("majority_cast", { yes: 5, no: 4, abstain: 50 }, 59, true)).toBe(true);
    expect(motionPasses("majority_cast", { yes: 5, no: 5, abstain: 0 }, 10, true)).toBe(false);
  });
  it("two thirds of those present counts abstentions against", () => {
    expect(motionPasses("two_thirds_present", { yes: 6, no: 0, abstain: 3 }, 9, true)).toBe(true);
    expect(motionPasses("two_thirds_present", { yes: 6, no: 0, abstain: 4 }, 10, true)).toBe(false);
    expect(motionPasses("two_thirds_cast", { yes: 6, no: 3, abstain: 10 }, 19, true)).toBe(true);
    expect(motionPasses("majority_present", { yes: 5, no: 0, abstain: 0 }, 10, true)).toBe(false);
  });
  it("never passes without quorum, and counts cannot exceed those present", () => {
    expect(motionPasses("majority_cast", { yes: 9, no: 0, abstain: 0 }, 9, false)).toBe(false);
    expect(checkMotionCounts({ yes: 5, no: 5, abstain: 1 }, 10)).toBe("governance:errors.countsExceedPresent");
    expect(checkMotionCounts({ yes: 5, no: 5, abstain: 0 }, 10)).toBeNull();
  });
});

describe("motions voted online with counts from the room", () => {
  const none = { yes: 0, no: 0, abstain: 0 };
  it("adds the room's counts to the online ones and keeps both apart", () => {
    const r = motionOutcome({
      threshold: "majority_cast",
      quorumRule: "half",
      rollSize: 10,
      present: 6,
      online: { yes: 2, no: 1, abstain: 0 },
      room: { yes: 1, no: 1, abstain: 1 },
    });
    expect(r).toEqual({
      ok: true,
      total: { yes: 3, no: 2, abstain: 1 },
      online: { yes: 2, no: 1, abstain: 0 },
      room: { yes: 1, no: 1, abstain: 1 },
      quorum: true,
      passed: true,
    });
  });
  it("refuses online and room counts together beyond the votes present", () => {
    expect(
      motionOutcome({
        threshold: "majority_cast",
        quorumRule: "half",
        rollSize: 10,
        present: 6,
        online: { yes: 4, no: 0, abstain: 0 },
        room: { yes: 2, no: 1, abstain: 0 },
      }),
    ).toEqual({ ok: false, error: "governance:errors.countsExceedPresent" });
  });
  it("applies the threshold to the sum: online yes alone may not carry a two-thirds-present motion", () => {
    const online = { yes: 4, no: 0, abstain: 0 };
    expect(motionOutcome({ threshold: "two_thirds_present", quorumRule: "half", rollSize: 10, present: 9, online, room: none })).toMatchObject({
      ok: true,
      passed: false,
    });
    expect(
      motionOutcome({ threshold: "two_thirds_present", quorumRule: "half", rollSize: 10, present: 9, online, room: { yes: 2, no: 0, abstain: 0 } }),
    ).toMatchObject({ ok: true, passed: true });
  });
  it("never passes without quorum, however the online votes fall", () => {
    expect(
      motionOutcome({ threshold: "majority_cast", quorumRule: "two_thirds", rollSize: 9, present: 5, online: { yes: 5, no: 0, abstain: 0 }, room: none }),
    ).toMatchObject({ ok: true, quorum: false, passed: false });
  });
  it("counts motion ballots by choice", () => {
    expect(
      tallyMotionBallots([
        { choice: "yes", n: 3 },
        { choice: "abstain", n: 1 },
      ]),
    ).toEqual({ yes: 3, no: 0, abstain: 1 });
    expect(tallyMotionBallots([])).toEqual(none);
  });
});

describe("stages and the competitive rule", () => {
  it("moves only forward, one step at a time", () => {
    expect(electionTransition("draft", "open")).toEqual({ ok: true, to: "open" });
    expect(electionTransition("open", "close")).toEqual({ ok: true, to: "closed" });
    expect(electionTransition("closed", "tally")).toEqual({ ok: true, to: "tallied" });
    expect(electionTransition("tallied", "certify")).toEqual({ ok: true, to: "certified" });
    expect(electionTransition("draft", "tally").ok).toBe(false);
    expect(electionTransition("open", "open").ok).toBe(false);
    expect(electionTransition("certified", "close").ok).toBe(false);
  });
  it("asks more candidates than seats by the share (at least one more)", () => {
    expect(candidatesNeeded(15, 20)).toBe(18);
    expect(candidatesNeeded(1, 20)).toBe(2);
    expect(candidatesNeeded(15, null)).toBe(1);
    expect(
      openProblems(
        [
          { id: 1, name: "理事", seats: 15, accepted: 17 },
          { id: 2, name: "主任", seats: 1, accepted: 2 },
        ],
        20,
      ).map((p) => p.positionId),
    ).toEqual([1]);
    expect(openProblems([{ id: 1, name: "理事", seats: 15, accepted: 0 }], null)).toHaveLength(1);
  });
});

describe("receipts", () => {
  it("are 12 characters without look-alikes, typed back in any case with dashes", () => {
    let i = 0;
    const code = newReceipt((n) => i++ % n);
    expect(code).toHaveLength(12);
    expect(normaliseReceipt(formatReceipt(code).toLowerCase())).toBe(code);
    expect(normaliseReceipt("ABCD-EFGH-JK")).toBeNull();
    expect(normaliseReceipt("ABCD-EFGH-JKO0")).toBeNull();
  });
});

describe("charter texts", () => {
  const text =
    "# 章程\n\n## 第一章 总则\n\n第一条 本中心名称。\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n## 第二章 会员\n\n第五条 会员资格。\n";
  it("renders Markdown with raw HTML escaped and script links refused", () => {
    const html = renderCharter(text);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<h2 id="clause-2">第一章 总则</h2>');
  });
  it("outlines the clauses and finds a clause's text", () => {
    expect(clauseOutline(text).map((c) => c.text)).toEqual(["章程", "第一章 总则", "第二章 会员"]);
    expect(clauseText(text, "第二章 会员")).toBe("第五条 会员资格。");
    expect(clauseText(text, "第九章")).toBeNull();
  });
  it("diffs two versions line by line, characters inside a changed line", () => {
    const rows = diffTexts("第一条 名称。\n第二条 宗旨。\n", "第一条 名称。\n第二条 宗旨和任务。\n第三条 新增。\n");
    expect(rows[0]).toEqual({ kind: "same", parts: [{ kind: "same", text: "第一条 名称。\n" }] });
    const changed = rows.find((r) => r.kind === "changed")!;
    expect(
      changed.parts
        .filter((p) => p.kind === "added")
        .map((p) => p.text)
        .join(""),
    ).toContain("和任务");
  });
});
