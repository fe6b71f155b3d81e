#!/usr/bin/env node
// Backup and restore of the portal's database.
//
//   node db/backup.js backup [file] [--force]
//   node db/backup.js restore <file> [--force]
//
// With DATABASE_URL: pg_dump -Fc / pg_restore into that PostgreSQL database.
// Without it: the embedded PGlite database in DATA_DIR (default ./data), saved as a
// gzipped tarball of its data directory (PGlite's dumpDataDir) and restored with loadDataDir.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const USAGE = `Usage:
  node db/backup.js backup [file] [--force]   (npm run db:backup -- [file])
  node db/backup.js restore <file> [--force]  (npm run db:restore -- <file>)

With DATABASE_URL set (PostgreSQL):
  backup   pg_dump -Fc into file (default backups/yunjiang-<timestamp>.dump)
  restore  pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction
           into the DATABASE_URL database: objects in the dump are dropped and recreated;
           nothing is changed if any statement fails.
  pg_dump/pg_restore come from PATH, else from the newest /usr/lib/postgresql/*/bin;
  their major version must be at least the server's.

Without DATABASE_URL (embedded PGlite database in DATA_DIR, default ./data):
  backup   writes a gzipped tarball of the data directory
           (default backups/yunjiang-<timestamp>.tar.gz)
           of the database's files only (PG_VERSION, base, global, pg_*, postgresql*.conf)
  restore  loads such a tarball into a new directory inside DATA_DIR, opens it, and only
           then swaps it with the database's files (the old ones are put back if the new
           ones do not open); refuses a DATA_DIR holding a database unless --force.
           Nothing else in DATA_DIR (uploaded files, whatever the folder's name) is touched.
  Both refuse while the portal runs on DATA_DIR (its DATA_DIR/.portal.pid names a live process).
  Uploaded files on disk (UPLOAD_DIR, default DATA_DIR/uploads) go into a second archive beside
  the backup, <name>.files.tar.gz; restore adds the files missing from the upload folder and keeps
  those already there. With FILE_STORE=database the files' bytes are in the database itself.

  --force  backup: overwrite an existing file; restore: replace a non-empty DATA_DIR.`;

class UsageError extends Error {}
class Failure extends Error {}

const say = (msg) => process.stderr.write(`${msg}\n`);

function env(name) {
  const v = process.env[name];
  return v === undefined || v === "" ? undefined : v; // blank counts as unset, as in app/lib/env.server.ts
}

function timestamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "pgdump" | "gzip" | "tar" | "unknown", from the first bytes of a file. */
async function fileKind(file) {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    if (bytesRead >= 5 && buf.toString("latin1", 0, 5) === "PGDMP") return "pgdump";
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return "gzip";
    if (bytesRead >= 262 && buf.toString("latin1", 257, 262) === "ustar") return "tar";
    return "unknown";
  } finally {
    await fh.close();
  }
}

function checkInputFile(file) {
  if (!existsSync(file)) throw new Failure(`no such file: ${file}`);
  if (!statSync(file).isFile()) throw new Failure(`not a file: ${file}`);
}

function prepareOutputFile(file, force) {
  if (existsSync(file) && !force) throw new Failure(`${file} already exists (use --force to overwrite)`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

// ---------------------------------------------------------------- PostgreSQL

/** Finds pg_dump/pg_restore on PATH, else adds the newest /usr/lib/postgresql/N/bin to PATH. */
function ensurePgTools() {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  if (dirs.some((d) => existsSync(path.join(d, "pg_dump")) && existsSync(path.join(d, "pg_restore")))) return;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+$/.test(v) && existsSync(path.join(base, v, "bin", "pg_dump")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Failure("pg_dump/pg_restore not found on PATH nor under /usr/lib/postgresql/*/bin (install postgresql-client)");
  }
  process.env.PATH = [path.join(base, versions[0], "bin"), ...dirs].join(path.delimiter);
}

/**
 * The libpq connection string for DATABASE_URL, with the password moved to PGPASSWORD
 * (so it does not show in `ps`) and postgres.js's ?ssl= turned into libpq's ?sslmode=.
 */
function libpqTarget(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Failure("DATABASE_URL is not a valid URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Failure(`DATABASE_URL must start with postgres:// (got ${url.protocol}//)`);
  }
  const childEnv = { ...process.env };
  if (url.password) {
    childEnv.PGPASSWORD = decodeURIComponent(url.password);
    url.password = "";
  }
  const ssl = url.searchParams.get("ssl");
  if (ssl !== null) {
    url.searchParams.delete("ssl");
    if (!url.searchParams.has("sslmode")) {
      const mode = ssl === "true" ? "require" : ssl === "false" ? "disable" : ssl;
      url.searchParams.set("sslmode", mode);
    }
  }
  const shown = `${url.hostname || "localhost"}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  return { conninfo: url.toString(), env: childEnv, shown };
}

function run(cmd, args, childEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env: childEnv });
    child.on("error", (e) => reject(new Failure(e.code === "ENOENT" ? `${cmd} not found` : `${cmd}: ${e.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Failure(`${cmd} failed (${signal ? `signal ${signal}` : `exit code ${code}`}); see its messages above`));
    });
  });
}

/** Where the portal keeps uploaded files on disk (as app/lib/uploads.server.ts decides). */
function uploadDir() {
  const dataDir = env("DATA_DIR") ?? "./data";
  const dir = env("UPLOAD_DIR") ?? (dataDir.includes("://") ? null : path.join(dataDir, "uploads"));
  return dir ? path.resolve(dir) : null;
}

/** The uploaded files' archive beside a backup: yunjiang-<time>.dump → yunjiang-<time>.files.tar.gz. */
function filesArchiveFor(file) {
  const base = file.endsWith(".tar.gz") ? file.slice(0, -".tar.gz".length) : file.endsWith(".dump") ? file.slice(0, -".dump".length) : file;
  return `${base}.files.tar.gz`;
}

/**
 * The files on disk go with the database (FILE_STORE=local, or files kept from before a switch to
 * FILE_STORE=database, whose bytes are in the database itself). Nothing to do without any.
 */
async function backupFiles(file, force) {
  const dir = uploadDir();
  if (!dir || !existsSync(dir) || readdirSync(dir).length === 0) return "; no uploaded files on disk";
  const archive = filesArchiveFor(file);
  prepareOutputFile(archive, force);
  const partial = `${archive}.partial`;
  try {
    await run("tar", ["-czf", partial, "-C", dir, "."], process.env);
    await rename(partial, archive);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return `; uploaded files (${dir}) to ${archive} (${size(statSync(archive).size)})`;
}

/**
 * Puts back the files of a backup's files archive, when there is one: files missing from the upload
 * folder are added, files already there (the same random names, or newer uploads) are kept as they are.
 */
async function restoreFiles(file) {
  const archive = filesArchiveFor(file);
  const dir = uploadDir();
  if (!existsSync(archive)) return "; no uploaded files archive beside it (upload folder unchanged)";
  if (!dir) throw new Failure(`${archive} holds uploaded files but no upload folder is set (UPLOAD_DIR)`);
  mkdirSync(dir, { recursive: true });
  // GNU tar refuses members outside the folder ("..", absolute names) by itself.
  await run("tar", ["-xzf", archive, "-C", dir, "--skip-old-files", "--no-same-owner"], process.env);
  return `; uploaded files from ${archive} added to ${dir} (files already there kept)`;
}

async function pgBackup(databaseUrl, file, force) {
  ensurePgTools();
  const target = libpqTarget(databaseUrl);
  prepareOutputFile(file, force);
  const partial = `${file}.partial`;
  say(`Dumping PostgreSQL database ${target.shown} …`);
  try {
    await run("pg_dump", ["--format=custom", "--file", partial, "--dbname", target.conninfo], target.env);
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return `Backed up PostgreSQL database ${target.shown} to ${file} (${size(statSync(file).size)})`;
}

async function pgRestore(databaseUrl, file) {
  checkInputFile(file);
  const kind = await fileKind(file);
  if (kind === "gzip" || kind === "tar") {
    throw new Failure(`${file} is an embedded (PGlite) database archive: unset DATABASE_URL to restore it into DATA_DIR`);
  }
  if (kind !== "pgdump") throw new Failure(`${file} is not a pg_dump custom-format file`);
  ensurePgTools();
  const target = libpqTarget(databaseUrl);
  say(`Restoring ${file} into PostgreSQL database ${target.shown} …`);
  await run(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", target.conninfo, file],
    target.env,
  );
  return `Restored ${file} into PostgreSQL database ${target.shown}`;
}

// ---------------------------------------------------------------- PGlite

function pgliteDir() {
  const dataDir = env("DATA_DIR") ?? "./data";
  if (dataDir.includes("://")) throw new Failure(`DATA_DIR=${dataDir} is not a directory on disk: nothing to back up or restore`);
  return path.resolve(dataDir);
}

async function loadPGlite() {
  try {
    return (await import("@electric-sql/pglite")).PGlite;
  } catch (e) {
    throw new Failure(`cannot load @electric-sql/pglite (${e instanceof Error ? e.message.split("\n")[0] : e}); run npm ci`);
  }
}

/**
 * What of DATA_DIR is the database: PostgreSQL's own files and folders (PG_VERSION, base, global,
 * pg_*, postgresql*.conf, postmaster.*). Anything else there (the uploaded files when UPLOAD_DIR is
 * inside DATA_DIR, whatever its name, the portal's lock file) is not in a backup and is never
 * touched by a restore.
 */
const DATABASE_ENTRY = /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf|postmaster\.(opts|pid))$/;
const isDatabaseEntry = (name) => DATABASE_ENTRY.test(name);

/** The portal writes DATA_DIR/.portal.pid while it has the embedded database open (db/client.server.ts). */
const LOCK_FILE = ".portal.pid";

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Refuses when a portal process that is still alive has the database in `dir` open. */
function refuseWhileServed(dir) {
  const lock = path.join(dir, LOCK_FILE);
  if (!existsSync(lock)) return;
  const pids = readFileSync(lock, "utf8").split(/\s+/).filter(Boolean).map(Number);
  const running = pids.filter(alive);
  if (running.length > 0) {
    throw new Failure(
      `the portal is running on ${dir} (process ${running.join(", ")}): stop it first (PGlite has no lock of its own; two processes on one directory corrupt it)`,
    );
  }
}

async function pgliteBackup(file, force) {
  const dir = pgliteDir();
  if (!existsSync(path.join(dir, "PG_VERSION"))) throw new Failure(`no embedded database in ${dir} (no PG_VERSION file)`);
  refuseWhileServed(dir);
  prepareOutputFile(file, force);
  const PGlite = await loadPGlite();
  say(`Dumping the embedded database in ${dir} …`);
  // Flush everything into the data files, then archive a copy of the database's entries only
  // (PGlite's dumpDataDir would take the whole folder, uploads included).
  const db = await PGlite.create(dir);
  await db.exec("CHECKPOINT").finally(() => db.close());
  const copy = mkdtempSync(path.join(dir, ".backup-"));
  let bytes;
  try {
    for (const name of readdirSync(dir)) if (isDatabaseEntry(name)) cpSync(path.join(dir, name), path.join(copy, name), { recursive: true });
    const copied = await PGlite.create(copy);
    try {
      const blob = await copied.dumpDataDir("gzip");
      bytes = Buffer.from(await blob.arrayBuffer());
    } finally {
      await copied.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw new Failure(`cannot write ${file}: ${e instanceof Error ? e.message : e}`);
  }
  return `Backed up the embedded database in ${dir} to ${file} (${size(bytes.length)}; the database only, not the uploaded files)`;
}

/** Opens the database in `dir` and reads from it: throws when it does not open cleanly. */
async function checkOpens(PGlite, dir) {
  const db = await PGlite.create(dir);
  try {
    await db.query("select count(*) from pg_class");
  } finally {
    await db.close();
  }
}

async function pgliteRestore(file, force) {
  checkInputFile(file);
  const kind = await fileKind(file);
  if (kind === "pgdump") throw new Failure(`${file} is a pg_dump file: set DATABASE_URL to restore it into PostgreSQL`);
  if (kind !== "gzip" && kind !== "tar") throw new Failure(`${file} is not an embedded database archive (.tar.gz / .tar)`);
  const dir = pgliteDir();
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Failure(`DATA_DIR ${dir} exists and is not a directory`);
    refuseWhileServed(dir);
    if (readdirSync(dir).some(isDatabaseEntry) && !force) {
      throw new Failure(`DATA_DIR ${dir} is not empty (it holds a database): stop the portal server, then use --force to replace the database`);
    }
  }
  const PGlite = await loadPGlite();
  const bytes = await readFile(file);
  const blob = new Blob([bytes], { type: kind === "gzip" ? "application/gzip" : "application/x-tar" });

  // 1. Load the archive into a new directory (inside DATA_DIR: the same file system, so the swap
  //    below is a rename even when DATA_DIR is a mount point), and open it: a bad archive stops here,
  //    DATA_DIR untouched.
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(path.join(dir, ".restoring-"));
  const previous = path.join(dir, `.replaced-${process.pid}`);
  say(`Restoring ${file} into ${dir} …`);
  try {
    let db;
    try {
      db = await PGlite.create({ dataDir: staging, loadDataDir: blob });
      await db.query("select count(*) from pg_class");
    } catch (e) {
      throw new Failure(`cannot load ${file}: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
    } finally {
      await db?.close();
    }
    const incoming = readdirSync(staging).filter(isDatabaseEntry);
    if (!incoming.includes("PG_VERSION")) throw new Failure(`${file} holds no database (no PG_VERSION)`);
    // 2. Swap: the database's entries move aside, the new ones in; nothing else in DATA_DIR moves.
    //    (Older archives also held the uploads folder: only the database's entries are taken.)
    mkdirSync(previous);
    const old = readdirSync(dir).filter(isDatabaseEntry);
    for (const name of old) renameSync(path.join(dir, name), path.join(previous, name));
    try {
      for (const name of incoming) renameSync(path.join(staging, name), path.join(dir, name));
      await checkOpens(PGlite, dir);
    } catch (e) {
      // 3. Did not open in place: put the old database back as it was.
      for (const name of readdirSync(dir).filter(isDatabaseEntry)) rmSync(path.join(dir, name), { recursive: true, force: true });
      for (const name of old) renameSync(path.join(previous, name), path.join(dir, name));
      throw new Failure(
        `the restored database did not open in ${dir} (${e instanceof Error ? e.message.split("\n")[0] : e}); the previous one is back in place`,
      );
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
  return `Restored ${file} into the embedded database in ${dir} (the database only; other files in DATA_DIR left as they were)`;
}

// ---------------------------------------------------------------- main

async function main(argv) {
  if (argv.includes("-h") || argv.includes("--help")) {
    console.log(USAGE);
    return;
  }
  const force = argv.includes("--force");
  const unknown = argv.filter((a) => a.startsWith("-") && a !== "--force");
  if (unknown.length) throw new UsageError(`unknown option ${unknown[0]}`);
  const [command, file, ...rest] = argv.filter((a) => !a.startsWith("-"));
  if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
  const databaseUrl = env("DATABASE_URL");

  let message;
  if (command === "backup") {
    const out = file ?? path.join("backups", `yunjiang-${timestamp()}${databaseUrl ? ".dump" : ".tar.gz"}`);
    message = databaseUrl ? await pgBackup(databaseUrl, out, force) : await pgliteBackup(out, force);
    message += await backupFiles(out, force);
  } else if (command === "restore") {
    if (!file) throw new UsageError("restore needs a file");
    message = databaseUrl ? await pgRestore(databaseUrl, file) : await pgliteRestore(file, force);
    message += await restoreFiles(file);
  } else {
    throw new UsageError(command ? `unknown command ${command}` : "missing command");
  }
  console.log(message);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (e) => {
    if (e instanceof UsageError) {
      say(`db/backup.js: ${e.message}\n\n${USAGE}`);
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      say(`db/backup.js: error: ${e instanceof Failure ? msg : msg.split("\n")[0]}`);
      if (process.env.DEBUG_BACKUP) say(String(e.stack));
    }
    process.exit(1);
  },
);
