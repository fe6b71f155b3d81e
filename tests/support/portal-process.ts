// A portal process (the production build, app/server.js) and a PostgreSQL server of its own that a
// test may halt and resume (tests/support/pg-server.sh): for the outage tests.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export const root = path.resolve(import.meta.dirname, "../..");
const script = path.join(root, "tests/support/pg-server.sh");

export const haveBuild = () => existsSync(path.join(root, "build/index.js"));
export const havePostgres = () => {
  try {
    return execFileSync("bash", ["-c", "ls /usr/lib/postgresql/*/bin/initdb"], { stdio: "pipe" }).length > 0;
  } catch {
    return false;
  }
};

export class OwnPostgres {
  readonly state = path.join(mkdtempSync(path.join(tmpdir(), "yj-pg-")), "state");
  port = 0;
  private run(command: string): string {
    return execFileSync("bash", [script, command], {
      env: { ...process.env, PG_SERVER_STATE: this.state },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  }
  start() {
    this.port = Number(this.run("start"));
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  halt() {
    this.run("halt");
  }
  resume() {
    this.run("resume");
  }
  stop() {
    try {
      this.run("stop");
    } catch {
      /* already gone */
    }
    rmSync(path.dirname(this.state), { recursive: true, force: true });
  }
}

/** The environment without NODE_ENV (vitest sets "test"): the portal picks its own mode. */
function withoutNodeEnv(): Record<string, string | undefined> {
  const { NODE_ENV: _ignored, ...rest } = process.env;
  return rest;
}

export class Portal {
  process: ChildProcess | null = null;
  output = "";
  port = 0;
  exited: number | string | null = null;

  async start(env: Record<string, string>, args: string[] = ["--production"]) {
    this.port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ["app/server.js", ...args], {
      cwd: root,
      env: {
        ...withoutNodeEnv(),
        PORT: String(this.port),
        HOST: "127.0.0.1",
        SEED_DEMO: "no",
        SESSION_SECRET: "test-session-secret-long-enough",
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process = child;
    child.stdout!.on("data", (d: Buffer) => (this.output += d));
    child.stderr!.on("data", (d: Buffer) => (this.output += d));
    child.on("exit", (code, signal) => (this.exited = code ?? signal));
    for (let i = 0; i < 1200 && !this.output.includes("Yunjiang portal on") && this.exited === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (!this.output.includes("Yunjiang portal on")) throw new Error(`the portal did not start:\n${this.output}`);
  }

  url(p: string) {
    return `http://127.0.0.1:${this.port}${p}`;
  }

  /** One request with its status, headers, body and time taken (ms); a failed connection is status 0. */
  async get(p: string, init: RequestInit = {}) {
    const started = performance.now();
    try {
      const res = await fetch(this.url(p), { redirect: "manual", signal: AbortSignal.timeout(15_000), ...init });
      const body = await res.text();
      return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
    } catch (error) {
      return { status: 0, headers: new Headers(), body: String(error), ms: performance.now() - started };
    }
  }

  async stop() {
    const child = this.process;
    if (!child || this.exited !== null) return;
    const done = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.exited === null) child.kill("SIGKILL");
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}
