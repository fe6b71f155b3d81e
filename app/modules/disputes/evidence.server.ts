/**
 * Evidence of dispute cases: the shared uploads module (app/lib/uploads.server.ts) with the cases'
 * rules (at most 10 files of 10 MB, PDF, images, Office documents, ZIP), recorded in `files` as
 * owned by ("dispute_case", case id). Who may download one is decided by the case (getEvidence).
 */
import { receiveUploads, stageBytes, type FileKind, type StagedUpload, type UploadError } from "../../lib/uploads.server";
import { EVIDENCE_FIELD, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "./constants";

export const CASE_FILE_OWNER = "dispute_case";
export const evidenceKinds: readonly FileKind[] = ["pdf", "png", "jpeg", "gif", "webp", "docx", "xlsx", "doc", "xls", "zip"];
const uploadOptions = { field: EVIDENCE_FIELD, maxFiles: MAX_EVIDENCE_FILES, maxFileBytes: MAX_EVIDENCE_BYTES, allowed: evidenceKinds };

export type EvidenceFormResult =
  { ok: true; fields: FormData; files: StagedUpload[] } | { ok: false; error: string; status: 400 | 413 | 415; fields: FormData | null };

/** Reads a form with evidence: files checked and staged (record them with the case, or discardUploads them). */
export async function receiveEvidenceForm(request: Request): Promise<EvidenceFormResult> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return { ok: true, fields: await request.formData(), files: [] };
  }
  const received = await receiveUploads(request, uploadOptions);
  if (received.ok) return received;
  return { ok: false, error: `uploads:errors.${received.error satisfies UploadError}`, status: received.status, fields: received.fields ?? null };
}

/** For the demo data and tests: bytes staged as evidence (the same checks). */
export function stageEvidence(originalName: string, bytes: Uint8Array): Promise<StagedUpload> {
  return stageBytes(originalName, bytes, uploadOptions);
}
