import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// db/backup.js against real databases: a PGlite directory backed up and restored into a fresh
// directory, and (when the suite runs on PostgreSQL) pg_dump/pg_restore into a fresh database.
const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(os.tmpdir(), "yj-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function backupCli(args: string[], env: Record<string, string | undefined>) {
  const childEnv = {} as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v;
  const run = spawnSync(process.execPath, ["db/backup.js", ...args], { cwd: root, env: childEnv, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("backup and restore", () => {
  it("backs up an embedded database and restores it into a fresh directory with the data", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const source = path.join(work, "source");
    const db = await PGlite.create(source);
    await migrate(drizzle(db) as never, { migrationsFolder: path.join(root, "db/migrations") });
    await db.query(`insert into users (id, email, password_hash, display_name, role) values ('backup-1', 'backup@test.local', 'x', '备份测试', 'staff')`);
    await db.query(`insert into audit_events (action, entity_type, entity_id) values ('test.backup', 'user', 'backup-1')`);
    await db.close();

    const file = path.join(work, "backup.tar.gz");
    const backup = backupCli(["backup", file], { DATABASE_URL: undefined, DATA_DIR: source });
    expect(backup.code, backup.out).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(1000);

    const target = path.join(work, "restored");
    const restore = backupCli(["restore", file], { DATABASE_URL: undefined, DATA_DIR: target });
    expect(restore.code, restore.out).toBe(0);
    // A second restore into a non-empty directory is refused without --force.
    const again = backupCli(["restore", file], { DATABASE_URL: undefined, DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty/);
    // --force replaces the database but leaves the uploaded files kept inside DATA_DIR (not in the archive).
    mkdirSync(path.join(target, "uploads"), { recursive: true });
    writeFileSync(path.join(target, "uploads", "0123abcd.pdf"), "%PDF-1.4\n");
    const forced = backupCli(["restore", file, "--force"], { DATABASE_URL: undefined, DATA_DIR: target, UPLOAD_DIR: undefined });
    expect(forced.code, forced.out).toBe(0);
    expect(readFileSync(path.join(target, "uploads", "0123abcd.pdf"), "utf8")).toBe("%PDF-1.4\n");

    const restored = await PGlite.create(target);
    try {
      const users = await restored.query<{ display_name: string }>(`select display_name from users where id = 'backup-1'`);
      expect(users.rows).toEqual([{ display_name: "备份测试" }]);
      const audit = await restored.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'test.backup'`);
      expect(audit.rows[0].n).toBe(1);
      // The append-only trigger came back with the data.
      await expect(restored.query(`delete from audit_events`)).rejects.toThrow(/append-only/);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)("backs up a PostgreSQL database with pg_dump and restores it into a fresh database", async () => {
    const { default: postgres } = await import("postgres");
    const url = process.env.DATABASE_URL!; // this file's own database (tests/support/integration-setup.ts)
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql`insert into users (id, email, password_hash, display_name, role) values ('backup-pg', 'backup-pg@test.local', 'x', '备份测试', 'staff')`;
    await sql`insert into audit_events (action, entity_type, entity_id) values ('test.backup', 'user', 'backup-pg')`;
    await sql.end();

    const file = path.join(work, "backup.dump");
    const backup = backupCli(["backup", file], { DATABASE_URL: url });
    expect(backup.code, backup.out).toBe(0);

    const fresh = `yj_restore_${Date.now().toString(36)}`;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${fresh}`);
    const freshUrl = new URL(process.env.TEST_DATABASE_URL!);
    freshUrl.pathname = `/${fresh}`;
    try {
      const restore = backupCli(["restore", file], { DATABASE_URL: freshUrl.toString() });
      expect(restore.code, restore.out).toBe(0);
      const check = postgres(freshUrl.toString(), { max: 1, onnotice: () => {} });
      try {
        const rows = await check`select display_name from users where id = 'backup-pg'`;
        expect(rows.map((r) => r.display_name)).toEqual(["备份测试"]);
        const audit = await check`select count(*)::int as n from audit_events where action = 'test.backup'`;
        expect(audit[0].n).toBe(1);
        await expect(check`delete from audit_events`).rejects.toThrow(/append-only/);
      } finally {
        await check.end();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${fresh} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
