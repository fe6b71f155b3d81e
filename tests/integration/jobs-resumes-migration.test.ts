// Migration 0009_resumes_files: résumés stored by the jobs module's own code (columns on
// seeker_profiles, bytes under <uploads>/resumes/) move onto the shared uploads module. The
// database of this file is emptied and migrated up to 0008, old-style rows and files are made,
// then the remaining migrations and the start-up step run.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateDb, migrationsFolder } from "../../db/client.server";
import { files } from "../../db/schema/files";
import { seekerProfiles } from "../../db/schema/jobs";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import { sendFile, uploadDirectory } from "../../app/lib/uploads.server";
import { applyToPosting } from "../../app/modules/jobs/applications.server";
import { createPosting } from "../../app/modules/jobs/postings.server";
import { adoptLegacyResumeFiles, findResume, getMyProfile, legacyResumeDirectory, saveProfile } from "../../app/modules/jobs/profiles.server";
import { actorOf } from "../support/actors";

const BEFORE = "0009_resumes_files";
const pdfBytes = Buffer.from("%PDF-1.4\n旧简历 legacy résumé\n%%EOF\n");
const docBytes = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 7)]);
let partial: string;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const db = await getDb();
  const result = (await db.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** The migrations folder as it was before 0009: the SQL files and a journal cut before it. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "yj-migrations-"));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  mkdirSync(path.join(dir, "meta"));
  writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

beforeAll(async () => {
  const db = await getDb();
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`drop schema public cascade`);
  await db.execute(sql`create schema public`);
  partial = migrationsBefore(BEFORE);
  await migrateDb(partial);
  // Old-style data: two seekers with résumés (one whose file was lost), one without.
  await db.execute(sql`insert into users (id, email, password_hash, display_name, role, phone) values
    ('old-seeker-a', 'a@old.test', 'x', '旧求职者甲', 'seeker', '13800000001'),
    ('old-seeker-b', 'b@old.test', 'x', '旧求职者乙', 'seeker', '13800000002'),
    ('old-seeker-c', 'c@old.test', 'x', '旧求职者丙', 'seeker', '13800000003')`);
  await db.execute(sql`insert into seeker_profiles (user_id, full_name, phone, education, resume_stored_name, resume_original_name, resume_mime, resume_size) values
    ('old-seeker-a', '甲', '13800000001', 'high_school', '0123456789abcdef0123456789abcdef.pdf', '我的简历.pdf', 'application/pdf', ${pdfBytes.length}),
    ('old-seeker-b', '乙', '13800000002', 'college', 'fedcba9876543210fedcba9876543210.doc', '简历（旧版）.doc', 'application/msword', 600),
    ('old-seeker-c', '丙', '13800000003', 'college', null, null, null, null)`);
  mkdirSync(legacyResumeDirectory(), { recursive: true });
  writeFileSync(path.join(legacyResumeDirectory(), "0123456789abcdef0123456789abcdef.pdf"), pdfBytes);
  // old-seeker-b's file is gone from the disk (the row still names it).
  await migrateDb();
});

afterAll(() => {
  if (partial) rmSync(partial, { recursive: true, force: true });
});

describe("migration 0009_resumes_files", () => {
  it("moves each résumé into the files table, owned by its seeker, and drops the old columns", async () => {
    const columns = await rows<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'seeker_profiles'`,
    );
    const names = columns.map((c) => c.column_name);
    expect(names).toContain("resume_file_id");
    expect(names.filter((n) => n.startsWith("resume_") && n !== "resume_file_id")).toEqual([]);
    const db = await getDb();
    const moved = await db.select().from(files).orderBy(files.ownerId);
    expect(moved.map((f) => [f.ownerKind, f.ownerId, f.originalName, f.safeName, f.contentType, f.size, f.sha256, f.createdBy])).toEqual([
      ["seeker_resume", "old-seeker-a", "我的简历.pdf", "0123456789abcdef0123456789abcdef.pdf", "application/pdf", pdfBytes.length, "", "old-seeker-a"],
      ["seeker_resume", "old-seeker-b", "简历（旧版）.doc", "fedcba9876543210fedcba9876543210.doc", "application/msword", 600, "", "old-seeker-b"],
    ]);
    const profiles = await db
      .select({ userId: seekerProfiles.userId, fileId: seekerProfiles.resumeFileId })
      .from(seekerProfiles)
      .orderBy(seekerProfiles.userId);
    expect(profiles).toEqual([
      { userId: "old-seeker-a", fileId: moved[0].id },
      { userId: "old-seeker-b", fileId: moved[1].id },
      { userId: "old-seeker-c", fileId: null },
    ]);
  });

  it("moves the bytes and hashes them at start-up, once; a lost file stays lost", async () => {
    expect(await adoptLegacyResumeFiles()).toBe(1);
    expect(await adoptLegacyResumeFiles()).toBe(0);
    expect(existsSync(path.join(legacyResumeDirectory(), "0123456789abcdef0123456789abcdef.pdf"))).toBe(false);
    expect(readFileSync(path.join(uploadDirectory(), "0123456789abcdef0123456789abcdef.pdf"))).toEqual(pdfBytes);
    const db = await getDb();
    const [a] = await db.select().from(files).where(eq(files.ownerId, "old-seeker-a"));
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [b] = await db.select().from(files).where(eq(files.ownerId, "old-seeker-b"));
    expect(b.sha256).toBe("");
    expect((await sendFile(b)).status).toBe(404);
  });

  it("serves a moved résumé through the shared module, with the same access rules as before", async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    const a = actorOf("seeker", { userId: "old-seeker-a" });
    const member = (await loadActor("demo-member"))!;
    expect((await getMyProfile(a)).profile).toMatchObject({ hasResume: true, resumeOriginalName: "我的简历.pdf" });
    const own = await findResume(a, "old-seeker-a");
    const response = await sendFile(own!);
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''%E6%88%91%E7%9A%84%E7%AE%80%E5%8E%86.pdf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdfBytes);
    // A member sees it only once the seeker has applied to its enterprise; another seeker, staff: never.
    expect(await findResume(member, "old-seeker-a")).toBeNull();
    expect(await findResume(actorOf("seeker", { userId: "old-seeker-c" }), "old-seeker-a")).toBeNull();
    expect(await findResume(actorOf("staff", { userId: "demo-staff" }), "old-seeker-a")).toBeNull();
    const posting = await createPosting(member, {
      enterpriseId: member.enterpriseIds[0],
      title: "迁移测试岗位",
      headcount: 1,
      salaryMin: 5000,
      salaryMax: 6000,
      education: "none",
      experience: "none",
      jobType: "full_time",
      location: "仙降街道",
      description: "迁移测试",
      benefits: null,
      contact: "人事部",
      closesOn: "2099-12-31",
    });
    if (!posting.ok) throw new Error(posting.error);
    expect((await applyToPosting(a, posting.id, null)).ok).toBe(true);
    expect((await findResume(member, "old-seeker-a"))?.id).toBe(own!.id);
  });

  it("replaces a moved résumé: the old row and its bytes go, the new one is a checked upload", async () => {
    const a = actorOf("seeker", { userId: "old-seeker-a" });
    const profile = { fullName: "甲", phone: "13800000001", school: null, major: null, graduationYear: null, education: "high_school" as const, skills: null };
    expect(await saveProfile(a, profile, { name: "新简历.doc", bytes: docBytes })).toEqual({ ok: true });
    const db = await getDb();
    const mine = await db.select().from(files).where(eq(files.ownerId, "old-seeker-a"));
    expect(mine.map((f) => [f.originalName, f.contentType, f.size])).toEqual([["新简历.doc", "application/msword", 600 + 8]]);
    expect(mine[0].safeName).toMatch(/^[0-9a-f]{32}\.doc$/);
    expect(readdirSync(uploadDirectory())).not.toContain("0123456789abcdef0123456789abcdef.pdf");
    expect(Buffer.from(await (await sendFile((await findResume(a, "old-seeker-a"))!)).arrayBuffer())).toEqual(docBytes);
  });
});
