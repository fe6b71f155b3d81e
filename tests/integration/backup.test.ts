import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
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

  describe("embedded restore with uploaded files kept in or out of DATA_DIR", () => {
    // Upload folders: at the default, inside DATA_DIR under a name sorting before PostgreSQL's own
    // folders ("attachments" < "base") and after them ("zz-files" > "postgresql.conf"), and outside.
    const layouts = [
      { label: "default DATA_DIR/uploads", uploadDir: (d: string) => path.join(d, "uploads"), env: (_d: string) => undefined },
      { label: "DATA_DIR/attachments (sorts first)", uploadDir: (d: string) => path.join(d, "attachments"), env: (d: string) => path.join(d, "attachments") },
      { label: "DATA_DIR/zz-files (sorts last)", uploadDir: (d: string) => path.join(d, "zz-files"), env: (d: string) => path.join(d, "zz-files") },
      { label: "outside DATA_DIR", uploadDir: (d: string) => `${d}-uploads`, env: (d: string) => `${d}-uploads` },
    ];
    for (const [i, layout] of layouts.entries()) {
      it(`keeps the uploads and swaps the database: ${layout.label}`, async () => {
        const { PGlite } = await import("@electric-sql/pglite");
        const dataDir = path.join(work, `layout-${i}`);
        const uploads = layout.uploadDir(dataDir);
        const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, UPLOAD_DIR: layout.env(dataDir) };
        const db = await PGlite.create(dataDir);
        await db.exec(`create table marker (v text); insert into marker values ('at backup')`);
        await db.close();
        mkdirSync(uploads, { recursive: true });
        writeFileSync(path.join(uploads, "kept.pdf"), "%PDF-1.4 kept\n");

        const file = path.join(work, `layout-${i}.tar.gz`);
        const backup = backupCli(["backup", file], env);
        expect(backup.code, backup.out).toBe(0);
        // The archive holds the database only; the uploaded files have their own beside it.
        const listing = spawnSync("tar", ["tzf", file], { encoding: "utf8" }).stdout;
        expect(listing).toMatch(/PG_VERSION/);
        expect(listing).not.toMatch(/kept\.pdf|\.portal\.pid/);
        const filesArchive = path.join(work, `layout-${i}.files.tar.gz`);
        expect(spawnSync("tar", ["tzf", filesArchive], { encoding: "utf8" }).stdout.split("\n")).toContain("./kept.pdf");

        // Changes after the backup: a row, and a new upload.
        const later = await PGlite.create(dataDir);
        await later.exec(`insert into marker values ('after backup')`);
        await later.close();
        writeFileSync(path.join(uploads, "later.pdf"), "%PDF-1.4 later\n");
        // ... and a file lost since: the restore brings it back from the files archive.
        rmSync(path.join(uploads, "kept.pdf"));

        expect(backupCli(["restore", file], env).code).toBe(1); // holds a database: needs --force
        const forced = backupCli(["restore", file, "--force"], env);
        expect(forced.code, forced.out).toBe(0);
        expect(readFileSync(path.join(uploads, "kept.pdf"), "utf8")).toBe("%PDF-1.4 kept\n");
        expect(readFileSync(path.join(uploads, "later.pdf"), "utf8")).toBe("%PDF-1.4 later\n");
        expect(readdirSync(dataDir).filter((n) => n.startsWith(".restoring-") || n.startsWith(".replaced-") || n.startsWith(".backup-"))).toEqual([]);
        const restored = await PGlite.create(dataDir);
        try {
          expect((await restored.query<{ v: string }>(`select v from marker order by v`)).rows).toEqual([{ v: "at backup" }]);
        } finally {
          await restored.close();
        }
      }, 120_000);
    }

    it("takes only the database from an archive that also holds an uploads folder (made before this fix)", async () => {
      const { PGlite } = await import("@electric-sql/pglite");
      const old = path.join(work, "old-layout");
      const db = await PGlite.create(old);
      await db.exec(`create table marker (v text); insert into marker values ('old archive')`);
      mkdirSync(path.join(old, "uploads"), { recursive: true });
      writeFileSync(path.join(old, "uploads", "from-archive.pdf"), "old");
      const file = path.join(work, "old-layout.tar.gz");
      writeFileSync(file, Buffer.from(await (await db.dumpDataDir("gzip")).arrayBuffer()));
      await db.close();
      const target = path.join(work, "old-layout-target");
      mkdirSync(path.join(target, "uploads"), { recursive: true });
      writeFileSync(path.join(target, "uploads", "current.pdf"), "current");
      const restore = backupCli(["restore", file, "--force"], { DATABASE_URL: undefined, DATA_DIR: target, UPLOAD_DIR: undefined });
      expect(restore.code, restore.out).toBe(0);
      expect(readdirSync(path.join(target, "uploads"))).toEqual(["current.pdf"]);
      const restored = await PGlite.create(target);
      try {
        expect((await restored.query<{ v: string }>(`select v from marker`)).rows).toEqual([{ v: "old archive" }]);
      } finally {
        await restored.close();
      }
    }, 120_000);

    it("refuses while the portal runs on DATA_DIR, and leaves a bad archive's target untouched", async () => {
      const { PGlite } = await import("@electric-sql/pglite");
      const dir = path.join(work, "served");
      const db = await PGlite.create(dir);
      await db.exec(`create table marker (v text); insert into marker values ('served')`);
      await db.close();
      const file = path.join(work, "served.tar.gz");
      expect(backupCli(["backup", file], { DATABASE_URL: undefined, DATA_DIR: dir }).code).toBe(0);
      // This test's own process stands for a running portal.
      writeFileSync(path.join(dir, ".portal.pid"), `${process.pid}\n`);
      const refused = backupCli(["restore", file, "--force"], { DATABASE_URL: undefined, DATA_DIR: dir });
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/portal is running/);
      expect(backupCli(["backup", path.join(work, "served-2.tar.gz")], { DATABASE_URL: undefined, DATA_DIR: dir }).out).toMatch(/portal is running/);
      // A process that has ended does not block.
      writeFileSync(path.join(dir, ".portal.pid"), "999999999\n");
      const bad = path.join(work, "bad.tar.gz");
      writeFileSync(bad, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]));
      const failed = backupCli(["restore", bad, "--force"], { DATABASE_URL: undefined, DATA_DIR: dir });
      expect(failed.code).toBe(1);
      const still = await PGlite.create(dir);
      try {
        expect((await still.query<{ v: string }>(`select v from marker`)).rows).toEqual([{ v: "served" }]);
      } finally {
        await still.close();
      }
      expect(readdirSync(dir).filter((n) => n.startsWith(".restoring-") || n.startsWith(".replaced-"))).toEqual([]);
    }, 120_000);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "backs up a PostgreSQL database with pg_dump and restores it into a fresh database",
    async () => {
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
    },
    120_000,
  );
});
