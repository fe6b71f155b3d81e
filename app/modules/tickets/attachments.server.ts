/**
 * Attachments of problems: the shared uploads module (app/lib/uploads.server.ts) with the
 * problems' rules: at most 5 files of 10 MB each, of the kinds below (decided by the bytes, the
 * name's extension agreeing), recorded in `files` as owned by ("ticket", problem id). Who may
 * download one is decided by the problem (getAttachment in tickets.server.ts).
 */
import { receiveUploads, stageBytes, type FileKind, type StagedUpload, type UploadError } from "../../lib/uploads.server";
import { ATTACHMENT_FIELD, MAX_FILE_BYTES, MAX_FILES } from "./constants";

export { ATTACHMENT_FIELD, MAX_FILE_BYTES, MAX_FILES };

/** The owner kind of a problem's files. */
export const TICKET_FILE_OWNER = "ticket";

/** PDF, images, Office documents (current and legacy) and ZIP archives. */
export const ticketFileKinds: readonly FileKind[] = ["pdf", "png", "jpeg", "gif", "webp", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "zip"];

const uploadOptions = { field: ATTACHMENT_FIELD, maxFiles: MAX_FILES, maxFileBytes: MAX_FILE_BYTES, allowed: ticketFileKinds };

/** The problems' own words for the refusals they explain; the others are the uploads module's. */
const messageOf: Partial<Record<UploadError, string>> = {
  tooLarge: "tickets:errors.fileTooBig",
  tooManyFiles: "tickets:errors.tooManyFiles",
  typeNotAllowed: "tickets:errors.fileType",
};

export type TicketFormResult =
  { ok: true; fields: FormData; files: StagedUpload[] } | { ok: false; error: string; status: 400 | 413 | 415; fields: FormData | null };

/**
 * Reads the problem form: its files are checked and staged (record them with the problem, or
 * discardUploads them); a refused upload leaves nothing on disk. A form posted without files
 * as urlencoded is read as it is.
 */
export async function receiveTicketForm(request: Request): Promise<TicketFormResult> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return { ok: true, fields: await request.formData(), files: [] };
  }
  const received = await receiveUploads(request, uploadOptions);
  if (received.ok) return received;
  return { ok: false, error: messageOf[received.error] ?? `uploads:errors.${received.error}`, status: received.status, fields: received.fields ?? null };
}

/** For the demo data and tests: bytes staged as a problem attachment (the same checks). */
export function stageTicketFile(originalName: string, bytes: Uint8Array): Promise<StagedUpload> {
  return stageBytes(originalName, bytes, uploadOptions);
}
