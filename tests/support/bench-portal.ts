/**
 * What the benches (tests/bench/*.bench.ts) share: their PostgreSQL server, the portal they start on
 * it, the sessions they sign in, and the CPU time of processes read from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export const root = path.resolve(import.meta.dirname, "../..");
const pgScript = path.join(root, "tests/support/pg-server.sh");

/** Builds the app when build/ is missing (the portal runs the production build). */
export function ensureBuild(): void {
  if (!existsSync(path.join(root, "build/index.js"))) execFileSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit" });
}

export type BenchDatabase = {
  databaseUrl: string;
  /** True with BENCH_DATABASE_URL: a server you started, kept (and seeded once) between runs. */
  reused: boolean;
  /** The throwaway server's postmaster (its backends are its children); null when reused. */
  postmaster: number | null;
  /** Stops and removes the throwaway server (nothing when reused). */
  stop(): void;
};

/**
 * The bench's database: BENCH_DATABASE_URL, or a throwaway PostgreSQL server
 * (tests/support/pg-server.sh). Sets DATABASE_URL and SEED_DEMO=no for the bench's own imports of
 * the app's modules, which read them when first used.
 */
export function benchDatabase(name: string): BenchDatabase {
  const reuse = process.env.BENCH_DATABASE_URL;
  const stateFile = path.join(mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`)), "pg.state");
  const env = { ...process.env, PG_SERVER_STATE: stateFile };
  const port = reuse ? null : execFileSync("bash", [pgScript, "start"], { env, encoding: "utf8" }).trim();
  const databaseUrl = reuse ?? `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.env.DATABASE_URL = databaseUrl;
  process.env.SEED_DEMO = "no";
  let postmaster: number | null = null;
  if (!reuse) {
    const dir = readFileSync(stateFile, "utf8").split("\n")[0];
    const pidFile = path.join(dir, "data/postmaster.pid");
    if (existsSync(pidFile)) postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  }
  return {
    databaseUrl,
    reused: Boolean(reuse),
    postmaster,
    stop() {
      if (!reuse) {
        try {
          execFileSync("bash", [pgScript, "stop"], { env, stdio: "ignore" });
        } catch {
          /* already stopped */
        }
      }
      rmSync(path.dirname(stateFile), { recursive: true, force: true });
    },
  };
}

export type BenchPortal = { server: ChildProcess; base: string; stop(): Promise<void> };

/**
 * The portal (production build, `node app/server.js`) on the database, as `workers` web processes,
 * with the given settings on top (e.g. CACHES). Waits up to three minutes for /healthz: start-up is
 * slow on a machine shared with other work.
 */
export async function startBenchPortal(options: {
  databaseUrl: string;
  workers: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<BenchPortal> {
  const port = await freePort();
  const server = spawn("node", [...(options.nodeArgs ?? []), "app/server.js"], {
    cwd: root,
    env: {
      ...process.env,
      WEB_CONCURRENCY: String(options.workers),
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "no",
      NODE_ENV: "production",
      SESSION_SECRET: "bench-session-secret-not-for-production",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    server,
    base,
    // Waits for the exit: a portal run with --cpu-prof writes its profile on the way out.
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}

/** Signs `count` sessions of a demo account in (password yunjiang-demo); their Cookie headers. */
export async function signInSessions(base: string, email: string, count = 1): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ email, password: "yunjiang-demo" }).toString(),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    if (!cookie.startsWith("yj_session=")) throw new Error(`sign-in of ${email} failed: ${login.status}`);
    cookies.push(cookie);
  }
  return cookies;
}

/** CPU milliseconds used so far by these processes and their children (Linux /proc; 0 elsewhere). */
export function cpuMsOf(roots: (number | null | undefined)[]): number {
  if (!existsSync("/proc/self/stat")) return 0;
  let ms = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    if (roots.includes(Number(name)) || roots.includes(Number(f[1]))) ms += (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  }
  return ms;
}
