/**
 * Documents of loan applications on the shared uploads module: at most 5 files of 10 MB, PDF,
 * images and Office documents (decided by the bytes), owned by ("finance_application", id).
 */
import { receiveUploads, type FileKind, type StagedUpload, type UploadError } from "../../lib/uploads.server";
import { DOCUMENT_FIELD, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "./constants";

export const documentKinds: readonly FileKind[] = ["pdf", "png", "jpeg", "docx", "xlsx", "doc", "xls"];
const options = { field: DOCUMENT_FIELD, maxFiles: MAX_DOCUMENTS, maxFileBytes: MAX_DOCUMENT_BYTES, allowed: documentKinds };

const messageOf: Partial<Record<UploadError, string>> = {
  tooLarge: "finance:errors.fileTooBig",
  tooManyFiles: "finance:errors.tooManyFiles",
  typeNotAllowed: "finance:errors.fileType",
};

export type DocumentFormResult =
  { ok: true; fields: FormData; files: StagedUpload[] } | { ok: false; error: string; status: 400 | 413 | 415; fields: FormData | null };

/** Reads a form that may carry documents: staged (record them, or discardUploads them); urlencoded forms as they are. */
export async function receiveDocumentForm(request: Request): Promise<DocumentFormResult> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return { ok: true, fields: await request.formData(), files: [] };
  }
  const received = await receiveUploads(request, options);
  if (received.ok) return received;
  return { ok: false, error: messageOf[received.error] ?? `uploads:errors.${received.error}`, status: received.status, fields: received.fields ?? null };
}
