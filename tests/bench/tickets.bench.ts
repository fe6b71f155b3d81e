/**
 * npm run bench:tickets — volume benchmark of the staff pages: the problem queue and /members (a figure printer, not a test).
 *
 * 1. starts a throwaway PostgreSQL server (tests/support/pg-server.sh), migrates, seeds the demo,
 *    then bulk-inserts BENCH_TICKETS problems (default 100,000) with their events and referrals,
 *    and tops the member enterprises up to BENCH_ENTERPRISES (default 5,000) with their memberships;
 * 2. prints EXPLAIN (ANALYZE, BUFFERS) of the staff queue's queries (the same drizzle queries the page runs);
 * 3. starts the portal on it (node app/server.js, production build) and, for each URL, sends a fixed
 *    measures capacity with BENCH_CONNECTIONS (default 8; closed loop, 4 s) and the CPU each request
 *    costs (portal processes + PostgreSQL, from /proc), the bare Remix page (/login, no database)
 *    measured the same way just before it: the ratio is page capacity / bare capacity of the same
 *    moment, the cost ratio bare CPU / page CPU (the robust figure on a shared machine); then sends a
 *    fixed BENCH_RATE requests/s (default 50) for BENCH_SECONDS (default 20) with a bounded number in
 *    flight, timing each from its scheduled start (no coordinated omission), the bare page at the
 *    same rate just before each page.
 *    The headline runs the portal with CACHES=off: no page, count or option list is kept, every
 *    request reads what it shows (staff pages never go through the public page cache anyway); then,
 *    apart, capacity with the caches on (BENCH_CACHED=no skips it). Each of the CONNECTIONS
 *    connections has its own session (as many staff members; one shared cookie would share the
 *    session look-ups of simultaneous requests).
 *
 * Needs `npx remix build` first (done here when build/ is missing).
 * BENCH_WORKERS=<n> runs the portal as n web processes (WEB_CONCURRENCY; default: one per core).
 * BENCH_ONLY=<text>[,<text>…] keeps the targets whose name contains one of them; BENCH_PROFILE=<dir> writes a CPU
 * profile of the portal's process there (open it in Chrome DevTools).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase, cpuMsOf, ensureBuild, signInSessions, startBenchPortal, type BenchDatabase, type BenchPortal } from "../support/bench-portal";
import { closedLoop as closedLoopOf, fixedRate as fixedRateOf } from "../support/load";
import { topUpEnterprises } from "../support/bulk-enterprises";

const N = Number(process.env.BENCH_TICKETS ?? 100_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 5_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.cpus().length);

let database: BenchDatabase | null = null;
let portal: BenchPortal | null = null;
let pgPostmaster = 0;

/** CPU time (ms) used so far by the portal's processes and by PostgreSQL's (postmaster and backends), from /proc. */
function cpuMs(): { app: number; db: number } {
  return { app: cpuMsOf([portal?.server.pid]), db: cpuMsOf([pgPostmaster]) };
}

/** Closed loop with the CPU each answered request cost (portal + PostgreSQL). */
async function measured(url: string, cookies: string[] | null, connections: number) {
  const before = cpuMs();
  const t = performance.now();
  const rps = await closedLoopOf(url, cookies, connections);
  const after = cpuMs();
  const n = Math.max(1, rps * ((performance.now() - t) / 1000));
  return { rps, app: (after.app - before.app) / n, db: (after.db - before.db) / n };
}
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
  // BENCH_DATABASE_URL: a server you started (kept between runs, seeded once) instead of a throwaway one.
  database = benchDatabase("tickets");
  const { databaseUrl } = database;

  const { migrateDb, getDb, closeDb } = await import("../../db/client.server");
  const { seedDemo } = await import("../../db/seed/demo.server");
  const { searchDocument } = await import("../../app/modules/tickets/search");
  const { queueQueries } = await import("../../app/modules/tickets/tickets.server");
  const { withQueueDefaults } = await import("../../app/modules/tickets/forms");
  const { default: postgres } = await import("postgres");
  const { loadActor } = await import("../../app/lib/auth.server");

  await migrateDb();
  const db = await getDb();
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  // The postmaster: parent of this connection's backend (for the CPU per request).
  {
    const [{ pid }] = await sql`select pg_backend_pid() as pid`;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    pgPostmaster = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  }
  const [{ existing }] = await sql`select count(*)::int as existing from tickets`;
  if (existing >= N) console.log(`reusing ${existing} problems at BENCH_DATABASE_URL`);
  else {
    let t = Date.now();
    await db.transaction((tx) => seedDemo(tx));
    console.log(`demo seeded in ${Date.now() - t} ms`);

    // Text templates: the demo's problem titles crossed with places, each with its bigram document.
    const titles = [
      "鞋底原料供应紧张",
      "流动资金周转困难申请续贷",
      "环保鞋材研发缺少检测设备",
      "外贸订单下滑希望参加展会",
      "针车工招工难",
      "出口退税进度咨询",
      "货款被拖欠希望法律援助",
      "厂房租赁备案手续",
      "模具加工配套企业外迁",
      "设备更新贷款贴息",
      "研发费用加计扣除辅导",
      "电商店铺被恶意投诉",
      "申报高新技术企业",
      "物流成本上涨",
      "应收账款融资",
      "商标被仿冒维权",
      "小微园入园条件",
      "员工社保补贴申请",
      "惠企政策兑现进度",
      "电力增容申请",
    ];
    const places = ["仙降", "塘下", "马屿", "飞云", "莘塍", "汀田", "上望", "陶山", "湖岭", "高楼", "曹村"];
    const tpl: { k: number; title: string; description: string; doc: string }[] = [];
    for (const place of places)
      for (const title of titles) {
        const description = `${place}一家注塑鞋企业反映：${title}，希望协会协调相关部门尽快解决，涉及员工 ${40 + tpl.length} 人。`;
        tpl.push({ k: tpl.length, title: `${title}（${place}）`, description, doc: searchDocument(`${title}（${place}）`, description) });
      }
    t = Date.now();
    await sql`create temp table tpl (k int primary key, title text, description text, doc text)`;
    await sql`insert into tpl ${sql(tpl, "k", "title", "description", "doc")}`;
    const T = tpl.length;
    // Status by i % 20: 0-1 submitted, 2-3 accepted, 4-6 referred, 7 answered, 8-9 resolved (recent), 10-18 closed, 19 rejected.
    await sql.unsafe(`
      with ents as (select array_agg(id order by id) a from enterprises),
           deps as (select array_agg(id order by id) a from departments),
           g as (select i, now() - ((i % 720) * interval '1 day') - ((i * 37 % 1440) * interval '1 minute') as c from generate_series(1, ${N}) i)
      insert into tickets (kind, enterprise_id, category, title, description, urgency, priority, source, status, handler_id, department_id,
        created_by, created_at, accept_due_at, accepted_at, answer_due_at, answered_at, resolved_at, closed_at, due_at, escalated_at, rating, search_text, updated_at)
      select case when i % 9 = 0 then 'complaint' else 'problem' end,
        ents.a[1 + i % array_length(ents.a, 1)],
        (array['financing','tax','land','talent','supply_chain','orders','rnd','legal_rights','policy','other'])[1 + i % 10],
        tpl.title, tpl.description,
        case when i % 7 = 0 then 'urgent' else 'normal' end, 'normal',
        (array['online','visit','phone','meeting'])[1 + i % 4],
        s.status,
        case when s.status in ('submitted') then null else 'demo-staff' end,
        case when s.status in ('referred','answered','resolved','closed') then deps.a[1 + i % array_length(deps.a, 1)] end,
        'demo-staff', g.c, g.c + interval '1 day',
        case when s.status <> 'submitted' then g.c + interval '2 hours' end,
        case when s.status in ('referred','answered','resolved','closed') then g.c + interval '7 days' end,
        case when s.status in ('answered','resolved','closed') then g.c + interval '3 days' end,
        case when s.status = 'resolved' then now() - (i % 5) * interval '1 day' when s.status = 'closed' then g.c + interval '4 days' end,
        case when s.status = 'closed' then g.c + interval '11 days' end,
        case when s.status = 'submitted' then g.c + interval '1 day' when s.status = 'referred' then g.c + interval '7 days' end,
        case when s.status = 'referred' and g.c + interval '7 days' < now() then g.c + interval '7 days' end,
        case when s.status = 'closed' then 1 + i % 5 end,
        to_tsvector('simple', tpl.doc), g.c
      from g cross join ents cross join deps
      join tpl on tpl.k = g.i % ${T}
      cross join lateral (select case when i % 20 < 2 then 'submitted' when i % 20 < 4 then 'accepted' when i % 20 < 7 then 'referred'
        when i % 20 = 7 then 'answered' when i % 20 < 10 then 'resolved' when i % 20 < 19 then 'closed' else 'rejected' end as status) s`);
    await sql`insert into ticket_events (ticket_id, at, actor_id, actor_name, kind, to_status) select id, created_at, 'demo-staff', '陈秘书', 'submitted', 'submitted' from tickets where id > 1000`;
    await sql`insert into ticket_events (ticket_id, at, actor_id, actor_name, kind, from_status, to_status) select id, accepted_at, 'demo-staff', '陈秘书', 'accepted', 'submitted', 'accepted' from tickets where accepted_at is not null and id > 1000`;
    await sql`insert into ticket_referrals (ticket_id, department_id, referred_by, referred_at, due_at, answered_at, answer)
      select id, department_id, 'demo-staff', created_at + interval '3 hours', answer_due_at, answered_at, case when answered_at is not null then '已答复' end from tickets where department_id is not null and id > 1000`;
    await sql`insert into ticket_events (ticket_id, at, actor_id, actor_name, kind, to_status) select id, created_at + interval '3 hours', 'demo-staff', '陈秘书', 'referred', 'referred' from tickets where department_id is not null and id > 1000`;
    await sql`insert into ticket_events (ticket_id, at, kind, body, to_status) select id, answered_at, 'answered', '已答复', 'answered' from tickets where answered_at is not null and id > 1000`;
    await sql`insert into ticket_events (ticket_id, at, actor_id, kind, to_status) select id, resolved_at, 'demo-staff', 'resolved', 'resolved' from tickets where resolved_at is not null and id > 1000`;
    await sql`analyze`;
    const [counts] =
      await sql`select (select count(*) from tickets)::int as tickets, (select count(*) from ticket_events)::int as events, (select count(*) from ticket_referrals)::int as referrals`;
    console.log(`bulk insert: ${counts.tickets} problems, ${counts.events} events, ${counts.referrals} referrals in ${Date.now() - t} ms`);
  }

  {
    const t = Date.now();
    const added = await topUpEnterprises(db, ENTERPRISES);
    if (added) {
      await sql`analyze`;
      console.log(`member enterprises topped up to ${ENTERPRISES} (${added} added, with memberships) in ${Date.now() - t} ms`);
    }
  }

  // EXPLAIN of the queue's own queries (with the defaults the page adds: tab, "mine").
  const staff = (await loadActor("demo-staff"))!;
  const [tax] = await sql`select id from departments where code = 'tax'`;
  const variants: [string, Record<string, string | number>][] = [
    ["unfiltered", {}],
    ["overdue", { overdue: "1" }],
    ["department", { department: tax.id }],
    ["search 针车", { q: "针车" }],
    ["search 退税进度", { q: "退税进度" }],
    ["page 200", {}],
    ["all, page 200", { handler: "all", tab: "all" }],
  ];
  console.log("\n=== EXPLAIN (ANALYZE, BUFFERS) of the staff queue queries ===");
  for (const [name, filter] of variants) {
    const q = queueQueries(db, staff, withQueueDefaults(filter, true), name.endsWith("page 200") ? 200 : 1);
    for (const [part, query] of [
      ["count", q.total],
      ["page", q.rows],
    ] as const) {
      const { sql: text, params } = query.toSQL();
      const plan = await sql.unsafe(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
      const lines = plan.map((r) => r["QUERY PLAN"] as string);
      const scans = lines
        .filter((l) => /Scan|Sort|Limit|Aggregate/.test(l))
        .map((l) => l.trim().replace(/\s+\(actual.*$/, ""))
        .slice(0, 6);
      const exec = lines.find((l) => l.startsWith("Execution Time")) ?? "";
      console.log(`-- ${name} / ${part}: ${exec}\n   ${scans.join("\n   ")}`);
      if (process.env.BENCH_FULL_PLANS) console.log(lines.join("\n"));
    }
  }
  const { listEscalations } = await import("../../app/modules/tickets/tickets.server");
  void listEscalations;
  const esc = await sql.unsafe(
    `explain (analyze, costs off) select id from tickets where status = 'referred' and escalated_at is not null order by due_at limit 10`,
  );
  console.log(
    `-- escalations (the lead's list): ${esc
      .map((r) => r["QUERY PLAN"])
      .filter((l: string) => /Scan|Execution/.test(l))
      .map((l: string) => l.trim().replace(/\s+\(actual.*$/, ""))
      .join(" | ")}`,
  );
  await sql.end();
  await closeDb();

  // The portal on the same database: first with every cache off (the headline), then with them on.
  let { base, cookies } = await startPortal(databaseUrl, "off");
  const targetsOf = (cookies: string[]): [string, string, string[] | null][] => {
    const all: [string, string, string[] | null][] = [
      ["bare Remix page (/login, anonymous)", "/login", null],
      ["queue unfiltered", "/tickets", cookies],
      ["queue overdue", "/tickets?overdue=1", cookies],
      ["queue by department", `/tickets?department=${tax.id}`, cookies],
      ["queue text search 针车", `/tickets?q=${encodeURIComponent("针车")}`, cookies],
      ["reports (tickets part)", "/reports", cookies],
      [`members (${ENTERPRISES} firms)`, "/members", cookies],
      ["members search 鞋业", `/members?q=${encodeURIComponent("鞋业")}`, cookies],
      ["members page 100", "/members?page=100", cookies],
    ];
    const only = process.env.BENCH_ONLY?.split(",");
    return all.filter(([name], i) => i === 0 || !only || only.some((o) => name.includes(o)));
  };
  let targets = targetsOf(cookies);
  // Warm-up: every web process compiles its code paths (JIT) (and, when they are on, fills its caches) before measuring.
  const warmUp = async () => {
    const WARMUP = 20 * WORKERS;
    for (const [, p, c] of targets) {
      await Promise.all(
        Array.from({ length: 4 }, async (_, k) => {
          for (let i = 0; i < WARMUP / 4; i++) await (await fetch(base + p, { headers: c ? { cookie: c[k % c.length] } : {} })).arrayBuffer();
        }),
      );
    }
  };
  await warmUp();

  // Headline: uncached capacity and CPU per request, the bare page measured just before each page
  // (same moment, same connections); then the fixed rate, each page beside the bare page at that rate.
  const capacityTable = async (title: string) => {
    console.log(
      `\n=== ${title} capacity, ${CONNECTIONS} connections, one session each (closed loop, 4 s), bare page just before; CPU per request = portal processes + PostgreSQL ===`,
    );
    console.log(
      "target".padEnd(34),
      "req/s".padStart(7),
      "bare".padStart(6),
      "ratio".padStart(6),
      "app ms".padStart(7),
      "db ms".padStart(6),
      "bare ms".padStart(8),
      "cost ratio".padStart(11),
    );
    for (const [name, p, c] of targets.slice(1)) {
      const bare = await measured(base + targets[0][1], null, CONNECTIONS);
      const page = await measured(base + p, c, CONNECTIONS);
      const bareCost = bare.app + bare.db;
      console.log(
        name.padEnd(34),
        page.rps.toFixed(0).padStart(7),
        bare.rps.toFixed(0).padStart(6),
        (page.rps / bare.rps).toFixed(2).padStart(6),
        page.app.toFixed(1).padStart(7),
        page.db.toFixed(1).padStart(6),
        bareCost.toFixed(1).padStart(8),
        (bareCost / (page.app + page.db)).toFixed(2).padStart(11),
      );
    }
  };
  await capacityTable("uncached (CACHES=off)");
  if (SECONDS > 0)
    console.log(
      `\n=== uncached (CACHES=off), fixed rate ${RATE} req/s for ${SECONDS} s (latency from the scheduled start), the bare page at the same rate just before each page ===`,
    );
  if (SECONDS > 0)
    console.log(
      "target".padEnd(34),
      "req/s".padStart(7),
      "ok".padStart(6),
      "err".padStart(5),
      "p50 ms".padStart(8),
      "p95 ms".padStart(8),
      "p99 ms".padStart(8),
      "max ms".padStart(8),
      "bare p50/p95/p99".padStart(20),
    );
  for (const [name, p, c] of SECONDS > 0 ? targets.slice(1) : []) {
    const b = await fixedRateOf("bare", base + targets[0][1], null, RATE, SECONDS);
    const r = await fixedRateOf(name, base + p, c, RATE, SECONDS);
    console.log(
      name.padEnd(34),
      (r.ok / r.seconds).toFixed(1).padStart(7),
      String(r.ok).padStart(6),
      String(r.errors).padStart(5),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      r.max.toFixed(1).padStart(8),
      `${b.p50.toFixed(0)}/${b.p95.toFixed(0)}/${b.p99.toFixed(0)}`.padStart(20),
    );
  }
  // Apart from the headline: the same pages with the in-process caches on (list counts, filter options).
  if (process.env.BENCH_CACHED !== "no") {
    await portal?.stop();
    ({ base, cookies } = await startPortal(databaseUrl, "on"));
    targets = targetsOf(cookies);
    await warmUp();
    await capacityTable("cached (CACHES=on: list counts and filter options kept)");
  }
  console.log(
    `\n${N} problems, ${ENTERPRISES} member enterprises; portal as ${WORKERS} web process(es); Node ${process.version}; ${os.cpus().length} cores; PostgreSQL and the load generator on the same machine.`,
  );
}

/**
 * Starts the portal on the database with CACHES=on|off and signs in CONNECTIONS sessions of the
 * staff account: one per connection, as several staff members would be.
 */
async function startPortal(databaseUrl: string, caches: "on" | "off") {
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : [];
  portal = await startBenchPortal({ databaseUrl, workers: WORKERS, env: { CACHES: caches }, nodeArgs: profile });
  return { base: portal.base, cookies: await signInSessions(portal.base, "staff@demo.test", CONNECTIONS) };
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .then(() => portal?.stop())
  .finally(cleanup);
