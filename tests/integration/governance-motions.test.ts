import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema/accounts";
import { motionBallots, motions, motionVoters } from "../../db/schema/governance";
import { associations, enterpriseUsers, enterprises, memberships } from "../../db/schema/members";
import {
  castMotionVote,
  checkIn,
  closeMotionVoting,
  createMotion,
  getAssembly,
  openAssembly,
  openMotionVoting,
  recordMotionResult,
  recordProxy,
  scheduleAssembly,
} from "../../app/modules/governance/assemblies.server";
import type { MotionChoice } from "../../app/modules/governance/constants";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { actorOf } from "../support/actors";
import { simultaneously } from "../support/concurrency";

// Motions voted online during an open assembly (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// one vote per enterprise under concurrency, proxies, who may vote, secret motions whose rows carry
// no voter, and the result from online votes plus counts from the room.

const staff = actorOf("staff", { userId: "it-mstaff" });
let chamberId = 0;
const e: Record<string, number> = {};
let seq = 0;

async function makeEnterprise(key: string, associationId: number | null) {
  const db = await getDb();
  seq += 1;
  const [row] = await db
    .insert(enterprises)
    .values({
      name: `动议企业${key}`,
      creditCode: generateCreditCode(95_000 + seq),
      legalRep: "张三",
      address: "仙降",
      village: "仙降",
      segment: "soles",
      contactPerson: "李四",
      phone: "13800000000",
    })
    .returning();
  const userId = `it-mrep-${key}`;
  await db.insert(users).values({ id: userId, email: `${userId}@it.test`, passwordHash: "x", displayName: `代表${key}`, role: "member" });
  await db.insert(enterpriseUsers).values({ enterpriseId: row.id, userId, isOwner: true });
  if (associationId) await db.insert(memberships).values({ enterpriseId: row.id, associationId, status: "active", joinedOn: "2024-01-01" });
  e[key] = row.id;
}

const rep = (key: string) => actorOf("member", { userId: `it-mrep-${key}`, enterpriseIds: [e[key]] });
const vote = (key: string, motionId: number, enterpriseKey: string, choice: MotionChoice, assemblyId: number) =>
  castMotionVote(rep(key), assemblyId, { motionId, enterpriseId: e[enterpriseKey], choice });

/** An open assembly of the chamber (roll: its 30 members) with a, b, c and the 20 "p" enterprises checked in; d's vote held by a. */
async function openMeeting() {
  const scheduled = await scheduleAssembly(staff, {
    associationId: chamberId,
    kind: "general",
    title: `会员大会 ${++seq}`,
    date: "2026-06-30",
    time: "09:00",
    place: "研究中心",
    onlineUrl: null,
    agenda: "",
    quorumRule: "half",
    allowProxies: true,
  });
  if (!scheduled.ok) throw new Error(scheduled.error);
  const id = scheduled.value.id;
  const opened = await openAssembly(staff, id);
  if (!opened.ok) throw new Error(opened.error);
  for (const k of ["a", "b", "c", ...Array.from({ length: 20 }, (_, i) => `p${i}`)]) {
    const r = await checkIn(staff, id, e[k], null);
    if (!r.ok) throw new Error(r.error);
  }
  const proxy = await recordProxy(staff, id, e.d, e.a);
  if (!proxy.ok) throw new Error(proxy.error);
  return id;
}

async function votingMotion(assemblyId: number, secret: boolean, threshold: "majority_cast" | "two_thirds_present" = "majority_cast") {
  const created = await createMotion(staff, assemblyId, { kind: "other", title: `动议 ${++seq}`, body: "", versionId: null, secret, threshold });
  if (!created.ok) throw new Error(created.error);
  const opened = await openMotionVoting(staff, assemblyId, created.value);
  if (!opened.ok) throw new Error(opened.error);
  return created.value;
}

beforeAll(async () => {
  const db = await getDb();
  const [chamber] = await db.insert(associations).values({ code: "it-motions", nameZh: "动议商会", nameEn: "Motions chamber", kind: "chamber" }).returning();
  chamberId = chamber.id;
  await db.insert(users).values({ id: staff.userId, email: "it-mstaff@it.test", passwordHash: "x", displayName: "秘书", role: "staff" });
  for (const k of ["a", "b", "c", "d", "absent", "x", ...Array.from({ length: 20 }, (_, i) => `p${i}`)]) await makeEnterprise(k, chamberId);
  await makeEnterprise("outsider", null);
});

describe("voting on a motion online", () => {
  it("records one vote per enterprise under 20 concurrent submissions by each of 20 enterprises", async () => {
    const assemblyId = await openMeeting();
    const motionId = await votingMotion(assemblyId, false);
    const keys = Array.from({ length: 20 }, (_, i) => `p${i}`);
    // 20 enterprises each submit 20 times at once: 400 racing submissions.
    const r = await simultaneously(400, (i) => vote(keys[i % 20], motionId, keys[i % 20], i % 3 === 0 ? "no" : "yes", assemblyId));
    expect(r.thrown).toEqual([]);
    expect(r.ok).toBe(20);
    expect(r.refused.every((x) => !x.ok && x.error === "governance:errors.alreadyVoted")).toBe(true);
    const db = await getDb();
    expect(await db.select().from(motionBallots).where(eq(motionBallots.motionId, motionId))).toHaveLength(20);
    const voters = await db.select().from(motionVoters).where(eq(motionVoters.motionId, motionId));
    expect(new Set(voters.map((v) => v.enterpriseId)).size).toBe(20);
    // An open motion: who voted how is kept and shown.
    expect(voters.every((v) => v.openChoice === "yes" || v.openChoice === "no")).toBe(true);
    const seen = await getAssembly(rep("b"), assemblyId);
    const m = seen!.motions.find((x) => x.id === motionId)!;
    expect(m.onlineVoted).toBe(20);
    expect(m.votes.filter((v) => v.choice === "yes" || v.choice === "no")).toHaveLength(20);
  });

  it("lets the proxy holder's representative cast the absent enterprise's vote too", async () => {
    const assemblyId = await openMeeting();
    const motionId = await votingMotion(assemblyId, false);
    // d is absent: its own representative cannot vote; b's cannot vote for d; a (the holder) can.
    expect(await vote("d", motionId, "d", "yes", assemblyId)).toEqual({ ok: false, error: "governance:errors.notRepresentative" });
    expect(
      await castMotionVote(actorOf("member", { userId: "it-mrep-b", enterpriseIds: [e.b, e.d] }), assemblyId, { motionId, enterpriseId: e.d, choice: "yes" }),
    ).toEqual({ ok: false, error: "governance:errors.notRepresentative" });
    expect(await vote("a", motionId, "a", "yes", assemblyId)).toEqual({ ok: true, value: true });
    expect(await vote("a", motionId, "d", "no", assemblyId)).toEqual({ ok: true, value: true });
    expect(await vote("a", motionId, "d", "no", assemblyId)).toEqual({ ok: false, error: "governance:errors.alreadyVoted" });
    const seen = await getAssembly(rep("a"), assemblyId);
    const m = seen!.motions.find((x) => x.id === motionId)!;
    expect(m.myVotes.map((v) => [v.enterpriseId, v.proxy, v.voted])).toEqual([
      [e.a, false, true],
      [e.d, true, true],
    ]);
    expect(m.votes.find((v) => v.enterpriseId === e.d)).toMatchObject({ choice: "no", heldByName: "动议企业a" });
  });

  it("refuses an enterprise not on the roll, one not present, and a vote before opening or after closing", async () => {
    const assemblyId = await openMeeting();
    const motionId = await votingMotion(assemblyId, false);
    expect(await vote("outsider", motionId, "outsider", "yes", assemblyId)).toEqual({ ok: false, error: "governance:errors.notOnRoll" });
    expect(await vote("absent", motionId, "absent", "yes", assemblyId)).toEqual({ ok: false, error: "governance:errors.notPresent" });
    // A member user acting for an enterprise that is not theirs.
    expect(await castMotionVote(rep("outsider"), assemblyId, { motionId, enterpriseId: e.b, choice: "yes" })).toEqual({
      ok: false,
      error: "governance:errors.notRepresentative",
    });
    expect(await castMotionVote(staff, assemblyId, { motionId, enterpriseId: e.b, choice: "yes" })).toEqual({
      ok: false,
      error: "governance:errors.notRepresentative",
    });
    const notOpened = await createMotion(staff, assemblyId, {
      kind: "other",
      title: "未开始投票",
      body: "",
      versionId: null,
      secret: false,
      threshold: "majority_cast",
    });
    if (!notOpened.ok) throw new Error(notOpened.error);
    expect(await vote("b", notOpened.value, "b", "yes", assemblyId)).toEqual({ ok: false, error: "governance:errors.motionVotingClosed" });
    expect((await closeMotionVoting(staff, assemblyId, { motionId, yes: 0, no: 0, abstain: 0 })).ok).toBe(true);
    expect(await vote("b", motionId, "b", "yes", assemblyId)).toEqual({ ok: false, error: "governance:errors.motionVotingClosed" });
    const db = await getDb();
    expect(await db.select().from(motionVoters).where(eq(motionVoters.motionId, motionId))).toEqual([]);
  });

  it("keeps a secret motion's rows free of any voter, and decides with online plus room counts", async () => {
    const assemblyId = await openMeeting();
    const motionId = await votingMotion(assemblyId, true, "majority_cast");
    // While voting is open the count in the room alone is refused.
    expect(await recordMotionResult(staff, assemblyId, { motionId, yes: 1, no: 0, abstain: 0 })).toEqual({
      ok: false,
      error: "governance:errors.motionVotingOpen",
    });
    expect((await vote("a", motionId, "a", "no", assemblyId)).ok).toBe(true);
    expect((await vote("a", motionId, "d", "no", assemblyId)).ok).toBe(true);
    expect((await vote("b", motionId, "b", "yes", assemblyId)).ok).toBe(true);
    expect((await vote("c", motionId, "c", "abstain", assemblyId)).ok).toBe(true);
    const db = await getDb();
    const voters = await db.select().from(motionVoters).where(eq(motionVoters.motionId, motionId));
    expect(voters).toHaveLength(4);
    expect(voters.every((v) => v.openChoice === null)).toBe(true);
    // Staff see who voted, never how; a member sees only the turnout.
    const asStaff = (await getAssembly(staff, assemblyId))!.motions.find((x) => x.id === motionId)!;
    expect(asStaff.votes).toHaveLength(4);
    expect(asStaff.votes.every((v) => v.choice === null)).toBe(true);
    const asMember = (await getAssembly(rep("b"), assemblyId))!.motions.find((x) => x.id === motionId)!;
    expect(asMember.votes).toEqual([]);
    expect(asMember.onlineVoted).toBe(4);
    // The audit log says a vote was cast, never how.
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "motion.vote"));
    expect(audit.every((a) => a.after === null && a.before === null)).toBe(true);

    // Present: 23 checked in + 1 proxy = 24. Online: yes 1, no 2, abstain 1; more than 24 in all is refused.
    expect(await closeMotionVoting(staff, assemblyId, { motionId, yes: 21, no: 0, abstain: 0 })).toEqual({
      ok: false,
      error: "governance:errors.countsExceedPresent",
    });
    expect(await closeMotionVoting(staff, assemblyId, { motionId, yes: 10, no: 3, abstain: 2 })).toEqual({ ok: true, value: { passed: true, quorum: true } });
    const [m] = await db.select().from(motions).where(eq(motions.id, motionId));
    expect(m).toMatchObject({
      status: "passed",
      yes: 11,
      no: 5,
      abstain: 3,
      onlineYes: 1,
      onlineNo: 2,
      onlineAbstain: 1,
      present: 24,
      rollSize: 26,
      quorumMet: true,
    });
    const ballots = await db.select().from(motionBallots).where(eq(motionBallots.motionId, motionId));
    expect(ballots.map((b) => b.choice).sort()).toEqual(["abstain", "no", "no", "yes"]);
    expect(await closeMotionVoting(staff, assemblyId, { motionId, yes: 0, no: 0, abstain: 0 })).toEqual({
      ok: false,
      error: "governance:errors.motionDecided",
    });
  });
});
