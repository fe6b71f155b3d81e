import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { auditEvents, users } from "../../db/schema/accounts";
import { electionBallots, electionVoters } from "../../db/schema/governance";
import { associations, enterpriseUsers, enterprises, memberships } from "../../db/schema/members";
import {
  addPosition,
  castVote,
  closeElection,
  confirmPaperTotals,
  createElection,
  enterPaperTotals,
  getBulletin,
  getElection,
  getResults,
  issuePaperBallot,
  nominateCandidate,
  openElection,
  tallyElection,
  verifyReceipt,
} from "../../app/modules/governance/elections.server";
import { generateCreditCode } from "../../app/modules/members/credit-code";
import { actorOf } from "../support/actors";
import { simultaneously } from "../support/concurrency";
import { rowsOf } from "../support/db-counts";

// Elections on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): secrecy by the
// schema, one vote per enterprise under concurrency, stage locks by the database, receipts,
// paper totals with a second confirmation, and who may vote.

const staff = actorOf("staff", { userId: "it-staff-1" });
const staff2 = actorOf("staff", { userId: "it-staff-2" });
let chamberId = 0;
let otherAssociationId = 0;
/** enterprise ids: 0..5 active members of the chamber; lapsed; non-member; other association's member. */
const e: Record<string, number> = {};
let seq = 0;

async function makeEnterprise(key: string, associationId: number | null, status: "active" | "lapsed" = "active") {
  const db = await getDb();
  seq += 1;
  const [row] = await db
    .insert(enterprises)
    .values({
      name: `测试企业${key}`,
      creditCode: generateCreditCode(90_000 + seq),
      legalRep: "张三",
      address: "仙降",
      village: "仙降",
      segment: "soles",
      contactPerson: "李四",
      phone: "13800000000",
    })
    .returning();
  const userId = `it-rep-${key}`;
  await db.insert(users).values({ id: userId, email: `${userId}@it.test`, passwordHash: "x", displayName: `代表${key}`, role: "member" });
  await db.insert(enterpriseUsers).values({ enterpriseId: row.id, userId, isOwner: true });
  if (associationId) await db.insert(memberships).values({ enterpriseId: row.id, associationId, status, joinedOn: "2024-01-01" });
  e[key] = row.id;
}

function rep(key: string) {
  return actorOf("member", { userId: `it-rep-${key}`, enterpriseIds: [e[key]] });
}

/** A draft election with one position of `seats` and the given accepted candidates (enterprise keys). */
async function draftElection(seats: number, candidateKeys: string[], extra: { paperBallots?: boolean; competitivePct?: number | null } = {}) {
  const created = await createElection(staff, {
    associationId: chamberId,
    assemblyId: null,
    title: `测试选举 ${++seq}`,
    competitivePct: extra.competitivePct ?? null,
    paperBallots: extra.paperBallots ?? false,
    opensOn: null,
    closesOn: null,
  });
  if (!created.ok) throw new Error(created.error);
  const id = created.value.id;
  const pos = await addPosition(staff, id, { nameZh: "理事", nameEn: "Council member", seats });
  if (!pos.ok) throw new Error(pos.error);
  const candidates: number[] = [];
  for (const k of candidateKeys) {
    const c = await nominateCandidate(staff, id, {
      positionId: pos.value,
      enterpriseId: e[k],
      personName: `候选人${k}`,
      statement: null,
      acceptedInWriting: true,
      nominatorEnterpriseId: null,
    });
    if (!c.ok) throw new Error(c.error);
    candidates.push(c.value);
  }
  return { id, positionId: pos.value, candidates };
}

async function openedElection(seats: number, candidateKeys: string[], extra: { paperBallots?: boolean } = {}) {
  const d = await draftElection(seats, candidateKeys, extra);
  const opened = await openElection(staff, d.id);
  if (!opened.ok) throw new Error(opened.error);
  return d;
}

beforeAll(async () => {
  const db = await getDb();
  const [chamber] = await db.insert(associations).values({ code: "it-chamber", nameZh: "测试商会", nameEn: "Test chamber", kind: "chamber" }).returning();
  const [other] = await db.insert(associations).values({ code: "it-other", nameZh: "另一商会", nameEn: "Other chamber", kind: "chamber" }).returning();
  chamberId = chamber.id;
  otherAssociationId = other.id;
  await db.insert(users).values([
    { id: staff.userId, email: "it-staff-1@it.test", passwordHash: "x", displayName: "秘书甲", role: "staff" },
    { id: staff2.userId, email: "it-staff-2@it.test", passwordHash: "x", displayName: "秘书乙", role: "staff" },
  ]);
  for (const k of ["a", "b", "c", "d", "f", "g"]) await makeEnterprise(k, chamberId);
  await makeEnterprise("lapsed", chamberId, "lapsed");
  await makeEnterprise("none", null);
  await makeEnterprise("other", otherAssociationId);
});

describe("ballot secrecy in the schema", () => {
  it("has no column in the ballot tables that can join a ballot to a voter", async () => {
    const db = await getDb();
    const columns = rowsOf<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
      await db.execute(
        sql`select table_name, column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name in ('election_ballots', 'election_voters') order by table_name, ordinal_position`,
      ),
    );
    const ballot = columns.filter((c) => c.table_name === "election_ballots");
    const voters = columns.filter((c) => c.table_name === "election_voters");
    // Exactly these columns: a new one must be argued for here.
    expect(ballot.map((c) => c.column_name)).toEqual(["id", "election_id", "receipt", "candidate_ids"]);
    // No time of any kind, no sequence (a serial id would follow the order of voting).
    expect(ballot.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
    expect(ballot.filter((c) => (c.column_default ?? "").includes("nextval"))).toEqual([]);
    expect(ballot.find((c) => c.column_name === "id")).toMatchObject({ data_type: "uuid", column_default: "gen_random_uuid()" });
    // Nothing naming a voter, user, enterprise, session or request.
    expect(ballot.filter((c) => /(^|_)(user|enterprise|voter|session|request|ip|actor|member|by|at|on)(_|$)/.test(c.column_name))).toEqual([]);
    // The only column the two tables share is the election.
    const shared = ballot.map((c) => c.column_name).filter((n) => voters.some((v) => v.column_name === n));
    expect(shared).toEqual(["election_id"]);
    expect(voters.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    // Foreign keys of the ballot table: only to the election.
    const fks = rowsOf<{ foreign_table: string }>(
      await db.execute(
        sql`select ccu.table_name as foreign_table from information_schema.table_constraints tc join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name where tc.table_name = 'election_ballots' and tc.constraint_type = 'FOREIGN KEY'`,
      ),
    );
    expect([...new Set(fks.map((f) => f.foreign_table))]).toEqual(["elections"]);
  });

  it("holds the motion ballots to the same rules (secret motions: who voted apart from how)", async () => {
    const db = await getDb();
    const columns = rowsOf<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
      await db.execute(
        sql`select table_name, column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name in ('motion_ballots', 'motion_voters') order by table_name, ordinal_position`,
      ),
    );
    const ballot = columns.filter((c) => c.table_name === "motion_ballots");
    const voters = columns.filter((c) => c.table_name === "motion_voters");
    expect(ballot.map((c) => c.column_name)).toEqual(["id", "motion_id", "choice"]);
    expect(ballot.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
    expect(ballot.filter((c) => (c.column_default ?? "").includes("nextval"))).toEqual([]);
    expect(ballot.find((c) => c.column_name === "id")).toMatchObject({ data_type: "uuid", column_default: "gen_random_uuid()" });
    expect(ballot.filter((c) => /(^|_)(user|enterprise|voter|session|request|ip|actor|member|by|at|on)(_|$)/.test(c.column_name))).toEqual([]);
    expect(ballot.map((c) => c.column_name).filter((n) => voters.some((v) => v.column_name === n))).toEqual(["motion_id"]);
    // The voters table keeps no time; its only "how" column is for open motions (null when secret,
    // checked in tests/integration/governance-motions.test.ts).
    expect(voters.map((c) => c.column_name)).toEqual(["motion_id", "enterprise_id", "held_by", "open_choice"]);
    expect(voters.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    const fks = rowsOf<{ foreign_table: string }>(
      await db.execute(
        sql`select ccu.table_name as foreign_table from information_schema.table_constraints tc join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name where tc.table_name = 'motion_ballots' and tc.constraint_type = 'FOREIGN KEY'`,
      ),
    );
    expect([...new Set(fks.map((f) => f.foreign_table))]).toEqual(["motions"]);
  });
});

describe("voting", () => {
  it("leaves one ballot after 50 concurrent votes by one enterprise", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"]);
    const r = await simultaneously(50, () => castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [candidates[0]] }));
    expect(r.thrown).toEqual([]);
    expect(r.ok).toBe(1);
    expect(r.refused.every((x) => !x.ok && x.error === "governance:errors.alreadyVoted")).toBe(true);
    const db = await getDb();
    const ballots = await db.select().from(electionBallots).where(eq(electionBallots.electionId, id));
    const voters = await db.select().from(electionVoters).where(eq(electionVoters.electionId, id));
    expect(ballots).toHaveLength(1);
    expect(voters).toEqual([{ electionId: id, enterpriseId: e.c, channel: "online" }]);
    // The audit log says a vote was cast, never its content.
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "election.vote"));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit.every((a) => a.after === null && a.before === null)).toBe(true);
  });

  it("refuses a non-member, a lapsed member and another association's member", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"]);
    for (const k of ["none", "lapsed", "other"]) {
      const r = await castVote(rep(k), id, { enterpriseId: e[k], candidateIds: [candidates[0]] });
      expect(r, k).toEqual({ ok: false, error: "governance:errors.notOnRoll" });
    }
    // A member user acting for an enterprise that is not theirs.
    expect(await castVote(rep("none"), id, { enterpriseId: e.a, candidateIds: [] })).toEqual({ ok: false, error: "governance:errors.notRepresentative" });
    // A membership that lapses after the roll was frozen no longer votes.
    const db = await getDb();
    await db.update(memberships).set({ status: "lapsed" }).where(eq(memberships.enterpriseId, e.g));
    expect(await castVote(rep("g"), id, { enterpriseId: e.g, candidateIds: [] })).toEqual({ ok: false, error: "governance:errors.notMember" });
    await db.update(memberships).set({ status: "active" }).where(eq(memberships.enterpriseId, e.g));
    expect((await db.select().from(electionBallots).where(eq(electionBallots.electionId, id))).length).toBe(0);
  });

  it("refuses over-voting and accepts a blank ballot", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"]);
    expect(await castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: candidates })).toEqual({ ok: false, error: "governance:errors.overVote" });
    // Another election's candidate, or one mark twice, is refused too.
    const other = await openedElection(1, ["a", "b"]);
    expect(await castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [other.candidates[0]] })).toEqual({
      ok: false,
      error: "governance:errors.unknownCandidate",
    });
    expect(await castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [candidates[0], candidates[0]] })).toEqual({
      ok: false,
      error: "governance:errors.duplicateChoice",
    });
    const blank = await castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [] });
    expect(blank.ok).toBe(true);
  });

  it("gives each of the votes written together its own answer", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"]);
    // Submitted in the same tick, these are written by one statement.
    const [good, outsider, over, blank, second] = await Promise.all([
      castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [candidates[1]] }),
      castVote(rep("none"), id, { enterpriseId: e.none, candidateIds: [] }),
      castVote(rep("d"), id, { enterpriseId: e.d, candidateIds: candidates }),
      castVote(rep("f"), id, { enterpriseId: e.f, candidateIds: [] }),
      castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [candidates[0]] }),
    ]);
    expect(blank.ok).toBe(true);
    expect(outsider).toEqual({ ok: false, error: "governance:errors.notOnRoll" });
    expect(over).toEqual({ ok: false, error: "governance:errors.overVote" });
    // c's two submissions race (the second goes to the next statement, which may reach the server
    // first): exactly one is recorded, the other refused.
    const [won, lost] = good.ok ? [good, second] : [second, good];
    expect(won.ok).toBe(true);
    expect(lost).toEqual({ ok: false, error: "governance:errors.alreadyVoted" });
    const db = await getDb();
    const ballots = await db.select().from(electionBallots).where(eq(electionBallots.electionId, id));
    expect(ballots.map((b) => b.candidateIds).sort()).toEqual([[], [candidates[won === good ? 1 : 0]]]);
    expect(ballots.map((b) => b.receipt).sort()).toEqual([won.ok ? won.receipt : "", blank.ok ? blank.receipt : ""].sort());
  });

  it("shows staff who voted, never how", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"]);
    await castVote(rep("d"), id, { enterpriseId: e.d, candidateIds: [candidates[1]] });
    const seen = await getElection(staff, id);
    expect(seen!.votedCount).toBe(1);
    expect(seen!.roll.find((r) => r.enterpriseId === e.d)).toMatchObject({ voted: true, channel: "online" });
    expect(JSON.stringify(seen)).not.toContain("candidateIds");
  });
});

describe("stage locks enforced by the database", () => {
  it("refuses changes to candidates, seats, roll and rules once open, and stage jumps", async () => {
    const { id, positionId } = await openedElection(1, ["a", "b"]);
    const db = await getDb();
    const refused = async (q: ReturnType<typeof sql>) => {
      let error: unknown = null;
      try {
        await db.execute(q);
      } catch (err) {
        error = err;
      }
      expect(error, String(q.queryChunks?.[0] ?? "")).not.toBeNull();
      return String((error as Error).message) + String(((error as { cause?: Error }).cause ?? {}).message ?? "");
    };
    expect(
      await refused(
        sql`insert into election_candidates (election_id, position_id, enterprise_id, person_name, nominated_by, status) values (${id}, ${positionId}, ${e.c}, 'x', 'x', 'accepted')`,
      ),
    ).toMatch(/refused/);
    expect(await refused(sql`update election_candidates set status = 'withdrawn' where election_id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`update election_positions set seats = 5 where election_id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`delete from election_roll where election_id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`insert into election_roll (election_id, enterprise_id) values (${id}, ${e.none})`)).toMatch(/refused/);
    expect(await refused(sql`update elections set competitive_pct = 20 where id = ${id}`)).toMatch(/fixed/);
    expect(await refused(sql`update elections set status = 'certified' where id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`update elections set status = 'draft' where id = ${id}`)).toMatch(/refused/);
    // Ballots: append-only.
    const cast = await castVote(rep("c"), id, { enterpriseId: e.c, candidateIds: [] });
    expect(cast.ok).toBe(true);
    expect(await refused(sql`update election_ballots set candidate_ids = '{}' where election_id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`delete from election_ballots where election_id = ${id}`)).toMatch(/refused/);
    expect(await refused(sql`delete from election_voters where election_id = ${id}`)).toMatch(/refused/);
    // After closing: no ballot can be added, not even straight into the table.
    expect((await closeElection(staff, id)).ok).toBe(true);
    expect(await refused(sql`insert into election_ballots (election_id, receipt, candidate_ids) values (${id}, 'ZZZZZZZZZZZZ', '{}')`)).toMatch(/refused/);
    expect(await castVote(rep("d"), id, { enterpriseId: e.d, candidateIds: [] })).toEqual({ ok: false, error: "governance:errors.notOpen" });
  });

  it("module commands turn a lock into a message", async () => {
    const { id } = await openedElection(1, ["a", "b"]);
    const r = await addPosition(staff, id, { nameZh: "监事", nameEn: "Supervisor", seats: 1 });
    expect(r).toEqual({ ok: false, error: "governance:errors.locked" });
  });

  it("checks the competitive rule before opening", async () => {
    const d = await draftElection(2, ["a", "b"], { competitivePct: 20 });
    expect(await openElection(staff, d.id)).toEqual({ ok: false, error: "governance:errors.notCompetitive" });
    await nominateCandidate(staff, d.id, {
      positionId: d.positionId,
      enterpriseId: e.c,
      personName: "候选人c",
      statement: null,
      acceptedInWriting: true,
      nominatorEnterpriseId: null,
    });
    expect((await openElection(staff, d.id)).ok).toBe(true);
  });
});

describe("close, tally and receipts", () => {
  it("rewrites ballots at closing so their transaction ids and order no longer follow the votes", async () => {
    const { id, candidates } = await openedElection(2, ["a", "b", "c"]);
    for (const k of ["a", "b", "c", "d"]) expect((await castVote(rep(k), id, { enterpriseId: e[k], candidateIds: [candidates[0]] })).ok).toBe(true);
    const db = await getDb();
    const xmins = async (table: string) =>
      rowsOf<{ x: string }>(await db.execute(sql`select xmin::text as x from ${sql.identifier(table)} where election_id = ${id}`)).map((r) => r.x);
    // While voting, each ballot shares its transaction id with its voter row: the residual link.
    expect(new Set(await xmins("election_ballots")).size).toBe(4);
    await closeElection(staff, id);
    const after = await xmins("election_ballots");
    expect(after).toHaveLength(4);
    expect(new Set(after).size).toBe(1);
    expect(new Set(await xmins("election_voters"))).toEqual(new Set(after));
  });

  it("tallies, reports a last-seat tie, and lets a voter find their receipt on the bulletin", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b", "c"]);
    const [ca, cb] = candidates;
    const receipts: Record<string, string> = {};
    const votes: [string, number[]][] = [
      ["a", [ca]],
      ["b", [cb]],
      ["c", []],
      ["d", [ca]],
      ["f", [cb]],
    ];
    for (const [k, choice] of votes) {
      const r = await castVote(rep(k), id, { enterpriseId: e[k], candidateIds: choice });
      if (!r.ok) throw new Error(r.error);
      receipts[k] = r.receipt;
    }
    expect((await getBulletin(id, 1))!.published).toBe(false);
    expect(await verifyReceipt(id, receipts.a)).toBeNull();
    expect((await closeElection(staff, id)).ok).toBe(true);
    const tally = await tallyElection(staff, id);
    expect(tally).toEqual({ ok: true, value: { tie: true, ballots: 5 } });
    const results = await getResults(id);
    const outcomes = results!.positions[0].results.map((r) => [r.candidateId, r.total, r.outcome]);
    expect(outcomes).toEqual([
      [ca, 2, "tie"],
      [cb, 2, "tie"],
      [candidates[2], 0, "not_elected"],
    ]);
    expect(results!.election.blankBallots).toBe(1);
    expect(results!.election.rollSize).toBe(6);
    // Receipts: found as cast, in any typing; an unknown one is not.
    const found = await verifyReceipt(id, receipts.d.toLowerCase().replace(/(.{4})/g, "$1-"));
    expect(found).toEqual({ receipt: receipts.d, candidateIds: [ca] });
    expect(await verifyReceipt(id, receipts.c)).toEqual({ receipt: receipts.c, candidateIds: [] });
    expect(await verifyReceipt(id, "ABCDEFGHJKMN")).toBeNull();
    const bulletin = await getBulletin(id, 1);
    expect(bulletin!.total).toBe(5);
    // Anyone can recount from the bulletin.
    const recount = new Map<number, number>();
    for (const b of bulletin!.ballots) for (const c of b.candidateIds) recount.set(c, (recount.get(c) ?? 0) + 1);
    expect(recount.get(ca)).toBe(2);
    expect(recount.get(cb)).toBe(2);
  });

  it("counts paper totals only after a second staff user confirms", async () => {
    const { id, candidates } = await openedElection(1, ["a", "b"], { paperBallots: true });
    const [ca, cb] = candidates;
    expect((await castVote(rep("a"), id, { enterpriseId: e.a, candidateIds: [ca] })).ok).toBe(true);
    expect((await issuePaperBallot(staff, id, e.b)).ok).toBe(true);
    expect((await issuePaperBallot(staff, id, e.c)).ok).toBe(true);
    // A paper voter cannot also vote online.
    expect(await castVote(rep("b"), id, { enterpriseId: e.b, candidateIds: [cb] })).toEqual({ ok: false, error: "governance:errors.alreadyVoted" });
    // Before closing, no paper totals.
    expect(await enterPaperTotals(staff, id, { ballots: 2, blank: 0, totals: { [cb]: 2 } })).toEqual({ ok: false, error: "governance:errors.notClosed" });
    await closeElection(staff, id);
    expect(await tallyElection(staff, id)).toEqual({ ok: false, error: "governance:errors.paperMissing" });
    expect(await enterPaperTotals(staff, id, { ballots: 3, blank: 0, totals: {} })).toEqual({ ok: false, error: "governance:errors.paperTooMany" });
    expect((await enterPaperTotals(staff, id, { ballots: 2, blank: 0, totals: { [cb]: 2 } })).ok).toBe(true);
    expect(await tallyElection(staff, id)).toEqual({ ok: false, error: "governance:errors.paperUnconfirmed" });
    expect(await confirmPaperTotals(staff, id)).toEqual({ ok: false, error: "governance:errors.paperSecondPerson" });
    // The database refuses one person confirming their own entry, whatever the code does.
    const db = await getDb();
    await expect(db.execute(sql`update election_paper_counts set confirmed_by = entered_by where election_id = ${id}`)).rejects.toThrow();
    expect((await confirmPaperTotals(staff2, id)).ok).toBe(true);
    await expect(db.execute(sql`update election_paper_counts set ballots = 1 where election_id = ${id}`)).rejects.toThrow();
    const tally = await tallyElection(staff, id);
    expect(tally).toEqual({ ok: true, value: { tie: false, ballots: 3 } });
    const results = await getResults(id);
    expect(results!.positions[0].results.map((r) => [r.candidateId, r.online, r.paper, r.outcome])).toEqual([
      [cb, 0, 2, "elected"],
      [ca, 1, 0, "not_elected"],
    ]);
  });
});
