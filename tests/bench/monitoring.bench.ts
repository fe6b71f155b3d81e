/**
 * npm run bench:monitoring — the industry-monitoring area under load (a figure printer, not a test).
 *
 * 1. on a throwaway PostgreSQL server (or BENCH_DATABASE_URL) seeded with the demo data (572 firms,
 *    a year of monthly rollups), times the overview's snapshot uncached (the cache cleared before
 *    each of BENCH_SNAPSHOT_RUNS computations) and prints EXPLAIN of its biggest query (the monthly
 *    rollups);
 * 2. feeds one day of quarter-hour readings for 600 meters (57,600 rows) through the import path
 *    (raw rows, daily and monthly rollups in one transaction) and prints the time;
 * 3. starts the portal (production build) and sends a fixed BENCH_RATE requests/s (default 50) for
 *    BENCH_SECONDS (default 10) to a bare page, the overview (cached snapshot), a firm's page and the
 *    passage alarms; then the overview uncached: BENCH_UNCACHED requests one after another, each after
 *    the snapshot cache was cleared in every web process (NOTIFY on the cache bus).
 * BENCH_WORKERS=<n> web processes (default: one per core).
 */
import os from "node:os";
import { benchDatabase, ensureBuild, signInSessions, startBenchPortal, type BenchDatabase, type BenchPortal } from "../support/bench-portal";
import { closedLoop, fixedRate, percentile } from "../support/load";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.cpus().length);
const SNAPSHOT_RUNS = Number(process.env.BENCH_SNAPSHOT_RUNS ?? 10);
const UNCACHED = Number(process.env.BENCH_UNCACHED ?? 20);

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

const ms = (n: number) => n.toFixed(1).padStart(8);

async function main() {
  ensureBuild();
  database = benchDatabase("monitoring");
  const { databaseUrl } = database;

  const { migrateDb, getDb, closeDb } = await import("../../db/client.server");
  const { seedDemo } = await import("../../db/seed/demo.server");
  const { monitoringSnapshot, factQueries } = await import("../../app/modules/monitoring/monitoring.server");
  const { monitoringChanged } = await import("../../app/modules/monitoring/cache.server");
  const { importReadingRows } = await import("../../app/modules/monitoring/imports.server");
  const { loadActor } = await import("../../app/lib/auth.server");
  const { shanghaiToday } = await import("../../app/lib/format");
  const { CACHE_CHANNEL } = await import("../../app/lib/cache-bus.server");
  const { default: postgres } = await import("postgres");

  await migrateDb();
  const db = await getDb();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const [{ n }] = await sql`select count(*)::int as n from meters`;
  if (n === 0) {
    const t = Date.now();
    await db.transaction((tx) => seedDemo(tx));
    console.log(`demo seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const [sizes] = await sql`select (select count(*) from meters)::int as meters, (select count(*) from meter_readings)::int as raw,
    (select count(*) from meter_days)::int as days, (select count(*) from meter_months)::int as months`;
  console.log(
    `${sizes.meters} meters; ${sizes.raw.toLocaleString("en")} raw readings, ${sizes.days.toLocaleString("en")} daily and ${sizes.months.toLocaleString("en")} monthly rollup rows`,
  );

  // 1. The overview's snapshot, uncached.
  const times: number[] = [];
  let firms = 0;
  for (let run = 0; run < SNAPSHOT_RUNS; run++) {
    monitoringChanged();
    const t = performance.now();
    firms = (await monitoringSnapshot()).firms.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`\n=== the overview's snapshot uncached (${firms} firms, ${SNAPSHOT_RUNS} runs) ===`);
  console.log(`median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, best ${times[0].toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms`);
  const today = shanghaiToday();
  const from = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - 26, 1)).toISOString().slice(0, 10);
  const { dialect } = await import("drizzle-orm/pg-core").then((m) => ({ dialect: new m.PgDialect() }));
  const kwh = dialect.sqlToQuery(factQueries(from, today).kwh);
  const plan = await sql.unsafe(`explain (analyze, costs off) ${kwh.sql}`, kwh.params as never[]);
  console.log("EXPLAIN of the monthly rollups query:");
  console.log(
    plan
      .map((r) => `   ${r["QUERY PLAN"]}`)
      .filter((l: string) => /Scan|Execution|Aggregate|Join/.test(l))
      .join("\n"),
  );

  // 2. One day of quarter-hour readings for 600 meters through the import path.
  const staff = (await loadActor("demo-staff"))!;
  const codes = (await sql`select code from meters where enterprise_id is not null order by id limit 600`).map((r) => r.code as string);
  const day = Date.parse(`${today}T00:00:00+08:00`) - 730 * 86_400_000; // two years back: a day no demo reading has
  const rows = codes.flatMap((meter, i) =>
    Array.from({ length: 96 }, (_, q) => ({ line: i * 96 + q + 2, meter, readAt: new Date(day + q * 900_000), kwh: 1 + ((i + q) % 7) * 0.5 })),
  );
  let t = performance.now();
  const stored = await importReadingRows(staff, rows);
  const took = performance.now() - t;
  console.log(`\n=== ${rows.length.toLocaleString("en")} readings (${codes.length} meters × 96) in one import ===`);
  console.log(
    `${(took / 1000).toFixed(2)} s (${Math.round(rows.length / (took / 1000)).toLocaleString("en")} readings/s): ${stored.ok ? `${stored.written} written, ${stored.duplicated} duplicates` : `refused: ${JSON.stringify(stored.problems.slice(0, 3))}`}`,
  );
  await closeDb();

  // 3. The portal.
  portal = await startBenchPortal({ databaseUrl, workers: WORKERS });
  const { base } = portal;
  const [cookie] = await signInSessions(base, "staff@demo.test");
  const [{ id: firmId }] = await sql`select m.enterprise_id as id from meters m where m.enterprise_id is not null order by m.id limit 1`;
  const targets: [string, string, string | null][] = [
    ["bare Remix page (/login, anonymous)", "/login", null],
    ["overview (/monitoring, cached)", "/monitoring", cookie],
    ["a firm's page", `/monitoring/enterprises/${firmId}`, cookie],
    ["passage alarms", "/monitoring/alarms", cookie],
  ];
  for (const [, p, c] of targets) {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5 * WORKERS; i++) await (await fetch(base + p, { headers: c ? { cookie: c } : {} })).arrayBuffer();
      }),
    );
  }
  console.log(`\n=== fixed rate ${RATE} req/s for ${SECONDS} s each (latency from the scheduled start), then capacity with ${CONNECTIONS} connections ===`);
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
  );
  for (const [name, p, c] of targets) {
    const r = await fixedRate(name, base + p, c, RATE, SECONDS);
    const capacity = await closedLoop(base + p, c, CONNECTIONS);
    console.log(
      name.padEnd(40),
      (r.ok / r.seconds).toFixed(1).padStart(7),
      String(r.ok).padStart(6),
      String(r.errors).padStart(5),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
      capacity.toFixed(0).padStart(15),
    );
  }

  // The overview with its snapshot cache cleared in every web process before each request, beside
  // the bare page timed the same way (one request at a time).
  console.log(`\n=== one request at a time, ${UNCACHED} each ===`);
  console.log("target".padEnd(40), "ok".padStart(6), "p50 ms".padStart(8), "p95 ms".padStart(8), "max ms".padStart(8));
  for (const [name, p, c, clear] of [
    ["bare Remix page (/login, anonymous)", "/login", null, false],
    ["overview (/monitoring, uncached)", "/monitoring", cookie, true],
  ] as const) {
    const latencies: number[] = [];
    let ok = 0;
    for (let i = 0; i < UNCACHED; i++) {
      if (clear) {
        await sql`select pg_notify(${CACHE_CHANNEL}, ${"bench monitoring:snapshot"})`;
        await new Promise((r) => setTimeout(r, 50)); // the notification reaches every process
      }
      t = performance.now();
      const res = await fetch(base + p, { headers: c ? { cookie: c } : {} });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.ok) ok++;
    }
    latencies.sort((a, b) => a - b);
    console.log(name.padEnd(40), String(ok).padStart(6), ms(percentile(latencies, 50)), ms(percentile(latencies, 95)), ms(latencies.at(-1)!));
  }
  await sql.end();
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
