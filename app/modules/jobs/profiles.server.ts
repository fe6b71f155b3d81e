import { createHash } from "node:crypto";
import { readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { files, type FileRow } from "../../../db/schema/files";
import { jobApplications, jobPostings, seekerProfiles } from "../../../db/schema/jobs";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";
import {
  deleteFiles,
  discardUploads,
  findFile,
  recordUploads,
  removeStoredFiles,
  stageBytes,
  uploadDirectory,
  type StagedUpload,
} from "../../lib/uploads.server";
import type { ProfileInput } from "./forms";
import { RESUME_KINDS, RESUME_MAX_BYTES, RESUME_OWNER_KIND } from "./resumes";

/** The seeker's profile, prefilled from the account when none is saved yet. */
export async function getMyProfile(actor: NonNullable<Actor>) {
  const db = await getDb();
  const [row] = await db
    .select({ p: seekerProfiles, resumeName: files.originalName, resumeSize: files.size })
    .from(seekerProfiles)
    .leftJoin(files, eq(files.id, seekerProfiles.resumeFileId))
    .where(eq(seekerProfiles.userId, actor.userId));
  if (row) {
    const { resumeFileId, ...p } = row.p;
    return {
      saved: true,
      profile: { ...p, hasResume: Boolean(resumeFileId && row.resumeName), resumeOriginalName: row.resumeName, resumeSize: row.resumeSize },
    };
  }
  const [u] = await db.select({ name: users.displayName, phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  return {
    saved: false,
    profile: {
      fullName: u?.name ?? "",
      phone: u?.phone ?? "",
      school: null,
      major: null,
      graduationYear: null,
      education: "high_school" as const,
      skills: null,
      hasResume: false,
      resumeOriginalName: null,
      resumeSize: null,
    },
  };
}

/** A résumé as received by the profile form (staged by the uploads module), or bytes already in memory (demo data, tests). */
export type ResumeUpload = StagedUpload | { name: string; bytes: Uint8Array } | null;
export type SaveProfileError = "resumeTooLarge" | "resumeType" | "notFound";

const isResumeKind = (kind: string) => (RESUME_KINDS as readonly string[]).includes(kind);

/**
 * Saves the profile, and a new résumé when one is given: 5 MB at most, PDF or Word by its first
 * bytes and name. The résumé becomes a row of the shared files table owned by the seeker; a
 * replaced one is deleted (row in the transaction, bytes after it).
 */
export async function saveProfile(
  actor: Actor,
  input: ProfileInput,
  resume: ResumeUpload,
  ip: string | null = null,
): Promise<{ ok: true } | { ok: false; error: SaveProfileError }> {
  let staged: StagedUpload | null = null;
  if (resume && "bytes" in resume) {
    if (resume.bytes.length > 0) {
      if (resume.bytes.length > RESUME_MAX_BYTES) return { ok: false, error: "resumeTooLarge" };
      try {
        staged = await stageBytes(resume.name, resume.bytes, { maxFileBytes: RESUME_MAX_BYTES, allowed: RESUME_KINDS, field: "resume" });
      } catch {
        return { ok: false, error: "resumeType" };
      }
    }
  } else if (resume) {
    staged = resume;
  }
  if (!actor || actor.role !== "seeker") {
    if (staged) await discardUploads([staged]);
    return { ok: false, error: "notFound" };
  }
  // A staged file was checked against the route's options: the résumé's own limits hold whatever they were.
  if (staged && (staged.size > RESUME_MAX_BYTES || !isResumeKind(staged.kind))) {
    await discardUploads([staged]);
    return { ok: false, error: staged.size > RESUME_MAX_BYTES ? "resumeTooLarge" : "resumeType" };
  }
  const owner = { ownerKind: RESUME_OWNER_KIND, ownerId: actor.userId, actor, ip };
  const db = await getDb();
  let replaced: FileRow[] = [];
  try {
    replaced = await db.transaction(async (tx) => {
      const [before] = await tx.select().from(seekerProfiles).where(eq(seekerProfiles.userId, actor.userId)).for("update");
      const [file] = staged ? await recordUploads(tx, [staged], owner) : [];
      const values = { ...input, updatedAt: new Date(), ...(file ? { resumeFileId: file.id } : {}) };
      if (before) await tx.update(seekerProfiles).set(values).where(eq(seekerProfiles.userId, actor.userId));
      else await tx.insert(seekerProfiles).values({ userId: actor.userId, ...values });
      await appendAudit(tx, {
        actor,
        action: "seeker_profile.save",
        entityType: "seeker_profile",
        entityId: actor.userId,
        before: before ?? null,
        after: { ...input, resume: file ? { fileId: file.id, name: file.originalName, size: file.size } : undefined },
        ip,
      });
      return file && before?.resumeFileId ? deleteFiles(tx, [before.resumeFileId], owner) : [];
    });
  } catch (error) {
    if (staged) await discardUploads([staged]);
    throw error;
  }
  await removeStoredFiles(replaced);
  return { ok: true };
}

/**
 * A seeker's résumé (its files row) for download: the seeker itself, or a member of an
 * enterprise the seeker applied to. Anyone else gets null (404), whether or not a file exists.
 */
export async function findResume(actor: Actor, seekerUserId: string): Promise<FileRow | null> {
  if (!actor) return null;
  const db = await getDb();
  let allowed = actor.role === "seeker" && actor.userId === seekerUserId;
  if (!allowed && actor.role === "member" && actor.enterpriseIds.length > 0) {
    const [link] = await db
      .select({ id: jobApplications.id })
      .from(jobApplications)
      .innerJoin(jobPostings, eq(jobPostings.id, jobApplications.postingId))
      .where(and(eq(jobApplications.seekerUserId, seekerUserId), inArray(jobPostings.enterpriseId, actor.enterpriseIds)))
      .limit(1);
    allowed = Boolean(link);
  }
  if (!allowed) return null;
  const [p] = await db.select({ fileId: seekerProfiles.resumeFileId }).from(seekerProfiles).where(eq(seekerProfiles.userId, seekerUserId));
  if (!p?.fileId) return null;
  // Scoped by owner as well as by id: a row of another owner is never sent.
  return findFile(p.fileId, { ownerKind: RESUME_OWNER_KIND, ownerId: seekerUserId });
}

/** The old home of résumé bytes, before they moved onto the shared uploads module. */
export function legacyResumeDirectory(): string {
  return path.join(uploadDirectory(), "resumes");
}

/**
 * Finishes migration 0009_resumes_files at start-up: résumé rows it moved into the files table
 * (sha256 '') get their bytes moved from <uploads>/resumes/ to the upload directory, and their
 * size and SHA-256 from those bytes. Idempotent; a row whose bytes are gone stays as it is (its
 * download answers 404, as before). Returns how many were moved.
 */
export async function adoptLegacyResumeFiles(): Promise<number> {
  const db = await getDb();
  const pending = await db
    .select()
    .from(files)
    .where(and(eq(files.ownerKind, RESUME_OWNER_KIND), eq(files.sha256, "")));
  let moved = 0;
  for (const row of pending) {
    const name = path.basename(row.safeName);
    const target = path.join(uploadDirectory(), name);
    const source = path.join(legacyResumeDirectory(), name);
    const from = (await stat(source).catch(() => null)) ? source : (await stat(target).catch(() => null)) ? target : null;
    if (!from) continue;
    const bytes = await readFile(from);
    if (from !== target) await rename(from, target);
    await db
      .update(files)
      .set({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength })
      .where(eq(files.id, row.id));
    moved++;
  }
  return moved;
}
