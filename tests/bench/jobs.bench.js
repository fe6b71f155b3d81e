#!/usr/bin/env node
// npm run bench:jobs — the fair-day rush on the public job pages.
//
// 1. starts a throwaway PostgreSQL server (tests/support/pg-server.sh), seeds the demo data and
//    20,000 postings into it (tests/bench/jobs-bench-seed.ts, bundled here with esbuild);
// 2. prints EXPLAIN (ANALYZE) of the /jobs queries (search, filters, plain list, salary sort)
//    and whether any plan scans job_postings sequentially;
// 3. starts the built app (build/ must exist: the npm script runs `remix build` first) on it;
// 4. for /jobs with a search, /jobs with filters and /jobs/:id, and a bare page in the same run
//    (/login: rendered by Remix without touching the database): requests/s with 50 connections
//    (closed loop) and the ratio to the bare page; p50/p95/p99 latency at a fixed BENCH_RATE req/s
//    (default 50; open loop: requests are sent on schedule whether or not earlier ones have answered),
//    the bare page at the same rate in the same run. The headline is the uncached row (distinct
//    searches: the 2-second public page cache does not help); the other rows are cached pages.
//
// Env: BENCH_POSTINGS (20000), BENCH_SECONDS (8: two rounds of 4 s per page), BENCH_ROUNDS (2), BENCH_RATE_SECONDS (20), BENCH_RATE (50),
// BENCH_WORKERS (web processes, WEB_CONCURRENCY; default one per core).
//
// BENCH_TOPOLOGY=proxy (issue 16, several machines): instead of step 4, two separate portal servers
// (YJ_SUPERVISOR=0, WEB_CONCURRENCY=1 each, as deploy/yunjiang-portal@.service) on the one database,
// nginx in front (deploy/nginx.conf as shipped, ports changed; one nginx worker). For each page, in
// alternating rounds: requests/s through nginx to the two servers, to one of the servers directly
// (alone: the other idles), and a bare page through the same nginx; the ratios; the CPU per request
// of the servers, nginx and PostgreSQL. The headline is the uncached row (distinct searches).
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NGINX, nginxConfig } from "../support/nginx-config.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 20000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const CONNECTIONS = 50;
const RATE = Number(process.env.BENCH_RATE ?? 50);
const WORKERS = Number(process.env.BENCH_WORKERS ?? (await import("node:os")).cpus().length);
const tmp = path.join(root, "tests/.tmp/bench");
mkdirSync(tmp, { recursive: true });
const pgState = path.join(tmp, "pg-server.state");
const pgScript = path.join(root, "tests/support/pg-server.sh");

const TOPOLOGY = process.env.BENCH_TOPOLOGY ?? "one";
let server;
const servers = []; // BENCH_TOPOLOGY=proxy: the two portal servers
let proxy = null;
let pgStarted = false;

async function stopChild(child, signal = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

async function cleanup() {
  await stopChild(proxy, "SIGQUIT");
  await Promise.all([server, ...servers].map((s) => stopChild(s)));
  if (pgStarted) {
    try {
      execFileSync("bash", [pgScript, "stop"], { env: { ...process.env, PG_SERVER_STATE: pgState }, stdio: ["ignore", "ignore", "inherit"] });
    } catch {
      /* reported by the script */
    }
    pgStarted = false;
  }
}
process.on("SIGINT", async () => {
  await cleanup();
  process.exit(130);
});

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function get(port, url) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: "127.0.0.1", port, path: url, agent, headers: { "accept-language": "zh-CN" } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on("error", () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

/** CPU time (ms) used so far by a process and, optionally, by all children of another (PostgreSQL backends). */
function statOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}
let pgPostmaster = null;
function cpuMs() {
  // The portal's processes (its web processes with WEB_CONCURRENCY > 1; both servers with
  // BENCH_TOPOLOGY=proxy), nginx's master and worker, PostgreSQL's and its backends.
  const appPids = new Set([server, ...servers].filter(Boolean).map((s) => s.pid));
  let app = 0;
  let db = 0;
  let nginx = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const st = statOf(name);
    if (!st) continue;
    if (appPids.has(Number(name)) || appPids.has(st.ppid)) app += st.ticks;
    if (pgPostmaster && (st.ppid === pgPostmaster || Number(name) === pgPostmaster)) db += st.ticks;
    if (proxy && (Number(name) === proxy.pid || st.ppid === proxy.pid)) nginx += st.ticks;
  }
  return { app: app * 10, db: db * 10, nginx: nginx * 10 }; // clock ticks of 10 ms (CLK_TCK 100)
}

/** Closed loop: CONNECTIONS workers each send the next request when the last one answered. */
async function throughput(port, urls, seconds) {
  let done = 0;
  let errors = 0;
  let i = 0;
  const end = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const r = await get(port, urls[i++ % urls.length]);
      if (r.status === 200) done++;
      else errors++;
    }
  };
  const started = Date.now();
  const cpu0 = cpuMs();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const cpu1 = cpuMs();
  const per = (k) => (cpu1[k] - cpu0[k]) / Math.max(1, done);
  return { rps: done / ((Date.now() - started) / 1000), errors, appCpu: per("app"), dbCpu: per("db"), nginxCpu: per("nginx") };
}

/** Open loop at a fixed rate: latency includes any queueing in the server. */
async function fixedRate(port, urls, rate, seconds) {
  const total = rate * seconds;
  const latencies = [];
  let errors = 0;
  const pending = [];
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      get(port, urls[k % urls.length]).then((r) => {
        if (r.status === 200) latencies.push(r.ms);
        else errors++;
      }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { p50: q(50), p95: q(95), p99: q(99), max: latencies.at(-1), errors, n: latencies.length };
}

/** Starts the built portal on `port` and waits for /healthz. */
async function startPortal(port, env) {
  const child = spawn(process.execPath, ["app/server.js"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "no",
      NODE_ENV: "production",
      SESSION_SECRET: "bench-session-secret-not-for-production",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let k = 0; ; k++) {
    const r = await get(port, "/healthz");
    if (r.status === 200) break;
    if (k > 150 || child.exitCode !== null) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

/** BENCH_TOPOLOGY=proxy: nginx → two servers, beside one server alone and a bare page through nginx. */
async function behindProxy(databaseUrl, targets) {
  if (!existsSync(NGINX)) throw new Error(`BENCH_TOPOLOGY=proxy needs nginx (${NGINX}; Debian: apt-get install nginx)`);
  const [portA, portB, proxyPort] = [await freePort(), await freePort(), await freePort()];
  const env = { WEB_CONCURRENCY: "1", YJ_SUPERVISOR: "0", DATABASE_URL: databaseUrl, TRUST_PROXY: "1", PUBLIC_ORIGIN: `http://127.0.0.1:${proxyPort}` };
  // One after the other: the second finds the migrations done (they run under an advisory lock anyway).
  servers.push(await startPortal(portA, env));
  servers.push(await startPortal(portB, env));
  const work = path.join(tmp, "nginx");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "nginx.conf"), nginxConfig({ root, work, proxyPort, upstreams: [portA, portB] }));
  proxy = spawn(NGINX, ["-p", work, "-c", path.join(work, "nginx.conf")], { stdio: ["ignore", "ignore", "inherit"] });
  for (let k = 0; ; k++) {
    if ((await get(proxyPort, "/healthz")).status === 200) break;
    if (k > 50 || proxy.exitCode !== null) throw new Error("nginx did not start");
    await new Promise((r) => setTimeout(r, 200));
  }

  const bare = targets[0];
  const pages = targets.slice(1);
  // Warm-up of both servers (through nginx, which alternates) and of the one measured alone.
  for (const t of targets) {
    await throughput(proxyPort, t.urls, 2);
    await throughput(portA, t.urls, 1);
  }
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = [];
  for (const t of pages) {
    const runs = { proxy: [], one: [], bare: [] };
    const cpu = { app: [], nginx: [], db: [], oneApp: [], oneDb: [] };
    let errors = 0;
    // Alternating rounds, so other work on the machine weighs on all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      const viaProxy = await throughput(proxyPort, t.urls, SECONDS / 2);
      const alone = await throughput(portA, t.urls, SECONDS / 2);
      const barePage = await throughput(proxyPort, bare.urls, SECONDS / 2);
      runs.proxy.push(viaProxy.rps);
      runs.one.push(alone.rps);
      runs.bare.push(barePage.rps);
      cpu.app.push(viaProxy.appCpu);
      cpu.nginx.push(viaProxy.nginxCpu);
      cpu.db.push(viaProxy.dbCpu);
      cpu.oneApp.push(alone.appCpu);
      cpu.oneDb.push(alone.dbCpu);
      errors += viaProxy.errors + alone.errors + barePage.errors;
    }
    results.push({
      name: t.name,
      proxy: median(runs.proxy),
      one: median(runs.one),
      bare: median(runs.bare),
      app: median(cpu.app),
      nginx: median(cpu.nginx),
      db: median(cpu.db),
      oneApp: median(cpu.oneApp),
      oneDb: median(cpu.oneDb),
      errors,
    });
  }
  const os = await import("node:os");
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
  console.log(
    `== Two servers behind nginx: ${CONNECTIONS} connections (closed loop, ${ROUNDS} rounds of ${SECONDS / 2} s per column, columns alternating); 2 portal servers (1 web process each) + nginx (1 worker) + PostgreSQL + the load generator on ${os.cpus().length} CPUs; load average now ${load} ==`,
  );
  console.log(
    [
      "page".padEnd(24),
      "nginx→2".padStart(8),
      "1 alone".padStart(8),
      "x alone".padStart(8),
      "bare→nginx".padStart(11),
      "x bare".padStart(7),
      "errors".padStart(7),
    ].join(" "),
  );
  for (const r of results) {
    console.log(
      [
        r.name.padEnd(24),
        r.proxy.toFixed(0).padStart(8),
        r.one.toFixed(0).padStart(8),
        (r.proxy / r.one).toFixed(2).padStart(8),
        r.bare.toFixed(0).padStart(11),
        (r.proxy / r.bare).toFixed(2).padStart(7),
        String(r.errors).padStart(7),
      ].join(" "),
    );
  }
  console.log("\n== CPU per request (ms): through nginx (servers / nginx / PostgreSQL) beside one server alone (server / PostgreSQL) ==");
  for (const r of results) {
    console.log(
      `${r.name.padEnd(24)} nginx→2: ${r.app.toFixed(2)} / ${r.nginx.toFixed(2)} / ${r.db.toFixed(2)}   alone: ${r.oneApp.toFixed(2)} / ${r.oneDb.toFixed(2)}`,
    );
  }
  const headline = results.at(-1); // the distinct searches: the 2-second page cache does not help
  console.log(
    `\nHeadline (uncached, ${headline.name}): nginx→2 servers ${headline.proxy.toFixed(0)} req/s, one server alone ${headline.one.toFixed(0)} req/s (x${(headline.proxy / headline.one).toFixed(2)}), bare page through the same nginx ${headline.bare.toFixed(0)} req/s (ratio ${(headline.proxy / headline.bare).toFixed(2)}).`,
  );
  console.log(
    "Two servers on one machine share its cores with PostgreSQL, nginx and the load generator: the x-alone column shows what the proxy and the coherence cost here, not what a second machine would add.",
  );
}

async function main() {
  if (!existsSync(path.join(root, "build/index.js"))) throw new Error("build/ is missing: run `npx remix build` first (npm run bench:jobs does)");
  const pgPort = execFileSync("bash", [pgScript, "start"], {
    env: { ...process.env, PG_SERVER_STATE: pgState },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  pgStarted = true;
  {
    const [dir] = readFileSync(pgState, "utf8").split("\n");
    pgPostmaster = Number(readFileSync(path.join(dir, "data/postmaster.pid"), "utf8").split("\n")[0]);
  }
  const { default: postgres } = await import("postgres");
  const admin = postgres(`postgres://postgres@127.0.0.1:${pgPort}/postgres`, { max: 1, onnotice: () => {} });
  const [{ version }] = await admin`select current_setting('server_version') as version`;
  await admin.unsafe("create database yj_bench");
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/yj_bench`;

  // Seed through the app's own modules (bundled: this script is plain Node).
  const esbuild = await import("esbuild");
  const seedFile = path.join(tmp, "seed.mjs");
  await esbuild.build({
    entryPoints: [path.join(root, "tests/bench/jobs-bench-seed.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: seedFile,
    logLevel: "error",
  });
  process.env.DATABASE_URL = databaseUrl;
  process.env.SEED_DEMO = "no";
  const seed = await import(seedFile);
  const t0 = Date.now();
  const seeded = await seed.seedBench(POSTINGS);
  console.log(`PostgreSQL ${version}; seeded ${seeded.postings} postings (${seeded.listed} listed now) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

  // A second VACUUM outside the seeding connections: the first may leave pages not yet
  // all-visible. Autovacuum keeps a read-mostly table in this state in production.
  await seed.closeDb();
  const vac = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await vac.unsafe("vacuum analyze job_postings");
  const [vis] = await vac`select relpages, relallvisible from pg_class where relname = 'job_postings'`;
  await vac.end();
  console.log(`job_postings: ${vis.relpages} pages, ${vis.relallvisible} all-visible\n`);

  const search = `/jobs?q=${encodeURIComponent("针车")}`;
  const filters = `/jobs?location=${encodeURIComponent("仙降街道")}&type=full_time&education=none&salary=5000`;
  const plans = await seed.explainListQueries([
    { label: "/jobs search 针车", url: search },
    { label: "/jobs filters", url: filters },
    { label: "/jobs (no filter)", url: "/jobs" },
    { label: "/jobs search + filters, by salary", url: `/jobs?q=${encodeURIComponent("注塑")}&type=full_time&sort=salary` },
  ]);
  let seqScans = 0;
  console.log("== EXPLAIN (ANALYZE, BUFFERS) of the /jobs queries ==");
  for (const p of plans) {
    const seq = /Seq Scan on job_postings/.test(p.plan);
    if (seq) seqScans++;
    console.log(`-- ${p.label}${seq ? "  ** SEQ SCAN on job_postings **" : ""}\n${p.plan}\n`);
  }
  console.log(`Sequential scans on job_postings in these plans: ${seqScans}\n`);
  await seed.closeDb();

  const port = await freePort();
  if (TOPOLOGY !== "proxy") server = await startPortal(port, { WEB_CONCURRENCY: String(WORKERS), DATABASE_URL: databaseUrl });

  const detailUrls = seeded.sampleIds.map((id) => `/jobs/${id}`);
  // Many distinct searches, so the few-second list cache rarely helps: the database does the work.
  const words = [
    "针车",
    "注塑",
    "质检",
    "外贸",
    "电商",
    "模具",
    "仓库",
    "叉车",
    "设计",
    "打磨",
    "成型",
    "包装",
    "直播",
    "统计",
    "电工",
    "编程",
    "实习",
    "技术",
    "运营",
    "鞋底",
    "鞋面",
    "操作",
    "维修",
    "主播",
  ];
  const mixed = [];
  for (const w of words)
    for (const salary of ["", "3000", "5000", "7000", "9000"])
      for (const type of ["", "full_time", "part_time", "internship"])
        for (const page of ["1", "2"]) {
          const qs = new URLSearchParams({ q: w, ...(salary ? { salary } : {}), ...(type ? { type } : {}), ...(page !== "1" ? { page } : {}) });
          mixed.push(`/jobs?${qs}`);
        }
  const shuffle = (arr) => {
    let x = 12345;
    for (let i = arr.length - 1; i > 0; i--) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const j = x % (i + 1);
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  shuffle(mixed);
  const targets = [
    { name: "bare page /login", urls: ["/login"] },
    { name: "/jobs search 针车", urls: [search] },
    { name: "/jobs filters", urls: [filters] },
    { name: "/jobs/:id", urls: detailUrls },
    { name: `/jobs ${mixed.length} searches`, urls: mixed },
  ];
  if (TOPOLOGY === "proxy") return behindProxy(databaseUrl, targets);
  // Warm-up: JIT, connection pool, PostgreSQL caches.
  for (const t of targets) await throughput(port, t.urls, 2);

  // The bare page is measured right before each target, in alternating rounds, so a machine
  // shared with other work weighs on both sides of each ratio alike.
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = [];
  for (const t of targets) {
    const bareRuns = [];
    const runs = [];
    const appCpu = [];
    const dbCpu = [];
    let errors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (t !== targets[0]) bareRuns.push((await throughput(port, targets[0].urls, SECONDS / 2)).rps);
      const tp = await throughput(port, t.urls, SECONDS / 2);
      runs.push(tp.rps);
      appCpu.push(tp.appCpu);
      dbCpu.push(tp.dbCpu);
      errors += tp.errors;
    }
    const rps = median(runs);
    const bareRps = t === targets[0] ? rps : median(bareRuns);
    const lat = await fixedRate(port, t.urls, RATE, RATE_SECONDS);
    results.push({ ...t, rps, bareRps, appCpu: median(appCpu), dbCpu: median(dbCpu), ...lat, errors: errors + lat.errors });
  }
  const load = (await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
  console.log(
    `== Load: ${CONNECTIONS} connections (closed loop, ${ROUNDS} rounds of ${SECONDS / 2} s, bare page measured before each); ${RATE} req/s for ${RATE_SECONDS} s (open loop); load generator on the same machine; portal as ${WORKERS} web process(es); load average now ${load} on ${(await import("node:os")).cpus().length} CPUs ==`,
  );
  console.log(
    [
      "page".padEnd(24),
      "req/s@50".padStart(9),
      "bare".padStart(6),
      "ratio".padStart(6),
      "p50 ms".padStart(8),
      "p95 ms".padStart(8),
      "p99 ms".padStart(8),
      "max ms".padStart(8),
      "errors".padStart(7),
    ].join(" "),
  );
  for (const r of results) {
    console.log(
      [
        r.name.padEnd(24),
        r.rps.toFixed(0).padStart(9),
        r.bareRps.toFixed(0).padStart(6),
        (r.rps / r.bareRps).toFixed(2).padStart(6),
        r.p50.toFixed(1).padStart(8),
        r.p95.toFixed(1).padStart(8),
        r.p99.toFixed(1).padStart(8),
        r.max.toFixed(1).padStart(8),
        String(r.errors).padStart(7),
      ].join(" "),
    );
  }
  // The targets are for the uncached page (issue 17): every request a different search.
  const uncached = results.at(-1);
  const ratioOk = uncached.rps / uncached.bareRps >= 0.5;
  const p99Ok = uncached.p99 < 150;
  // CPU per request hardly depends on what else runs on the machine: the ratio of CPU costs is
  // what the throughput ratio would be on an idle machine where the CPUs are the limit.
  console.log("\n== CPU per request (app process; PostgreSQL backends), measured during the 50-connection runs ==");
  const bareCpu = results[0].appCpu + results[0].dbCpu;
  for (const r of results) {
    const total = r.appCpu + r.dbCpu;
    console.log(
      `${r.name.padEnd(24)} app ${r.appCpu.toFixed(2).padStart(6)} ms  db ${r.dbCpu.toFixed(2).padStart(6)} ms  cost ratio bare/page ${(bareCpu / total).toFixed(2)}`,
    );
  }
  if (results[0].p99 >= 150)
    console.log("\nNote: even the bare page misses p99 < 150 ms at this rate: the machine is saturated, so the latency figures say little about the pages.");
  const cost = (r) => r.appCpu + r.dbCpu;
  console.log(
    `\nHeadline (uncached, ${uncached.name}): ${uncached.rps.toFixed(0)} req/s against ${uncached.bareRps.toFixed(0)} for the bare page (ratio ${(uncached.rps / uncached.bareRps).toFixed(2)}; cost ratio ${(cost(results[0]) / cost(uncached)).toFixed(2)}); p99 ${uncached.p99.toFixed(0)} ms at ${RATE} req/s (bare page ${results[0].p99.toFixed(0)} ms).`,
  );
  console.log(
    `Cached pages apart (public page cache, 2 s): ${results
      .slice(1, -1)
      .map((r) => `${r.name} ratio ${(r.rps / r.bareRps).toFixed(2)}`)
      .join("; ")}.`,
  );
  console.log(
    `Targets (uncached): ratio >= 0.5: ${ratioOk ? "met" : "NOT met"}; p99 < 150 ms at ${RATE} req/s: ${p99Ok ? "met" : "NOT met"}; no seq scan on job_postings: ${seqScans === 0 ? "met" : "NOT met"}`,
  );
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
} finally {
  await cleanup();
  agent.destroy();
}
