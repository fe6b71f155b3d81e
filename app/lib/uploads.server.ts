/**
 * File uploads for every capability: receive, check, store, record, and send back.
 *
 *   // in an action (the form has encType="multipart/form-data" and <input type="file" name="file">):
 *   const received = await receiveUploads(request, { field: "file", maxFiles: 5, maxFileBytes: 10 * MB });
 *   if (!received.ok) return data({ errors: { file: `uploads:errors.${received.error}` } }, { status: received.status });
 *   const parsed = parseForm(schema, received.fields);          // the other fields of the form
 *   if (!parsed.ok) { await discardUploads(received.files); return data(...400) }
 *   await db.transaction(async (tx) => {
 *     const ticket = ...insert...;
 *     const rows = await recordUploads(tx, received.files, { ownerKind: "ticket", ownerId: ticket.id, actor, ip });
 *   });                                                           // on error: discardUploads(received.files)
 *   // or, when the owner record exists already: saveUpload(request, { ownerKind, ownerId, actor, ...limits })
 *
 *   // in a loader, AFTER checking that the actor may see the owner record (scope by owner, 404 otherwise):
 *   const row = await findFile(fileId, { ownerKind: "ticket", ownerId: String(ticket.id) });
 *   if (!row) notFound();
 *   return sendFile(row);   // attachment; filename*=UTF-8''...; nosniff; sandboxed
 *
 * What it guarantees:
 * - size: a Content-Length above the limit is refused before the body is read (413); while
 *   streaming, every byte is counted and a file or field over its limit stops the upload at
 *   once (the rest of the body is never read, nothing is kept);
 * - type: decided from the file's first bytes (PDF, PNG, JPEG, DOCX/XLSX zip, UTF-8 text for
 *   .txt/.csv by default; GIF, WebP, PPTX, ZIP and legacy Office DOC/XLS/PPT when a caller allows
 *   them) and the name's extension must agree; the client's Content-Type is ignored;
 * - storage: under UPLOAD_DIR (default DATA_DIR/uploads) with a random name, or with
 *   FILE_STORE=database in the file_contents table (written in the recording transaction), so
 *   that every machine of a multi-machine portal reads them; the original name is kept only in
 *   the `files` row (db/schema/files.ts) with size and SHA-256;
 * - download: Content-Disposition: attachment with an RFC 5987 UTF-8 name,
 *   X-Content-Type-Options: nosniff and a sandboxing CSP, never inline.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createReadableStreamFromReadable, unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "../../db/client.server";
import { fileContents, files, type FileRow } from "../../db/schema/files";
import { appendAudit } from "./audit.server";
import { settings } from "./env.server";
import type { Actor } from "./permissions";

export const KB = 1024;
export const MB = 1024 * 1024;
/**
 * The HTTP server's ceiling for any multipart body (app/server.js refuses more with 413, declared
 * or streamed); each form's own limit (maxFiles × maxFileBytes + 1 MB) is lower: the largest is a
 * dispute's evidence, 10 files of 10 MB + 1 MB (tests/unit/body-limits.test.ts checks them all).
 */
export const MULTIPART_BODY_LIMIT = 128 * MB;

export const fileKinds = {
  pdf: { contentType: "application/pdf", extensions: ["pdf"] },
  png: { contentType: "image/png", extensions: ["png"] },
  jpeg: { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  txt: { contentType: "text/plain; charset=utf-8", extensions: ["txt"] },
  csv: { contentType: "text/csv; charset=utf-8", extensions: ["csv"] },
  // Only where a caller names them in `allowed` (problem attachments; résumés take doc):
  gif: { contentType: "image/gif", extensions: ["gif"] },
  webp: { contentType: "image/webp", extensions: ["webp"] },
  pptx: { contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  zip: { contentType: "application/zip", extensions: ["zip"] },
  doc: { contentType: "application/msword", extensions: ["doc"] },
  xls: { contentType: "application/vnd.ms-excel", extensions: ["xls"] },
  ppt: { contentType: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
} as const;
export type FileKind = keyof typeof fileKinds;
export const allFileKinds = Object.keys(fileKinds) as FileKind[];
/** What receiveUploads accepts when the caller does not say (`allowed`). */
export const defaultFileKinds: readonly FileKind[] = ["pdf", "png", "jpeg", "docx", "xlsx", "txt", "csv"];

export type UploadOptions = {
  /** The name of the file input (default "file"); files under other names are refused. */
  field?: string;
  maxFiles?: number;
  maxFileBytes?: number;
  /** Default: defaultFileKinds. */
  allowed?: readonly FileKind[];
  /** Limit for each ordinary text field of the same form (default 100 KB). */
  maxFieldBytes?: number;
};

/** A typed refusal; `status` is what the route should answer (413 too large, 415 wrong type, 400 otherwise). */
export type UploadError = "notMultipart" | "tooLarge" | "tooManyFiles" | "typeNotAllowed" | "fieldTooLarge" | "unexpectedFile" | "malformed";

export type StagedUpload = {
  field: string;
  safeName: string;
  path: string;
  originalName: string;
  kind: FileKind;
  contentType: string;
  size: number;
  sha256: string;
};

/**
 * A refusal carries `fields` when text fields were read before it (those that come before the
 * refused file in the form): the page can be shown again with what was typed.
 */
export type ReceiveResult =
  { ok: true; fields: FormData; files: StagedUpload[] } | { ok: false; error: UploadError; status: 400 | 413 | 415; fields?: FormData };

class UploadFailure extends Error {
  constructor(readonly error: UploadError) {
    super(error);
  }
}

const statusOf: Record<UploadError, 400 | 413 | 415> = {
  notMultipart: 400,
  tooLarge: 413,
  tooManyFiles: 413,
  fieldTooLarge: 413,
  typeNotAllowed: 415,
  unexpectedFile: 400,
  malformed: 400,
};

/** Where files are kept: UPLOAD_DIR, else DATA_DIR/uploads (a temp directory for an in-memory database). */
export function uploadDirectory(): string {
  const s = settings();
  const dir = s.UPLOAD_DIR ?? (s.DATA_DIR.includes("://") ? path.join(os.tmpdir(), "yunjiang-uploads") : path.join(s.DATA_DIR, "uploads"));
  return path.resolve(dir);
}

/** Decides the kind of a file from its first bytes and its extension; null when they do not agree. */
export function detectKind(head: Uint8Array, originalName: string): FileKind | null {
  const ext = path.extname(originalName).slice(1).toLowerCase();
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const starts = (...bytes: number[]) => bytes.every((v, i) => b[i] === v);
  let kind: FileKind | null = null;
  if (b.subarray(0, 5).toString("latin1") === "%PDF-") kind = "pdf";
  else if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) kind = "png";
  else if (starts(0xff, 0xd8, 0xff)) kind = "jpeg";
  else if (["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1"))) kind = "gif";
  else if (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") kind = "webp";
  else if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // An Office Open XML file is a zip whose first entries name its parts.
    const names = b.toString("latin1");
    const office = names.includes("[Content_Types].xml") || names.includes("word/") || names.includes("xl/") || names.includes("ppt/");
    if (office && ext === "docx") kind = "docx";
    else if (office && ext === "xlsx") kind = "xlsx";
    else if (office && ext === "pptx") kind = "pptx";
    else if (!office && ext === "zip") kind = "zip";
  } else if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    // Legacy Office (OLE compound file): Word, Excel and PowerPoint share the signature.
    if (ext === "doc" || ext === "xls" || ext === "ppt") kind = ext;
  } else if ((ext === "txt" || ext === "csv") && b.length > 0 && isUtf8Text(b)) {
    kind = ext;
  }
  if (!kind) return null;
  return (fileKinds[kind].extensions as readonly string[]).includes(ext) ? kind : null;
}

function isUtf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The original name made harmless for the row and the download header (no path, no controls, at most 200 characters). */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "_")
    .replace(/^\.+/, "")
    .trim();
  const limited = [...cleaned].slice(-200).join("");
  return limited || "file";
}

/** A request body that errors as soon as more than `limit` bytes have come through. */
function limitedBody(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new UploadFailure("tooLarge"));
        else controller.enqueue(chunk);
      },
    }),
  );
}

async function readField(part: UploadHandlerPart, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.data) {
    size += chunk.byteLength;
    if (size > limit) throw new UploadFailure("fieldTooLarge");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a multipart request: files of `field` are checked and staged on disk, other fields
 * come back as FormData. Nothing is recorded in the database yet (see recordUploads).
 */
export async function receiveUploads(request: Request, options: UploadOptions = {}): Promise<ReceiveResult> {
  const field = options.field ?? "file";
  const maxFiles = options.maxFiles ?? 5;
  const maxFileBytes = options.maxFileBytes ?? 10 * MB;
  const maxFieldBytes = options.maxFieldBytes ?? 100 * KB;
  const allowed = new Set(options.allowed ?? defaultFileKinds);
  // Files, plus room for the other fields and the multipart framing.
  const maxBody = maxFiles * maxFileBytes + 1 * MB;

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType) || !request.body) return { ok: false, error: "notMultipart", status: 400 };
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBody) return { ok: false, error: "tooLarge", status: 413 };

  const dir = uploadDirectory();
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const staged: StagedUpload[] = [];
  const partials = new Set<string>();
  const fieldsSoFar = new FormData();

  const handler = async (part: UploadHandlerPart): Promise<string | undefined> => {
    if (part.filename === undefined) {
      const value = await readField(part, maxFieldBytes);
      fieldsSoFar.append(part.name, value);
      return value;
    }
    if (part.name !== field) throw new UploadFailure("unexpectedFile");
    if (part.filename === "") {
      // An empty file input (nothing chosen): drain it, no file.
      for await (const _ of part.data) void _;
      return undefined;
    }
    if (staged.length >= maxFiles) throw new UploadFailure("tooManyFiles");
    const originalName = cleanFileName(part.filename);
    const safeBase = randomBytes(16).toString("hex");
    const partial = path.join(dir, `${safeBase}.partial`);
    partials.add(partial);
    const out = createWriteStream(partial, { flags: "wx", mode: 0o640 });
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    try {
      for await (const chunk of part.data) {
        size += chunk.byteLength;
        if (size > maxFileBytes) throw new UploadFailure("tooLarge");
        if (headSize < 8 * KB) {
          head.push(Buffer.from(chunk.subarray(0, 8 * KB - headSize)));
          headSize += Math.min(chunk.byteLength, 8 * KB - headSize);
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, "drain");
      }
    } finally {
      out.end();
      await once(out, "close");
    }
    const kind = detectKind(Buffer.concat(head), originalName);
    if (!kind || !allowed.has(kind)) throw new UploadFailure("typeNotAllowed");
    const safeName = `${safeBase}.${fileKinds[kind].extensions[0]}`;
    const finalPath = path.join(dir, safeName);
    await rename(partial, finalPath);
    partials.delete(partial);
    staged.push({ field, safeName, path: finalPath, originalName, kind, contentType: fileKinds[kind].contentType, size, sha256: hash.digest("hex") });
    return undefined;
  };

  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitedBody(request.body, maxBody),
    // Node's fetch needs duplex for a streamed body.
    duplex: "half",
  } as RequestInit);
  try {
    const formData = await unstable_parseMultipartFormData(limited, handler);
    return { ok: true, fields: formData, files: staged };
  } catch (error) {
    await Promise.all([...partials].map((p) => rm(p, { force: true })));
    await discardUploads(staged);
    const failure =
      error instanceof UploadFailure
        ? error
        : (error as { cause?: unknown })?.cause instanceof UploadFailure
          ? (error as { cause: UploadFailure }).cause
          : null;
    const code: UploadError = failure?.error ?? "malformed";
    return { ok: false, error: code, status: statusOf[code], ...([...fieldsSoFar.keys()].length ? { fields: fieldsSoFar } : {}) };
  }
}

/**
 * For seeds and tests: stages bytes as if they had been uploaded (the same kind and size checks;
 * throws on a refusal), to be recorded with recordUploads like a received file.
 */
export async function stageBytes(
  originalName: string,
  bytes: Uint8Array,
  options: Pick<UploadOptions, "field" | "maxFileBytes" | "allowed"> = {},
): Promise<StagedUpload> {
  const name = cleanFileName(originalName);
  const kind = detectKind(bytes.subarray(0, 8 * KB), name);
  if (!kind || !(options.allowed ?? defaultFileKinds).includes(kind)) throw new Error(`stageBytes: ${name} is not an allowed kind of file`);
  if (bytes.byteLength > (options.maxFileBytes ?? 10 * MB)) throw new Error(`stageBytes: ${name} is too large`);
  const dir = uploadDirectory();
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const safeName = `${randomBytes(16).toString("hex")}.${fileKinds[kind].extensions[0]}`;
  const filePath = path.join(dir, safeName);
  await writeFile(filePath, bytes, { flag: "wx", mode: 0o640 });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return {
    field: options.field ?? "file",
    safeName,
    path: filePath,
    originalName: name,
    kind,
    contentType: fileKinds[kind].contentType,
    size: bytes.byteLength,
    sha256,
  };
}

/** Removes staged files that will not be recorded (the form was refused, the transaction failed). */
export async function discardUploads(staged: StagedUpload[]): Promise<void> {
  await Promise.all(staged.map((f) => rm(f.path, { force: true })));
}

/** `at`: the time to record (default: the transaction's); seeds and commands with a clock pass theirs. */
export type Owner = { ownerKind: string; ownerId: string | number; actor: Actor; ip?: string | null; at?: Date };

/**
 * Deletes an owner's file rows inside the caller's transaction (with an audit event each) and
 * returns them; remove their bytes with removeStoredFiles once the transaction has committed.
 */
export async function deleteFiles(tx: Executor, ids: string[], owner: Owner): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .delete(files)
    .where(and(inArray(files.id, ids), eq(files.ownerKind, owner.ownerKind), eq(files.ownerId, String(owner.ownerId))))
    .returning();
  for (const row of rows) {
    await appendAudit(tx, {
      actor: owner.actor,
      action: "file.delete",
      entityType: owner.ownerKind,
      entityId: owner.ownerId,
      before: { fileId: row.id, name: row.originalName, size: row.size, sha256: row.sha256 },
      ip: owner.ip,
    });
  }
  return rows;
}

/** Removes the bytes of deleted file rows from the upload directory. */
export async function removeStoredFiles(rows: FileRow[]): Promise<void> {
  await Promise.all(rows.map((r) => rm(path.join(uploadDirectory(), path.basename(r.safeName)), { force: true })));
}

/** Records staged files for their owner inside the caller's transaction (with an audit event each). */
export async function recordUploads(tx: Executor, staged: StagedUpload[], owner: Owner): Promise<FileRow[]> {
  if (staged.length === 0) return [];
  const rows = await tx
    .insert(files)
    .values(
      staged.map((f) => ({
        id: randomUUID(),
        ownerKind: owner.ownerKind,
        ownerId: String(owner.ownerId),
        originalName: f.originalName,
        safeName: f.safeName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        createdBy: owner.actor?.userId ?? null,
        ...(owner.at ? { createdAt: owner.at } : {}),
      })),
    )
    .returning();
  if (settings().FILE_STORE === "database") {
    // The bytes go into the same transaction as the row; the staged copy on this machine's disk
    // is not needed any more (a rollback leaves neither).
    for (const row of rows) {
      const stagedFile = staged.find((f) => f.safeName === row.safeName)!;
      await tx.insert(fileContents).values({ fileId: row.id, bytes: await readFile(stagedFile.path) });
    }
    await discardUploads(staged);
  }
  for (const row of rows) {
    await appendAudit(tx, {
      actor: owner.actor,
      action: "file.upload",
      entityType: owner.ownerKind,
      entityId: owner.ownerId,
      after: { fileId: row.id, name: row.originalName, size: row.size, contentType: row.contentType, sha256: row.sha256 },
      ip: owner.ip,
    });
  }
  return rows;
}

export type SaveResult = { ok: true; files: FileRow[]; fields: FormData } | { ok: false; error: UploadError; status: 400 | 413 | 415 };

/** receiveUploads + recordUploads in one transaction, for an owner record that exists already. */
export async function saveUpload(request: Request, opts: UploadOptions & Owner): Promise<SaveResult> {
  const received = await receiveUploads(request, opts);
  if (!received.ok) return received;
  try {
    const db = await getDb();
    const rows = await db.transaction((tx) => recordUploads(tx, received.files, opts));
    return { ok: true, files: rows, fields: received.fields };
  } catch (error) {
    await discardUploads(received.files);
    throw error;
  }
}

/** The file row with this id IF it belongs to the given owner (scope by owner: never by id alone). */
export async function findFile(id: string, owner: { ownerKind: string; ownerId: string | number }): Promise<FileRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), eq(files.ownerKind, owner.ownerKind), eq(files.ownerId, String(owner.ownerId))));
  return row ?? null;
}

export async function filesOf(owner: { ownerKind: string; ownerId: string | number }): Promise<FileRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(files)
    .where(and(eq(files.ownerKind, owner.ownerKind), eq(files.ownerId, String(owner.ownerId))))
    .orderBy(files.createdAt, files.originalName);
}

/** Content-Disposition for a download: an ASCII fallback and the exact UTF-8 name (RFC 6266/5987). */
export function contentDisposition(originalName: string): string {
  const name = cleanFileName(originalName);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Answers with the file as an attachment (the caller has checked that the actor may see it). */
export async function sendFile(row: FileRow): Promise<Response> {
  const body = await storedBytes(row);
  if (!body) return new Response("Not Found", { status: 404 });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": row.contentType,
      "Content-Length": String(row.size),
      "Content-Disposition": contentDisposition(row.originalName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The stored bytes of a file: from the database (FILE_STORE=database), else from UPLOAD_DIR. A
 * file stored on disk before the switch to the database store is still read from disk.
 */
async function storedBytes(row: FileRow): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null> {
  if (settings().FILE_STORE === "database") {
    const db = await getDb();
    const [content] = await db.select({ bytes: fileContents.bytes }).from(fileContents).where(eq(fileContents.fileId, row.id));
    if (content) return new Uint8Array(content.bytes);
  }
  const filePath = path.join(uploadDirectory(), path.basename(row.safeName));
  try {
    await stat(filePath);
  } catch {
    return null;
  }
  return createReadableStreamFromReadable(createReadStream(filePath));
}
