// The postgres driver's crash (porsager/postgres issues 1066, 1154, 1208): a write scheduled on a
// connection whose socket has closed threw from a timer and ended the process. patches/postgres+3.4.9.patch
// (applied by patch-package at npm install) settles the query with CONNECTION_CLOSED instead.
// Upstream's own reproduction (issue 1208), in a child process so that a crash is seen as an exit code.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const url = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, "../..");

const script = `
import postgres from "postgres";
process.on("uncaughtException", (e) => { console.log("uncaught: " + e.message); process.exit(3); });
const url = process.env.URL;
const sql = postgres(url, { max: 2, onnotice: () => {} });
const killer = postgres(url, { max: 1, onnotice: () => {} });
const reserved = await sql.reserve();
const [{ pid }] = await reserved\`select pg_backend_pid() as pid\`;
await killer\`select pg_terminate_backend(\${pid})\`;
await new Promise((r) => setTimeout(r, 100));
const settle = (q) => Promise.race([q.then(() => "ok", (e) => e.code), new Promise((r) => setTimeout(() => r("hung"), 5000))]);
console.log("first: " + await settle(reserved\`select 1\`));
console.log("second: " + await settle(reserved\`select 1\`));
await killer.end(); await sql.end({ timeout: 1 });
process.exit(0);
`;

describe.skipIf(!url)("postgres driver guard (pinned patch)", () => {
  it("a query on a connection whose socket closed is rejected with CONNECTION_CLOSED, and the process lives", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: { ...process.env, URL: url }, encoding: "utf8", timeout: 30_000 });
    expect(run.stdout).toContain("first: CONNECTION_CLOSED");
    expect(run.stdout).toContain("second: CONNECTION_CLOSED");
    expect(run.stdout).not.toContain("uncaught");
    expect(run.status).toBe(0);
  });
});
