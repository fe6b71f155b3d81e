// The HTTP server: security headers, the Origin check, the language cookie, static files,
// then Remix. It prepares the database (migrations, demo data) before it listens, and closes
// it on SIGTERM/SIGINT so the process ends (remix-serve would leave the database open).
// With WEB_CONCURRENCY > 1 (PostgreSQL only) this process prepares the database, then runs that
// many copies of the web server sharing the port (node:cluster); the first runs the background jobs.
import "./node-version.js";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, statSync, readdirSync } from "node:fs";
import { execSync } from "node:child_process";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = process.cwd();
const buildPath = path.join(root, "build/index.js");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// `npm start` passes --production: production unless NODE_ENV says otherwise (`npm run dev` stays development).
if (process.argv.includes("--production")) process.env.NODE_ENV ||= "production";

if (cluster.isPrimary && process.argv.includes("--build-if-needed")) {
  const stale =
    !existsSync(buildPath) ||
    !existsSync(path.join(root, "public/page-scripts/manifest.json")) ||
    statSync(buildPath).mtimeMs < Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "db")));
  if (stale) {
    console.log("Building the portal…");
    try {
      execSync("npm run build", { stdio: "inherit" });
    } catch {
      // esbuild 0.17 occasionally crashes on a cold build; once more is enough.
      execSync("npm run build", { stdio: "inherit" });
    }
  }
}

const build = await import(buildPath);
const entry = build.entry.module;

let settings;
try {
  const { readSettings } = entry;
  settings = readSettings();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

async function prepareDatabase() {
  try {
    await entry.assertDbReachable();
    await entry.migrateDb();
    // Résumé bytes moved by the résumés migration (from <uploads>/resumes/ to the shared upload directory).
    const adopted = await entry.adoptLegacyResumeFiles();
    if (adopted > 0) console.log(`Moved ${adopted} résumé file(s) onto the shared upload directory.`);
    await entry.seedDemoIfEmpty();
  } catch (error) {
    const where = settings.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : `embedded database in ${settings.DATA_DIR}`;
    // drizzle wraps the driver's error ("Failed query: …"): the innermost cause says what is wrong.
    let cause = error;
    while (cause && typeof cause === "object" && cause.cause) cause = cause.cause;
    const reason =
      cause instanceof Error ? `${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ""}`.split("\n")[0] : String(cause);
    console.error(`Cannot use the ${where}: ${reason || "it did not answer"}`);
    await entry.closeDb().catch(() => {});
    process.exit(1);
  }
}

// This process supervises: the web server runs in WEB_CONCURRENCY worker processes (one by
// default), and a worker that dies (an uncaught exception, a crash) is replaced. On PostgreSQL this
// process prepares the database first; the embedded database belongs to one process, so with PGlite
// the single worker opens and prepares it itself, and its replacement starts only after it has exited.
// YJ_SUPERVISOR=0 serves in this process (no restart), e.g. under a systemd unit with Restart=always.
const supervised = process.env.YJ_SUPERVISOR !== "0";
if (!supervised || cluster.isWorker) {
  if (cluster.isPrimary || !settings.DATABASE_URL) await prepareDatabase();
  serve();
} else {
  if (settings.DATABASE_URL) {
    await prepareDatabase();
    await entry.closeDb();
  }
  superviseWorkers(settings.WEB_CONCURRENCY);
}

/** Runs `count` web processes; one that dies is replaced, unless none ever started listening. */
function superviseWorkers(count) {
  let listening = 0;
  let stopping = false;
  // A worker dying again and again (e.g. a crash at every request) is restarted at most once a second.
  const lastStart = new Map();
  const fork = (index) => {
    lastStart.set(index, Date.now());
    cluster.fork({ YJ_WORKER_INDEX: String(index) }).on("exit", (code, signal) => {
      if (stopping) return;
      if (listening === 0) {
        if (count > 1) console.error(`A web process could not start (exit ${code ?? signal}); stopping.`);
        stopAll(code || 1);
        return;
      }
      console.error(`Web process ${index} ended (exit ${code ?? signal}); starting another.`);
      setTimeout(
        () => {
          if (!stopping) fork(index);
        },
        Math.max(0, 1000 - (Date.now() - lastStart.get(index))),
      );
    });
  };
  cluster.on("listening", () => {
    if (++listening !== count) return;
    const what = settings.DATABASE_URL ? "PostgreSQL" : `embedded database in ${settings.DATA_DIR}`;
    console.log(`Yunjiang portal on http://localhost:${settings.PORT} (${what}${count > 1 ? `, ${count} web processes` : ""})`);
  });
  for (let i = 0; i < count; i++) fork(i);
  function stopAll(code) {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter(Boolean);
    let left = alive.length;
    if (left === 0) process.exit(code);
    const timer = setTimeout(() => process.exit(code), 10_000);
    for (const w of alive) {
      w.once("exit", () => {
        if (--left === 0) {
          clearTimeout(timer);
          process.exit(code);
        }
      });
      w.process.kill("SIGTERM");
    }
  }
  process.on("SIGTERM", () => stopAll(0));
  process.on("SIGINT", () => stopAll(0));
}

/**
 * Plain form posts (and any body that is not multipart) are small: more than formBodyLimit(path)
 * bytes (64 KiB, more for a few long-text forms) is 413, checked on Content-Length and while
 * reading, and the body is read here, whole, so Remix never reads more. Multipart bodies (uploads) are streamed: the uploads module applies each
 * form's own limits; here only its ceiling (MULTIPART_BODY_LIMIT), also counted while streaming.
 */
function limitBodies(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const multipart = /^multipart\/form-data/i.test(String(req.headers["content-type"] ?? ""));
  // 64 KiB, more only for the few long-text forms (app/lib/body-limits.ts).
  const limit = multipart ? entry.MULTIPART_BODY_LIMIT : entry.formBodyLimit(req.path);
  const declared = Number(req.headers["content-length"]);
  const refuse = () => {
    if (!res.headersSent) res.status(413).set("Connection", "close").type("text/plain").send("Payload Too Large");
    // Whatever else comes is discarded, not kept; the connection closes after the answer.
    req.unpipe();
    req.resume();
  };
  if (Number.isFinite(declared) && declared > limit) return refuse();
  let seen = 0;
  if (multipart) {
    const counted = new Transform({
      transform(chunk, _encoding, callback) {
        seen += chunk.length;
        if (seen > limit) return callback(Object.assign(new Error("Payload Too Large"), { status: 413 }));
        callback(null, chunk);
      },
    });
    req.on("error", (error) => counted.destroy(error));
    req.limitedBody = req.pipe(counted);
    return next();
  }
  const chunks = [];
  let over = false;
  req.on("data", (chunk) => {
    if (over) return;
    seen += chunk.length;
    if (seen > limit) {
      over = true;
      chunks.length = 0;
      refuse();
      return;
    }
    chunks.push(chunk);
  });
  req.once("end", () => {
    if (over) return;
    req.limitedBody = Readable.from(seen > 0 ? [Buffer.concat(chunks)] : []);
    next();
  });
  req.once("error", (error) => {
    if (!over) next(error);
  });
}

const streamMembers = new Set([
  "on",
  "once",
  "off",
  "addListener",
  "removeListener",
  "removeAllListeners",
  "emit",
  "pause",
  "resume",
  "destroy",
  "pipe",
  "read",
  "isPaused",
  "readable",
  "readableEnded",
  "readableHighWaterMark",
  "destroyed",
  Symbol.asyncIterator,
]);

/** The Express request, with `body` as its stream (what the Remix adapter reads). */
function withBody(req, body) {
  return new Proxy(req, {
    get(target, prop) {
      const from = streamMembers.has(prop) ? body : target;
      const value = Reflect.get(from, prop, from);
      return typeof value === "function" ? value.bind(from) : value;
    },
  });
}

function serve() {
  const app = express();
  app.disable("x-powered-by");
  if (settings.TRUST_PROXY === "1") app.set("trust proxy", true);
  app.use(compression());

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    // The app reads the client address from this header: never from the client.
    req.headers["x-yunjiang-remote-addr"] = req.socket.remoteAddress ?? "unknown";
    next();
  });

  // A state-changing request from another site is refused (CSRF), whatever its cookies.
  // The gateway API authenticates by a bearer token only (never cookies), so a cross-site page
  // cannot use it: those two paths, with a bearer token, skip the Origin check and nothing else does.
  const gatewayPaths = new Set(["/api/monitoring/readings", "/api/monitoring/passage-alarms"]);
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (gatewayPaths.has(req.path) && /^Bearer\s/i.test(req.headers.authorization ?? "")) return next();
    const origin = req.headers.origin;
    const host = req.headers["x-forwarded-host"] && settings.TRUST_PROXY === "1" ? req.headers["x-forwarded-host"] : req.headers.host;
    const allowed = new Set([`http://${host}`, `https://${host}`]);
    if (settings.PUBLIC_ORIGIN) allowed.add(new URL(settings.PUBLIC_ORIGIN).origin);
    if (origin && origin !== "null" && allowed.has(origin)) return next();
    if (!origin) {
      // Browsers send Origin on every cross-site POST; without it, fall back to the referrer.
      const referer = req.headers.referer;
      if (!referer) return next();
      try {
        if (allowed.has(new URL(referer).origin)) return next();
      } catch {
        /* unparsable referrer: refused below */
      }
    }
    res.status(403).type("text/plain").send("Forbidden: cross-site request refused");
  });

  // Request bodies: read here, before Remix, within a limit (413 past it), announced or not
  // (Content-Length first, then every byte counted, chunked bodies too).
  app.use(limitBodies);

  app.use((req, res, next) => {
    const lng = typeof req.query.lng === "string" ? req.query.lng : null;
    if (lng === "en" || lng === "zh-CN") {
      res.cookie("lng", lng, { path: "/", maxAge: 365 * 24 * 3600 * 1000, sameSite: "lax", httpOnly: false });
    }
    next();
  });

  // Public job pages for visitors without an account: kept two seconds and sent again with a
  // fresh nonce (app/lib/public-pages.server.ts), so a fair-day rush is not rendered page by page.
  app.use((req, res, next) => {
    const language = entry.languageOf({ url: req.originalUrl, cookie: req.headers.cookie, acceptLanguage: req.headers["accept-language"] });
    const key = entry.publicPageKey({ method: req.method, url: req.originalUrl, cookie: req.headers.cookie, language });
    if (!key) return next();
    // The route's loader marks the page shareable (anonymous session, open posting); nothing else is kept.
    res.locals.publicPage = { shareable: false };
    const kept = entry.keptPublicPage(key);
    if (kept) {
      res.status(kept.status).setHeader("Content-Type", kept.contentType);
      res.setHeader("X-Portal-Cache", "hit");
      return res.end(entry.withNonce(kept, res.locals.nonce));
    }
    const chunks = [];
    const write = res.write;
    const end = res.end;
    const keep = (chunk, encoding) => {
      if (chunk && typeof chunk !== "function")
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
    };
    res.write = function (chunk, ...rest) {
      keep(chunk, rest[0]);
      return write.call(this, chunk, ...rest);
    };
    res.end = function (chunk, ...rest) {
      keep(chunk, rest[0]);
      if (res.locals.publicPage.shareable && !res.getHeader("Set-Cookie")) {
        entry.keepPublicPage(key, {
          status: res.statusCode,
          contentType: String(res.getHeader("Content-Type") ?? ""),
          body: Buffer.concat(chunks),
          nonce: res.locals.nonce,
        });
      }
      return end.call(this, chunk, ...rest);
    };
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // Page scripts are named by their content's hash too (scripts/build-page-scripts.mjs); the manifest is the server's.
  app.use("/page-scripts", (req, res, next) => (req.path.endsWith(".js") ? next() : res.status(404).end()));
  app.use("/page-scripts", express.static(path.join(root, "public/page-scripts"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  const remix = createRequestHandler({
    // Every loader and action answers 503 (not 500) when the database cannot be reached.
    build: { ...build, routes: entry.guardRoutes(build.routes) },
    mode: settings.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce, publicPage: res.locals.publicPage ?? null }),
  });
  // Remix reads the body limitBodies prepared (the request's own stream is already read or counted).
  app.all("*", (req, res, next) => remix(req.limitedBody ? withBody(req, req.limitedBody) : req, res, next));

  // Anything that escaped Remix: logged without a failed query's parameters, answered without details.
  app.use((error, req, res, _next) => {
    const status = Number(error?.status) >= 400 && Number(error?.status) < 600 ? Number(error.status) : 500;
    if (status >= 500) console.error(`${req.method} ${req.path}: ${entry.loggableError(error)}`);
    if (res.headersSent) return req.socket.destroy();
    res
      .status(status)
      .type("text/plain")
      .send(status === 413 ? "Payload Too Large" : "Internal Server Error");
  });

  const server = app.listen(settings.PORT, settings.HOST, () => {
    if (cluster.isPrimary)
      console.log(
        `Yunjiang portal on http://localhost:${settings.PORT} (${settings.DATABASE_URL ? "PostgreSQL" : `embedded database in ${settings.DATA_DIR}`})`,
      );
  });
  // Background jobs run in one process only (the first web process when there are several).
  const runsJobs = cluster.isPrimary || process.env.YJ_WORKER_INDEX === "0";
  // Across machines, each scheduled job's period is claimed in the database (table scheduled_runs):
  // whichever server claims it runs it, the others skip (app/lib/job-runs.server.ts).
  if (runsJobs) entry.setRunLedger(entry.runLedger, settings.JOB_LEASE_SECONDS * 1000);
  // Lapses and renewal reminders: once now, then daily (app/modules/members/sweep.server.ts).
  const stopSweeps = runsJobs ? entry.startMembershipSweeps() : async () => {};
  // Problems' clocks (auto-close, escalation): once now, then every minute (app/modules/tickets/timers.server.ts).
  const stopTicketTimers = runsJobs ? entry.startTicketTimers() : async () => {};
  // Finance clocks (needs waiting too long, loans not contacted before maturity): app/modules/finance/timers.server.ts.
  // Dispute deadlines (mediation, judicial confirmation): reminded once each, checked every 10 minutes (app/modules/disputes/timers.server.ts).
  const stopFinanceTimers = runsJobs ? entry.startFinanceTimers() : async () => {};
  const stopDisputeReminders = runsJobs ? entry.startDisputeReminders() : async () => {};
  // Emails recorded in the outbox go out through SMTP when SMTP_URL is set.
  const stopMailer = runsJobs ? entry.startMailer() : async () => {};
  // A cache cleared here is cleared in every other process and machine (PostgreSQL NOTIFY).
  const cacheBusStopped = entry.startCacheBus().catch((error) => {
    console.error(`Caches will not be cleared across processes: ${entry.loggableError(error)}`);
    return async () => {};
  });

  server.on("error", async (error) => {
    console.error(`Cannot listen on port ${settings.PORT}: ${error.message}`);
    await entry.closeDb().catch(() => {});
    process.exit(1);
  });

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    const jobsStopped = Promise.all([stopSweeps(), stopMailer(), stopTicketTimers(), stopFinanceTimers(), stopDisputeReminders()]);
    server.close();
    server.closeAllConnections?.();
    // Every job is on app/lib/scheduler.server.ts: a run in progress finishes before the cache bus and the database close.
    await jobsStopped.catch(() => {});
    await (await cacheBusStopped)().catch(() => {});
    await entry.closeDb().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
