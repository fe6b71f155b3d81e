// Each integration test file gets a database of its own: an in-memory PGlite by default, or a
// fresh database on the PostgreSQL server named by TEST_DATABASE_URL. Migrations run first.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Uploaded files too: each test file stores them in a directory of its own, so files written by
// one test file never change what another counts.
const uploadDir = mkdtempSync(path.join(os.tmpdir(), "yj-test-uploads-"));
process.env.UPLOAD_DIR = uploadDir;

const serverUrl = process.env.TEST_DATABASE_URL;
let databaseName: string | undefined;

if (serverUrl) {
  const { default: postgres } = await import("postgres");
  databaseName = `yj_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = "memory://";
}
process.env.SEED_DEMO = "no";

const { migrateDb, closeDb } = await import("../../db/client.server");
await migrateDb();

afterAll(async () => {
  await closeDb();
  rmSync(uploadDir, { recursive: true, force: true });
  if (serverUrl && databaseName) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});
