// deploy/nginx.conf as shipped, with a run's own ports, inside a minimal main configuration: the nginx in
// front of two portal servers of tests/integration/several-machines.test.ts and of
// `BENCH_TOPOLOGY=proxy npm run bench:jobs`. Plain JavaScript: the bench runs under node as it is.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const NGINX = "/usr/sbin/nginx";

/**
 * Writes the site (work/site.conf) and returns the main configuration that includes it; start nginx with
 * `-p work -c <that configuration written to a file>`.
 * @param {{ root: string; work: string; proxyPort: number; upstreams: [number, number]; workerConnections?: number }} options
 * @returns {string}
 */
export function nginxConfig({ root, work, proxyPort, upstreams: [portA, portB], workerConnections = 1024 }) {
  const site = readFileSync(path.join(root, "deploy/nginx.conf"), "utf8")
    .replace("server 127.0.0.1:3001", `server 127.0.0.1:${portA}`)
    .replace("server 127.0.0.1:3002", `server 127.0.0.1:${portB}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${proxyPort};`);
  // A shipped file that no longer has these lines would leave nginx on the wrong ports, quietly.
  for (const wanted of [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`, `listen 127.0.0.1:${proxyPort};`]) {
    if (!site.includes(wanted)) throw new Error(`deploy/nginx.conf no longer has the line rewritten to ${wanted}`);
  }
  writeFileSync(path.join(work, "site.conf"), site);
  const temp = path.join(work, "nginx-temp");
  mkdirSync(temp, { recursive: true, mode: 0o777 });
  return [
    "daemon off;",
    "worker_processes 1;",
    `pid ${path.join(work, "nginx.pid")};`,
    "error_log stderr warn;",
    // As root, the workers would drop to "nobody", who cannot read this temporary directory.
    ...(process.getuid?.() === 0 ? ["user root;"] : []),
    `events { worker_connections ${workerConnections}; }`,
    "http {",
    "  access_log off;",
    `  client_body_temp_path ${temp}/body; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fcgi;`,
    `  uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;`,
    `  include ${path.join(work, "site.conf")};`,
    "}",
  ].join("\n");
}
