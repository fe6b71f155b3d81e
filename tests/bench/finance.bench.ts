/**
 * npm run bench:finance — the finance capability under load (a figure printer, not a test).
 *
 * 1. ranks all products in force for every need of the demo data with the pure matching rules
 *    (the source's 42 products × 1,400+ needs), BENCH_RANK_RUNS times, and prints the time per full ranking;
 * 2. on a throwaway PostgreSQL server (or BENCH_DATABASE_URL) seeded with the demo data, prints EXPLAIN
 *    of the bank officer's need list;
 * 3. starts the portal (production build) and sends a fixed BENCH_RATE requests/s (default 50) for
 *    BENCH_SECONDS (default 10) to the officer's need list, the product supermarket and a bare page.
 * The portal runs with CACHES=off (every request reads the database: the uncached path is the
 * headline); CACHES=on npm run bench:finance prints the cached figures.
 * BENCH_WORKERS=<n> web processes (default: one per core).
 * Where a request's time goes: during each fixed-rate run the CPU time of the portal's processes and
 * of the PostgreSQL server's (Linux /proc; PostgreSQL only when the bench started it) per request.
 */
import os from "node:os";
import { benchDatabase, cpuMsOf, ensureBuild, signInSessions, startBenchPortal, type BenchDatabase, type BenchPortal } from "../support/bench-portal";
import { closedLoop, fixedRate } from "../support/load";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.cpus().length);
const RANK_RUNS = Number(process.env.BENCH_RANK_RUNS ?? 20);

let database: BenchDatabase | null = null;
let portal: BenchPortal | null = null;
function cleanup() {
  if (portal && portal.server.exitCode === null) portal.server.kill("SIGTERM");
  database?.stop();
}
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

async function main() {
  ensureBuild();
  database = benchDatabase("finance");
  const { databaseUrl } = database;

  const { migrateDb, getDb, closeDb } = await import("../../db/client.server");
  const { seedDemo } = await import("../../db/seed/demo.server");
  const { financingNeeds } = await import("../../db/schema/finance");
  const facts = await import("../../app/modules/finance/facts.server");
  const { rankProducts } = await import("../../app/modules/finance/matching");
  const { listNeeds } = await import("../../app/modules/finance/finance.server");
  const { loadActor } = await import("../../app/lib/auth.server");
  const { shanghaiToday } = await import("../../app/lib/format");
  const { default: postgres } = await import("postgres");

  await migrateDb();
  const db = await getDb();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const [{ n }] = await sql`select count(*)::int as n from financing_needs`;
  if (n === 0) {
    const t = Date.now();
    await db.transaction((tx) => seedDemo(tx));
    console.log(`demo seeded in ${Date.now() - t} ms`);
  }

  // 1. Ranking: every product in force for every need, the facts loaded once.
  const today = shanghaiToday();
  const products = (await facts.loadProducts(db)).filter((p) => p.status === "active").map(facts.productFacts);
  const needs = await db.select().from(financingNeeds);
  const enterprise = await facts.loadEnterpriseFacts(
    db,
    needs.map((x) => x.enterpriseId),
  );
  const lineBanks = await facts.loadLineBanks(db, today);
  const prepared = needs.map((x) => {
    const e = enterprise.get(x.enterpriseId)!;
    return { need: facts.needFacts(x), e, ctx: facts.contextFor(e, lineBanks, today) };
  });
  console.log(`\n=== ranking ${products.length} products for ${prepared.length} needs (${RANK_RUNS} runs each) ===`);
  for (const explain of [false, true]) {
    const times: number[] = [];
    let eligible = 0;
    for (let run = 0; run < RANK_RUNS; run++) {
      const t = performance.now();
      let count = 0;
      for (const p of prepared) for (const m of rankProducts(products, p.need, p.e, p.ctx, explain)) if (m.eligible) count++;
      times.push(performance.now() - t);
      eligible = count;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${explain ? "with every reason" : "ranking only     "}: median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, best ${times[0].toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms per full ranking (${(prepared.length * products.length).toLocaleString("en")} product checks, ${eligible.toLocaleString("en")} fits)`,
    );
  }

  // 2. The officer's need list: EXPLAIN of the same query the page runs.
  const bank = (await loadActor("demo-bank"))!;
  const first = await listNeeds(bank, {}, 1);
  console.log(`\nthe bank demo officer sees ${first.total} needs`);
  const plan = await sql.unsafe(`explain (analyze, costs off)
    select n.id, count(*) over () as total from financing_needs n join enterprises e on e.id = n.enterprise_id
    where (n.claimed_bank_id = ${bank.bankId} or (n.claimed_bank_id is null and n.status <> 'withdrawn' and exists (select 1 from need_matches m where m.need_id = n.id and m.bank_id = ${bank.bankId})))
    order by n.created_at desc, n.id desc limit 20`);
  console.log(
    plan
      .map((r) => `   ${r["QUERY PLAN"]}`)
      .filter((l: string) => /Scan|Execution|Sort|Limit|WindowAgg/.test(l))
      .join("\n"),
  );
  await sql.end();
  await closeDb();

  // 3. The portal. The PostgreSQL server's first process (its postmaster) and its children count as the database's CPU.
  const postmaster = database.postmaster;
  portal = await startBenchPortal({ databaseUrl, workers: WORKERS, env: { CACHES: process.env.CACHES ?? "off" } });
  const { base, server } = portal;
  const [cookie] = await signInSessions(base, "bank@demo.test");
  const targets: [string, string, string | null][] = [
    ["bare Remix page (/login, anonymous)", "/login", null],
    ["officer's need list", "/finance/needs", cookie],
    ["product supermarket (anonymous)", "/finance/products", null],
  ];
  for (const [, p, c] of targets) {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5 * WORKERS; i++) await (await fetch(base + p, { headers: c ? { cookie: c } : {} })).arrayBuffer();
      }),
    );
  }
  console.log(
    `\n=== CACHES=${process.env.CACHES ?? "off"}: fixed rate ${RATE} req/s for ${SECONDS} s each (latency from the scheduled start), then capacity with ${CONNECTIONS} connections ===`,
  );
  console.log(
    "target".padEnd(40),
    "req/s".padStart(7),
    "ok".padStart(6),
    "err".padStart(5),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "p99 ms".padStart(8),
    "max ms".padStart(8),
    "capacity req/s".padStart(15),
    "CPU ms/req: portal".padStart(19),
    "PostgreSQL".padStart(11),
  );
  for (const [name, p, c] of targets) {
    const portalBefore = cpuMsOf([server!.pid!]);
    const pgBefore = postmaster ? cpuMsOf([postmaster]) : 0;
    const r = await fixedRate(name, base + p, c, RATE, SECONDS);
    const portalMs = (cpuMsOf([server!.pid!]) - portalBefore) / r.ok;
    const pgMs = postmaster ? (cpuMsOf([postmaster]) - pgBefore) / r.ok : NaN;
    const capacity = await closedLoop(base + p, c, CONNECTIONS);
    console.log(
      name.padEnd(40),
      (r.ok / r.seconds).toFixed(1).padStart(7),
      String(r.ok).padStart(6),
      String(r.errors).padStart(5),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      r.max.toFixed(1).padStart(8),
      capacity.toFixed(0).padStart(15),
      portalMs.toFixed(1).padStart(19),
      (Number.isNaN(pgMs) ? "-" : pgMs.toFixed(1)).padStart(11),
    );
  }
  console.log(
    `\nportal as ${WORKERS} web process(es); Node ${process.version}; ${os.cpus().length} cores; PostgreSQL and the load generator on the same machine (load average ${os.loadavg()[0].toFixed(1)}).`,
  );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .then(() => portal?.stop())
  .finally(cleanup);
