/**
 * `npm run bench:governance`: an election with 5,000 voting enterprises on a real PostgreSQL server.
 * 1. starts a throwaway PostgreSQL server (tests/support/pg-server.sh) or uses BENCH_DATABASE_URL,
 *    migrates, and writes 5,000 member enterprises with one representative each;
 * 2. sets up an election (council 15 seats with 18 candidates, director with 2) and opens it;
 * 3. casts 500 ballots at once through the module command (castVote: votes arriving together are
 *    written by one statement: share lock, roll, membership and ballot checks, voter rows, ballots
 *    and audit rows) and prints p50/p95/p99 of one vote;
 * 4. casts the other 4,500 (20 at a time), closes (ballots rewritten in random order) and tallies,
 *    printing each time; checks every vote was recorded exactly once and the tally counts 5,000 ballots.
 * BENCH_VOTERS changes the 5,000, BENCH_CONCURRENT the 500.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.resolve(import.meta.dirname, "../..");
const pgScript = path.join(root, "tests/support/pg-server.sh");
const stateFile = "/tmp/yunjiang-governance-bench.state";
const VOTERS = Number(process.env.BENCH_VOTERS ?? 5000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 500);
const reuse = process.env.BENCH_DATABASE_URL;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main() {
  const pgPort = reuse ? null : execFileSync("bash", [pgScript, "start"], { env: { ...process.env, PG_SERVER_STATE: stateFile }, encoding: "utf8" }).trim();
  process.env.DATABASE_URL = reuse ?? `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
  process.env.SEED_DEMO = "no";
  try {
    const { migrateDb, getDb, closeDb } = await import("../../db/client.server");
    const { sql } = await import("drizzle-orm");
    const { users } = await import("../../db/schema/accounts");
    const { associations, enterpriseUsers, enterprises, memberships } = await import("../../db/schema/members");
    const { generateCreditCode } = await import("../../app/modules/members/credit-code");
    const gov = await import("../../app/modules/governance/elections.server");
    const { actorOf } = await import("../support/actors");
    await migrateDb();
    const db = await getDb();
    const run = Date.now().toString(36);
    const t0 = performance.now();
    const [assoc] = await db
      .insert(associations)
      .values({ code: `bench-${run}`, nameZh: "压测商会", nameEn: "Bench chamber", kind: "chamber" })
      .returning();
    const staffUser = `bench-staff-${run}`;
    await db.insert(users).values({ id: staffUser, email: `${staffUser}@bench.test`, passwordHash: "x", displayName: "压测秘书", role: "staff" });
    const [{ existing }] = (await db.execute(sql`select count(*)::int as existing from enterprises`)) as unknown as { existing: number }[];
    const base = 3_000_000 + Number(existing);
    const ids: number[] = [];
    for (let i = 0; i < VOTERS; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, VOTERS - i) }, (_, k) => i + k);
      const rows = await db
        .insert(enterprises)
        .values(
          chunk.map((n) => ({
            name: `压测企业${run}-${n}`,
            creditCode: generateCreditCode(base + n),
            legalRep: "张三",
            address: "仙降",
            village: "仙降",
            segment: "soles" as const,
            contactPerson: "李四",
            phone: "13800000000",
          })),
        )
        .returning({ id: enterprises.id });
      ids.push(...rows.map((r) => r.id));
      await db.insert(users).values(
        chunk.map((n) => ({
          id: `bench-${run}-${n}`,
          email: `bench-${run}-${n}@bench.test`,
          passwordHash: "x",
          displayName: `代表${n}`,
          role: "member" as const,
        })),
      );
      await db.insert(enterpriseUsers).values(rows.map((r, k) => ({ enterpriseId: r.id, userId: `bench-${run}-${chunk[k]}`, isOwner: true })));
      await db
        .insert(memberships)
        .values(rows.map((r) => ({ enterpriseId: r.id, associationId: assoc.id, status: "active" as const, joinedOn: "2024-01-01" })));
    }
    console.log(`seeded ${VOTERS} enterprises with representatives in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const staff = actorOf("staff", { userId: staffUser });
    const created = await gov.createElection(staff, {
      associationId: assoc.id,
      assemblyId: null,
      title: "压测选举",
      competitivePct: 20,
      paperBallots: false,
      opensOn: null,
      closesOn: null,
    });
    if (!created.ok) throw new Error(created.error);
    const electionId = created.value.id;
    const council = await gov.addPosition(staff, electionId, { nameZh: "理事", nameEn: "Council member", seats: 15 });
    const director = await gov.addPosition(staff, electionId, { nameZh: "主任", nameEn: "Director", seats: 1 });
    if (!council.ok || !director.ok) throw new Error("positions");
    const councilCandidates: number[] = [];
    const directorCandidates: number[] = [];
    for (let i = 0; i < 20; i++) {
      const positionId = i < 18 ? council.value : director.value;
      const c = await gov.nominateCandidate(staff, electionId, {
        positionId,
        enterpriseId: ids[i],
        personName: `候选人${i}`,
        statement: null,
        acceptedInWriting: true,
        nominatorEnterpriseId: null,
      });
      if (!c.ok) throw new Error(c.error);
      (i < 18 ? councilCandidates : directorCandidates).push(c.value);
    }
    let t = performance.now();
    const opened = await gov.openElection(staff, electionId);
    if (!opened.ok) throw new Error(opened.error);
    console.log(`opened: roll of ${opened.value.rollSize} frozen in ${(performance.now() - t).toFixed(0)} ms`);

    const ballotOf = (n: number) => {
      const marks = councilCandidates.filter((_, i) => (n * 7 + i * 13) % 18 < 15 - (i % 3));
      return [...marks.slice(0, 15), directorCandidates[n % 7 === 0 ? 1 : 0]];
    };
    const voteAs = async (n: number) => {
      const actor = actorOf("member", { userId: `bench-${run}-${n}`, enterpriseIds: [ids[n]] });
      const start = performance.now();
      const r = await gov.castVote(actor, electionId, { enterpriseId: ids[n], candidateIds: ballotOf(n) });
      return { ok: r.ok, error: r.ok ? null : r.error, ms: performance.now() - start };
    };
    t = performance.now();
    const burst = await Promise.all(Array.from({ length: CONCURRENT }, (_, n) => voteAs(n)));
    const burstSeconds = (performance.now() - t) / 1000;
    const times = burst.map((b) => b.ms).sort((a, b) => a - b);
    const errors = burst.filter((b) => !b.ok);
    console.log(
      `${CONCURRENT} concurrent ballots: ${burst.length - errors.length} recorded, ${errors.length} errors${errors.length ? ` (${[...new Set(errors.map((e) => e.error))].join(", ")})` : ""} in ${burstSeconds.toFixed(2)} s`,
    );
    console.log(
      `  one vote: p50 ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms, p99 ${quantile(times, 0.99).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
    );
    // The same 500 again: every one refused, none recorded twice.
    const again = await Promise.all(Array.from({ length: Math.min(CONCURRENT, 100) }, (_, n) => voteAs(n)));
    console.log(`  ${again.length} repeated votes: ${again.filter((a) => a.ok).length} recorded (must be 0)`);

    t = performance.now();
    for (let n = CONCURRENT; n < VOTERS; n += 20) {
      const rs = await Promise.all(Array.from({ length: Math.min(20, VOTERS - n) }, (_, k) => voteAs(n + k)));
      const bad = rs.find((r) => !r.ok);
      if (bad) throw new Error(`vote refused: ${bad.error}`);
    }
    console.log(`the other ${VOTERS - CONCURRENT} ballots (20 at a time): ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const closed = await gov.closeElection(staff, electionId);
    if (!closed.ok) throw new Error(closed.error);
    console.log(`closed (${VOTERS} ballots and voter rows rewritten in new order): ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    const tally = await gov.tallyElection(staff, electionId);
    const tallyMs = performance.now() - t;
    if (!tally.ok) throw new Error(tally.error);
    console.log(`tally of ${tally.value.ballots} ballots: ${tallyMs.toFixed(0)} ms (tie: ${tally.value.tie})`);

    const [counts] = (await db.execute(
      sql`select (select count(*)::int from election_ballots where election_id = ${electionId}) as ballots, (select count(*)::int from election_voters where election_id = ${electionId}) as voters, (select count(distinct enterprise_id)::int from election_voters where election_id = ${electionId}) as distinct_voters`,
    )) as unknown as { ballots: number; voters: number; distinct_voters: number }[];
    const exact = counts.ballots === VOTERS && counts.voters === VOTERS && counts.distinct_voters === VOTERS && tally.value.ballots === VOTERS;
    console.log(
      `check: ${counts.ballots} ballots, ${counts.voters} voter rows (${counts.distinct_voters} enterprises): ${exact ? "every vote recorded exactly once" : "MISMATCH"}`,
    );
    console.log(
      `figures: p99 of a vote ${quantile(times, 0.99).toFixed(0)} ms (goal < 300), tally ${tallyMs.toFixed(0)} ms (goal < 1000), errors ${errors.length}`,
    );
    await closeDb();
    if (!exact || errors.length) process.exitCode = 1;
  } finally {
    if (!reuse) execFileSync("bash", [pgScript, "stop"], { env: { ...process.env, PG_SERVER_STATE: stateFile }, stdio: "ignore" });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
