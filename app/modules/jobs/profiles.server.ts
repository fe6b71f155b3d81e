import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { jobApplications, jobPostings, seekerProfiles } from "../../../db/schema/jobs";
import { appendAudit } from "../../lib/audit.server";
import { settings } from "../../lib/env.server";
import type { Actor } from "../../lib/permissions";
import type { ProfileInput } from "./schema";
import { RESUME_MAX_BYTES, resumeKindOf, safeResumeName } from "./resumes";

function uploadsDir(): string {
  const s = settings();
  if (s.UPLOAD_DIR) return path.resolve(s.UPLOAD_DIR, "resumes");
  const base = s.DATA_DIR.startsWith("memory://") ? path.join(os.tmpdir(), "yunjiang-test-data") : s.DATA_DIR;
  return path.resolve(base, "uploads", "resumes");
}

/** The seeker's profile, prefilled from the account when none is saved yet. */
export async function getMyProfile(actor: NonNullable<Actor>) {
  const db = await getDb();
  const [p] = await db.select().from(seekerProfiles).where(eq(seekerProfiles.userId, actor.userId));
  if (p) return { saved: true, profile: { ...p, resumeStoredName: undefined, hasResume: Boolean(p.resumeStoredName) } };
  const [u] = await db.select({ name: users.displayName, phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  return { saved: false, profile: { fullName: u?.name ?? "", phone: u?.phone ?? "", school: null, major: null, graduationYear: null, education: "high_school" as const, skills: null, hasResume: false, resumeOriginalName: null, resumeSize: null } };
}

export type ResumeUpload = { name: string; bytes: Uint8Array } | null;

/** Saves the profile, and a new résumé when one is given (checked by size and first bytes). */
export async function saveProfile(actor: Actor, input: ProfileInput, resume: ResumeUpload, ip: string | null = null): Promise<{ ok: true } | { ok: false; error: "resumeTooLarge" | "resumeType" | "notFound" }> {
  if (!actor || actor.role !== "seeker") return { ok: false, error: "notFound" };
  let file: { stored: string; original: string; mime: string; size: number } | null = null;
  if (resume && resume.bytes.length > 0) {
    if (resume.bytes.length > RESUME_MAX_BYTES) return { ok: false, error: "resumeTooLarge" };
    const kind = resumeKindOf(resume.bytes);
    if (!kind) return { ok: false, error: "resumeType" };
    const stored = `${randomBytes(16).toString("hex")}.${kind.ext}`;
    await mkdir(uploadsDir(), { recursive: true });
    await writeFile(path.join(uploadsDir(), stored), resume.bytes, { flag: "wx" });
    file = { stored, original: safeResumeName(resume.name, kind), mime: kind.mime, size: resume.bytes.length };
  }
  const db = await getDb();
  const replaced = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(seekerProfiles).where(eq(seekerProfiles.userId, actor.userId)).for("update");
    const values = {
      ...input,
      updatedAt: new Date(),
      ...(file ? { resumeStoredName: file.stored, resumeOriginalName: file.original, resumeMime: file.mime, resumeSize: file.size } : {}),
    };
    if (before) await tx.update(seekerProfiles).set(values).where(eq(seekerProfiles.userId, actor.userId));
    else await tx.insert(seekerProfiles).values({ userId: actor.userId, ...values });
    await appendAudit(tx, {
      actor,
      action: "seeker_profile.save",
      entityType: "seeker_profile",
      entityId: actor.userId,
      before: before ? { ...before, resumeStoredName: undefined } : null,
      after: { ...input, resume: file ? { name: file.original, size: file.size } : undefined },
      ip,
    });
    return file && before?.resumeStoredName ? before.resumeStoredName : null;
  });
  if (replaced) await rm(path.join(uploadsDir(), path.basename(replaced)), { force: true });
  return { ok: true };
}

/**
 * A seeker's résumé for download: the seeker itself, or a member of an enterprise the seeker
 * applied to. Anyone else gets null (404), whether or not the file exists.
 */
export async function readResume(actor: Actor, seekerUserId: string): Promise<{ name: string; mime: string; bytes: Buffer } | null> {
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
  const [p] = await db.select().from(seekerProfiles).where(eq(seekerProfiles.userId, seekerUserId));
  if (!p?.resumeStoredName) return null;
  try {
    const bytes = await readFile(path.join(uploadsDir(), path.basename(p.resumeStoredName)));
    return { name: p.resumeOriginalName ?? "resume", mime: p.resumeMime ?? "application/octet-stream", bytes };
  } catch {
    return null;
  }
}
