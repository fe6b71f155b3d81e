import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { settings } from "../app/lib/env.server";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Tx;

type PostgresClient = import("postgres").Sql;

interface Connection {
  db: Database;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** The postgres.js client on a server (LISTEN/NOTIFY); none on the embedded database. */
  client?: PostgresClient;
}

export const CONNECT_TIMEOUT_S = 3;
export const STATEMENT_TIMEOUT_MS = 5_000;

/** DATA_DIR/.portal.pid: the process(es) that have the embedded database open (see db/backup.js). */
export const PORTAL_LOCK_FILE = ".portal.pid";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

async function connect(): Promise<Connection> {
  const { DATABASE_URL, DATA_DIR } = settings();
  if (DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // A request gives up within a few seconds when the server is away or stuck (then 503, see
    // app/lib/db-outage.server.ts): 3 s to connect, 5 s for one statement. The driver reconnects
    // by itself when the server is back.
    const client = postgres(DATABASE_URL, {
      max: 10,
      onnotice: () => {},
      connect_timeout: CONNECT_TIMEOUT_S,
      // Wait before reconnecting a closed connection: the driver's default grows to 20 s during an
      // outage (3^n / 100 s), and a request waits for it; at most half a second here.
      backoff: (retries: number) => Math.min(0.1 * retries, 0.5),
      connection: { statement_timeout: STATEMENT_TIMEOUT_MS },
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), client };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = DATA_DIR.startsWith("memory://");
  // PGlite rejects (and kills the process) when a parent directory is missing.
  if (!inMemory) mkdirSync(path.resolve(DATA_DIR), { recursive: true });
  const client = await PGlite.create(inMemory ? DATA_DIR : path.resolve(DATA_DIR));
  const db = drizzle(client, { schema }) as unknown as Database;
  // Tells db/backup.js that a process has this database open (PGlite has no lock of its own):
  // this process, and the supervising one when this is a web worker (it starts the next worker).
  const lock = inMemory ? null : path.join(path.resolve(DATA_DIR), PORTAL_LOCK_FILE);
  if (lock) writeFileSync(lock, `${process.pid}${process.env.YJ_WORKER_INDEX !== undefined ? ` ${process.ppid}` : ""}\n`);
  return {
    db,
    kind: "pglite",
    close: async () => {
      await client.close();
      if (lock) rmSync(lock, { force: true });
    },
  };
}

let connection: Promise<Connection> | undefined;

function connection_(): Promise<Connection> {
  connection ??= connect();
  return connection;
}

export async function getDb(): Promise<Database> {
  return (await connection_()).db;
}

export async function databaseKind(): Promise<Connection["kind"]> {
  return (await connection_()).kind;
}

export async function closeDb(): Promise<void> {
  if (!connection) return;
  const c = connection;
  connection = undefined;
  await (await c).close();
}

/** Applies the pending migrations (of another folder in tests that replay the history step by step). */
export async function migrateDb(folder: string = migrationsFolder): Promise<void> {
  const { db, kind } = await connection_();
  if (kind === "postgres") {
    // Migrations may take longer than a page's statement timeout: their own connection, without it.
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(settings().DATABASE_URL!, { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_S });
    try {
      await migrate(drizzle(client, { schema }) as never, { migrationsFolder: folder });
    } finally {
      await client.end({ timeout: 5 });
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: folder });
  }
}

/** Throws the driver's own error when the database does not answer (for the start-up message). */
export async function assertDbReachable(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`select 1`);
}

export async function pingDb(): Promise<boolean> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Notifications between the portal's processes on a PostgreSQL server (NOTIFY on a channel,
 * LISTEN on a connection postgres.js keeps open and re-opens); null on the embedded database,
 * which only ever has one process.
 */
export async function notificationChannel(channel: string) {
  const { client } = await connection_();
  if (!client) return null;
  return {
    notify: (payload: string) => client.notify(channel, payload),
    listen: async (onPayload: (payload: string) => void) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
  };
}
