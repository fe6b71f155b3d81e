// The postgres driver's crash (porsager/postgres issues 1066, 1154, 1208): a write scheduled on a
// connection whose socket has closed threw from a timer and ended the process. patches/postgres+3.4.9.patch
// (applied by patch-package at npm install) settles the query with CONNECTION_CLOSED instead.
// Upstream's own reproduction (issue 1208), in a child process so that a crash is seen as an exit code.
// Second crash (issues 1192, 1205, 1223): a new connection that closes while the driver fetches the
// array types left that fetch's rejection unhandled (it ended a web process in the outages test).
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

// A proxy in front of the server closes the first connection as soon as the driver asks for the
// array types and refuses connections for half a second (a server restart landing on a starting
// connection); later connections pass through.
const typesScript = `
import net from "node:net";
import postgres from "postgres";
process.on("unhandledRejection", (e) => { console.log("unhandled: " + (e && e.message)); process.exit(3); });
const target = new URL(process.env.URL);
const upstream = { port: Number(target.port || 5432), host: target.hostname };
let cut = 0;
const proxy = net.createServer((client) => {
  const server = net.connect(upstream.port, upstream.host);
  client.on("data", (chunk) => {
    if (cut === 0 && chunk.includes("pg_catalog.pg_type")) {
      // Cut, then refuse connections for a moment (the server restarting), then accept again.
      cut++; client.destroy(); server.destroy();
      const { port } = proxy.address();
      proxy.close();
      setTimeout(() => proxy.listen(port, "127.0.0.1"), 500);
      return;
    }
    server.write(chunk);
  });
  server.on("data", (chunk) => client.write(chunk));
  client.on("error", () => server.destroy());
  server.on("error", () => client.destroy());
  client.on("close", () => server.destroy());
  server.on("close", () => client.destroy());
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
target.host = "127.0.0.1:" + proxy.address().port;
const sql = postgres(target.toString(), { max: 1, onnotice: () => {}, backoff: () => 0.05 });
const settle = (q) => Promise.race([q.then(() => "ok", (e) => e.code), new Promise((r) => setTimeout(() => r("hung"), 5000))]);
console.log("during: " + await settle(sql\`select 1\`));
console.log("cut: " + cut);
await new Promise((r) => setTimeout(r, 800));
console.log("after: " + await settle(sql\`select 1\`));
await new Promise((r) => setTimeout(r, 300));
await sql.end({ timeout: 1 });
proxy.close();
process.exit(0);
`;

describe.skipIf(!url)("postgres driver guard (pinned patch)", () => {
  it("a connection closed while the driver fetches the array types fails or retries its query, and the process lives", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", typesScript], {
      cwd: root,
      env: { ...process.env, URL: url },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stdout).toContain("cut: 1");
    expect(run.stdout).toMatch(/during: (ok|ECONNREFUSED|CONNECTION_CLOSED)/);
    expect(run.stdout).toContain("after: ok");
    expect(run.stdout).not.toContain("unhandled");
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it("a query on a connection whose socket closed is rejected with CONNECTION_CLOSED, and the process lives", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: root,
      env: { ...process.env, URL: url },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stdout).toContain("first: CONNECTION_CLOSED");
    expect(run.stdout).toContain("second: CONNECTION_CLOSED");
    expect(run.stdout).not.toContain("uncaught");
    expect(run.status).toBe(0);
  });
});
