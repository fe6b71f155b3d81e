// WEB_CONCURRENCY on PostgreSQL: the portal's process prepares the database, runs that many web
// processes on one port, the background jobs in one of them only, and stops them all on SIGTERM.
// Needs the production build (npm test and .ci/run build first).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port";

const root = path.resolve(import.meta.dirname, "../..");
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

let portal: ChildProcess | null = null;
afterAll(() => {
  if (portal && portal.exitCode === null) portal.kill("SIGKILL");
});

describe("several web processes", () => {
  it.skipIf(!onPostgres || !existsSync(path.join(root, "build/index.js")))(
    "serve one port, run the background jobs once, and all stop on SIGTERM",
    async () => {
      const port = await freePort();
      let output = "";
      portal = spawn(process.execPath, ["app/server.js"], {
        cwd: root,
        env: {
          ...process.env,
          WEB_CONCURRENCY: "2",
          PORT: String(port),
          HOST: "127.0.0.1",
          SEED_DEMO: "no",
          NODE_ENV: "production",
          SESSION_SECRET: "test-session-secret-long-enough",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      portal.stdout!.on("data", (d) => (output += d));
      portal.stderr!.on("data", (d) => (output += d));
      for (let i = 0; i < 450 && !output.includes("2 web processes"); i++) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`http://localhost:${port} (PostgreSQL, 2 web processes)`);
      expect(childrenOf(portal.pid!)).toHaveLength(2);

      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status)));
      expect(answers.every((s) => s === 200)).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(output.match(/Membership sweep/g)).toHaveLength(1);

      const workers = childrenOf(portal.pid!);
      const exited = new Promise<number | null>((resolve) => portal!.once("exit", (code) => resolve(code)));
      portal.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(workers.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "))).toEqual([]);
    },
    60_000,
  );
});
