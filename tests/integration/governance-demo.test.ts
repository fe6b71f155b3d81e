import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { amendments, documentVersions, electionResults, elections } from "../../db/schema/governance";
import { seedDemo } from "../../db/seed/demo.server";
import {
  checkIn,
  createMotion,
  getAssembly,
  openAssembly,
  recordMotionResult,
  recordProxy,
  scheduleAssembly,
} from "../../app/modules/governance/assemblies.server";
import { decideAmendment, getVersion, listCharters, proposeAmendment } from "../../app/modules/governance/charters.server";
import { getBallot, getElection, getResults } from "../../app/modules/governance/elections.server";
import { governanceReport } from "../../app/modules/governance/reports.server";
import { governanceFixtures } from "../access/fixtures";
import { actorOf } from "../support/actors";

// The governance demo data (ids the access matrix relies on) and the charter and assembly flows.

const staff = actorOf("staff", { userId: "demo-staff" });
const member = actorOf("member", { userId: "demo-member", enterpriseIds: [1] });

beforeAll(async () => {
  const db = await getDb();
  await db.transaction((tx) => seedDemo(tx, 2026));
});

describe("governance demo data", () => {
  it("has the founding election certified with the director and 15 council members elected, no tie", async () => {
    const results = await getResults(Number(governanceFixtures.certifiedElection));
    expect(results!.election.status).toBe("certified");
    expect(results!.election.hasTie).toBe(false);
    const [council, director] = results!.positions;
    expect(council.results.filter((r) => r.outcome === "elected")).toHaveLength(15);
    expect(director.results[0]).toMatchObject({ outcome: "elected" });
    const db = await getDb();
    const rows = await db.select().from(electionResults).where(eq(electionResults.electionId, results!.election.id));
    expect(rows.length).toBe(20);
    expect(results!.voted).toBe(172);
  });

  it("has charter v1 and the rules adopted, v2 proposed with two amendments", async () => {
    const charters = await listCharters(null);
    expect(charters.map((c) => c.versions.map((v) => v.status))).toEqual([["adopted"], ["adopted"]]);
    const v2 = await getVersion(member, Number(governanceFixtures.proposedCharter), null);
    expect(v2!.version.status).toBe("proposed");
    expect(v2!.amendments).toHaveLength(2);
    expect(v2!.diff!.stats.changed).toBeGreaterThan(0);
    expect(await getVersion(null, Number(governanceFixtures.proposedCharter), null)).toBeNull();
    expect((await getVersion(null, Number(governanceFixtures.adoptedCharter), null))!.version.version).toBe(1);
  });

  it("has an election open in a chamber where member@demo.test's enterprise votes", async () => {
    const ballot = await getBallot(member, Number(governanceFixtures.openElection));
    expect(ballot!.election.status).toBe("open");
    expect(ballot!.voters).toEqual([expect.objectContaining({ enterpriseId: 1, representative: true, voted: false })]);
    expect(await getElection(member, Number(governanceFixtures.draftElection))).toBeNull();
    const db = await getDb();
    const [draft] = await db
      .select()
      .from(elections)
      .where(eq(elections.id, Number(governanceFixtures.draftElection)));
    expect(draft.status).toBe("draft");
    expect(await getAssembly(member, Number(governanceFixtures.otherAssembly))).toBeNull();
    expect((await getAssembly(member, Number(governanceFixtures.foundingAssembly)))!.figures).toMatchObject({ roll: 179, present: 172, quorum: true });
  });

  it("has the chamber's assembly open with a secret motion member@demo.test's enterprise can vote on", async () => {
    const found = await getAssembly(member, Number(governanceFixtures.openAssembly));
    expect(found!.assembly.status).toBe("open");
    const open = found!.motions.filter((m) => m.votingOpen);
    expect(open).toHaveLength(1);
    expect(open[0].secret).toBe(true);
    expect(open[0].myVotes).toEqual([expect.objectContaining({ enterpriseId: 1, proxy: false, voted: false })]);
  });
});

describe("the governance report", () => {
  it("counts 2022 from the rows: the founding assembly, its two motions and the certified election", async () => {
    const r = await governanceReport(2022);
    expect(r).toMatchObject({ assembliesHeld: 1, motionsDecided: 2, motionsPassed: 2, electionsCertified: 1 });
    expect(r.averageAttendance).toBeCloseTo(172 / 179, 5);
    expect(r.electionTurnout).toBeCloseTo(172 / 179, 5);
    expect((await governanceReport(2019)).assembliesHeld).toBe(0);
  });
});

describe("assemblies, motions and amendments", () => {
  it("freezes the roll at opening, counts proxies toward quorum, and adopts a version by motion", async () => {
    const scheduled = await scheduleAssembly(staff, {
      associationId: 1,
      kind: "council",
      title: "理事会会议",
      date: "2026-12-20",
      time: "14:00",
      place: "会议室",
      onlineUrl: null,
      agenda: "",
      quorumRule: "two_thirds",
      allowProxies: true,
    });
    if (!scheduled.ok) throw new Error(scheduled.error);
    const id = scheduled.value.id;
    const opened = await openAssembly(staff, id);
    expect(opened.ok && opened.value.rollSize).toBe(25); // director, 4 vice-directors, 20 council members
    const detail = await getAssembly(staff, id);
    const roll = detail!.roll.map((r) => r.enterpriseId);
    // The member checks in with the code shown in the room; a wrong code is refused.
    expect(await checkIn(member, id, 1, "000000")).toEqual({ ok: false, error: "governance:errors.meetingCode" });
    expect((await checkIn(member, id, 1, opened.ok ? opened.value.code : "")).ok).toBe(true);
    for (const e of roll.slice(1, 16)) expect((await checkIn(staff, id, e, null)).ok).toBe(true);
    expect((await getAssembly(staff, id))!.figures).toMatchObject({ present: 16, needed: 17, quorum: false });
    expect((await recordProxy(staff, id, roll[20], roll[2])).ok).toBe(true);
    // A holder holds at most one other vote.
    expect(await recordProxy(staff, id, roll[21], roll[2])).toEqual({ ok: false, error: "governance:errors.proxyTaken" });
    expect((await getAssembly(staff, id))!.figures).toMatchObject({ present: 17, quorum: true });
    const motion = await createMotion(staff, id, {
      kind: "adopt_charter",
      title: "通过章程修订",
      body: "",
      versionId: Number(governanceFixtures.proposedCharter),
      secret: true,
      threshold: "two_thirds_present",
    });
    if (!motion.ok) throw new Error(motion.error);
    expect(await recordMotionResult(staff, id, { motionId: motion.value, yes: 15, no: 2, abstain: 1 })).toEqual({
      ok: false,
      error: "governance:errors.countsExceedPresent",
    });
    expect(await recordMotionResult(staff, id, { motionId: motion.value, yes: 12, no: 3, abstain: 2 })).toEqual({
      ok: true,
      value: { passed: true, quorum: true },
    });
    const db = await getDb();
    const versions = await db.select().from(documentVersions).where(eq(documentVersions.documentId, 1));
    expect(versions.map((v) => [v.version, v.status]).sort()).toEqual([
      [1, "superseded"],
      [2, "adopted"],
    ]);
  });

  it("takes an amendment into the text when staff accept it, only to a proposed version", async () => {
    const db = await getDb();
    const [v] = await db
      .insert(documentVersions)
      .values({ documentId: 2, version: 2, title: "选举办法修订", body: "# 办法\n\n## 第一条 选举方式\n\n无记名投票。\n", status: "proposed" })
      .returning();
    const proposed = await proposeAmendment(member, v.id, {
      clause: "第一条 选举方式",
      oldText: "无记名投票。",
      newText: "无记名投票，可网上投票。",
      reason: "方便会员",
      enterpriseId: 1,
    });
    if (!proposed.ok) throw new Error(proposed.error);
    expect(await proposeAmendment(member, v.id, { clause: "第九条", oldText: "", newText: "x", reason: "y", enterpriseId: 1 })).toEqual({
      ok: false,
      error: "governance:errors.clause",
    });
    expect(await decideAmendment(staff, proposed.value, "reject", null)).toEqual({ ok: false, error: "governance:errors.reasonNeeded" });
    expect((await decideAmendment(staff, proposed.value, "accept", null)).ok).toBe(true);
    const [after] = await db.select().from(documentVersions).where(eq(documentVersions.id, v.id));
    expect(after.body).toContain("无记名投票，可网上投票。");
    const [a] = await db.select().from(amendments).where(eq(amendments.id, proposed.value));
    expect(a.status).toBe("accepted");
    // The adopted version takes no amendments.
    expect(await proposeAmendment(member, 2, { clause: "第一条 选举方式", oldText: "", newText: "x", reason: "y", enterpriseId: 1 })).toEqual({
      ok: false,
      error: "governance:errors.notProposed",
    });
  });
});
