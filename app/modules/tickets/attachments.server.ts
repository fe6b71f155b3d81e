/**
 * Attachments of problems, against a minimal interface (the shared app/lib/uploads.server.ts
 * will replace it): streamed to disk with a size limit, at most 5 files, random stored names
 * under DATA_DIR/uploads, content type decided by magic bytes (never the browser's word),
 * served only as downloads.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { settings } from "../../lib/env.server";

import { ATTACHMENT_FIELD, MAX_FILE_BYTES, MAX_FILES } from "./constants";

export { ATTACHMENT_FIELD, MAX_FILE_BYTES, MAX_FILES };

export type StoredFile = { storedName: string; originalName: string; contentType: string; size: number };

export function uploadDir(): string {
  const s = settings();
  if (s.UPLOAD_DIR) return path.resolve(s.UPLOAD_DIR);
  if (s.DATA_DIR.startsWith("memory://")) return path.join(os.tmpdir(), "yunjiang-uploads");
  return path.resolve(s.DATA_DIR, "uploads");
}

const signatures: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "application/pdf", test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  { type: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", test: (b) => ["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1")) },
  { type: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  // Office documents (docx, xlsx, pptx) and zip archives.
  { type: "application/zip", test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
  // Legacy Office (doc, xls).
  { type: "application/x-ole-storage", test: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) },
];

export function sniffContentType(head: Buffer): string | null {
  return signatures.find((s) => s.test(head))?.type ?? null;
}

export class UploadError extends Error {
  constructor(public readonly key: "tickets:errors.fileTooBig" | "tickets:errors.tooManyFiles" | "tickets:errors.fileType") {
    super(key);
  }
}

/**
 * Parses a multipart form: attachment parts are streamed to disk (refused beyond the limits or
 * of an unknown type, and then every file already written is removed); other fields stay text.
 */
export async function parseTicketForm(request: Request): Promise<{ formData: FormData; files: StoredFile[] } | { error: UploadError["key"]; formData: FormData | null }> {
  // A form without files (or posted without JavaScript as urlencoded) has nothing to stream.
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return { formData: await request.formData(), files: [] };
  }
  const dir = uploadDir();
  mkdirSync(dir, { recursive: true });
  const files: StoredFile[] = [];
  let failure: UploadError | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== ATTACHMENT_FIELD) {
      let text = "";
      const decoder = new TextDecoder();
      for await (const chunk of data) {
        text += decoder.decode(chunk, { stream: true });
        if (text.length > 20_000) break;
      }
      return text + decoder.decode();
    }
    if (!filename) {
      for await (const _ of data) void _;
      return undefined;
    }
    if (failure || files.length >= MAX_FILES) {
      failure ??= new UploadError("tickets:errors.tooManyFiles");
      for await (const _ of data) void _;
      return undefined;
    }
    const storedName = randomBytes(16).toString("hex");
    const target = path.join(dir, storedName);
    let size = 0;
    const out = createWriteStream(target, { flags: "wx", mode: 0o600 });
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > MAX_FILE_BYTES) throw new UploadError("tickets:errors.fileTooBig");
        if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const handle = await open(target, "r");
      const head = Buffer.alloc(16);
      await handle.read(head, 0, 16, 0);
      await handle.close();
      const contentType = sniffContentType(head);
      if (!contentType) throw new UploadError("tickets:errors.fileType");
      files.push({ storedName, originalName: path.basename(filename).slice(0, 200), contentType, size });
    } catch (error) {
      // Wait for the stream to close: its file may still be opening, and would appear after the rm.
      if (!out.closed) await new Promise<void>((resolve) => {
        out.once("close", () => resolve());
        out.destroy();
      });
      await rm(target, { force: true });
      if (!(error instanceof UploadError)) throw error;
      failure = error;
      for await (const _ of data) void _;
    }
    return storedName;
  };
  let formData: FormData | null = null;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    await discardFiles(files);
    throw error;
  }
  if (failure) {
    await discardFiles(files);
    return { error: (failure as UploadError).key, formData };
  }
  return { formData, files };
}

export async function discardFiles(files: StoredFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(path.join(uploadDir(), f.storedName), { force: true })));
}

/** A download response: always an attachment, never rendered inline by the browser. */
export async function downloadResponse(file: StoredFile): Promise<Response> {
  if (!/^[0-9a-f]{32}$/.test(file.storedName)) throw new Response("Not Found", { status: 404 });
  const full = path.join(uploadDir(), file.storedName);
  const info = await stat(full).catch(() => null);
  if (!info) throw new Response("Not Found", { status: 404 });
  const ascii = file.originalName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(Readable.toWeb(createReadStream(full)) as ReadableStream, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(info.size),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** For the demo data and tests: writes bytes as a stored file. */
export async function storeBytes(originalName: string, bytes: Buffer): Promise<StoredFile> {
  const contentType = sniffContentType(bytes.subarray(0, 16));
  if (!contentType) throw new UploadError("tickets:errors.fileType");
  if (bytes.byteLength > MAX_FILE_BYTES) throw new UploadError("tickets:errors.fileTooBig");
  const dir = uploadDir();
  mkdirSync(dir, { recursive: true });
  const storedName = randomBytes(16).toString("hex");
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path.join(dir, storedName), { flags: "wx", mode: 0o600 });
    out.on("error", reject);
    out.end(bytes, () => resolve());
  });
  return { storedName, originalName, contentType, size: bytes.byteLength };
}
