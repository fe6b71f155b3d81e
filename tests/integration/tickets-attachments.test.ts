import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { files } from "../../db/schema/files";
import { findFile, recordUploads, sendFile, uploadDirectory } from "../../app/lib/uploads.server";
import { MAX_FILE_BYTES, receiveTicketForm, TICKET_FILE_OWNER } from "../../app/modules/tickets/attachments.server";

function formRequest(
  attachments: { name: string; bytes: Buffer; type?: string }[],
  fields: Record<string, string> = { title: "标题" },
  headers: Record<string, string> = {},
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of attachments) fd.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return new Request("http://localhost/tickets/new", { method: "POST", body: fd, headers });
}
const pdf = (extra = 0) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(extra, 0x20)]);
const stored = () => (existsSync(uploadDirectory()) ? readdirSync(uploadDirectory()).length : 0);

describe("ticket attachments (the shared uploads module with the problems' rules)", () => {
  it("stages a PDF under a random name, keeps the other fields, and sends it back as a download once recorded", async () => {
    const result = await receiveTicketForm(formRequest([{ name: "合同.pdf", bytes: pdf(100) }]));
    if (!result.ok) throw new Error(result.error);
    expect(result.fields.get("title")).toBe("标题");
    expect(result.files).toHaveLength(1);
    const [f] = result.files;
    expect(f).toMatchObject({ originalName: "合同.pdf", contentType: "application/pdf", size: 109 });
    expect(f.safeName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(existsSync(path.join(uploadDirectory(), f.safeName))).toBe(true);
    const db = await getDb();
    const [row] = await db.transaction((tx) => recordUploads(tx, result.files, { ownerKind: TICKET_FILE_OWNER, ownerId: 1, actor: null }));
    const res = await sendFile(row);
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=\"__.pdf\"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("accepts images, Office documents and ZIP archives, decided by the bytes", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const result = await receiveTicketForm(
      formRequest([
        { name: "photo.jpg", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
        { name: "anim.gif", bytes: Buffer.from("GIF89a\u0001\u0000") },
        { name: "photo.webp", bytes: Buffer.from("RIFF\u0010\u0000\u0000\u0000WEBPVP8 ") },
        { name: "报表.xls", bytes: ole },
        { name: "扫描件.zip", bytes: Buffer.from("PK\u0003\u0004 scans/page1.png") },
      ]),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.files.map((f) => f.contentType)).toEqual(["image/jpeg", "image/gif", "image/webp", "application/vnd.ms-excel", "application/zip"]);
  });

  it("refuses a file whose bytes are not an allowed type (whatever its name and the browser say), keeping the typed fields", async () => {
    const before = stored();
    const script = await receiveTicketForm(formRequest([{ name: "photo.pdf", bytes: Buffer.from("<script>alert(1)</script>"), type: "application/pdf" }]));
    expect(script).toMatchObject({ ok: false, error: "tickets:errors.fileType", status: 415 });
    expect(!script.ok && script.fields?.get("title")).toBe("标题");
    // Text files are fine elsewhere, not as a problem's attachment.
    expect(await receiveTicketForm(formRequest([{ name: "notes.txt", bytes: Buffer.from("hello") }]))).toMatchObject({
      ok: false,
      error: "tickets:errors.fileType",
    });
    expect(stored()).toBe(before);
  });

  it("refuses a file over 10 MB and removes what was written", async () => {
    const before = stored();
    const result = await receiveTicketForm(
      formRequest([
        { name: "ok.pdf", bytes: pdf(10) },
        { name: "big.pdf", bytes: pdf(MAX_FILE_BYTES) },
      ]),
    );
    expect(result).toMatchObject({ ok: false, error: "tickets:errors.fileTooBig", status: 413 });
    expect(stored()).toBe(before);
  });

  it("refuses a body declared larger than 5 files of 10 MB before reading it", async () => {
    const result = await receiveTicketForm(
      formRequest([{ name: "ok.pdf", bytes: pdf(10) }], { title: "标题" }, { "content-length": String(60 * 1024 * 1024) }),
    );
    expect(result).toMatchObject({ ok: false, error: "tickets:errors.fileTooBig", status: 413 });
  });

  it("refuses a sixth file", async () => {
    const before = stored();
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdf(i) }));
    expect(await receiveTicketForm(formRequest(six))).toMatchObject({ ok: false, error: "tickets:errors.tooManyFiles" });
    expect(stored()).toBe(before);
  });

  it("finds a file only by its id within its problem", async () => {
    expect(await findFile("../../etc/passwd", { ownerKind: TICKET_FILE_OWNER, ownerId: 1 })).toBeNull();
    expect(await findFile("1", { ownerKind: TICKET_FILE_OWNER, ownerId: 1 })).toBeNull();
  });
});

describe("a form without files", () => {
  it("is read as a plain form", async () => {
    const request = new Request("http://localhost/tickets/new", { method: "POST", body: new URLSearchParams({ title: "标题" }) });
    const result = await receiveTicketForm(request);
    if (!result.ok) throw new Error(result.error);
    expect(result.fields.get("title")).toBe("标题");
    expect(result.files).toEqual([]);
  });
});

describe("the migration from ticket_attachments", () => {
  it("moves every row into files, owned by its problem, and the moved files still download", async () => {
    const db = await getDb();
    const migrations = path.resolve("db/migrations");
    // The table as 0006_tickets created it, with rows as the old code stored them.
    const create = readFileSync(path.join(migrations, "0006_tickets.sql"), "utf8")
      .split("--> statement-breakpoint")
      .find((s) => s.includes('CREATE TABLE "ticket_attachments"'))!;
    await db.execute(sql.raw(create));
    const oldName = randomBytes(16).toString("hex");
    writeFileSync(path.join(uploadDirectory(), oldName), pdf(3));
    await db.execute(sql`insert into ticket_attachments (ticket_id, stored_name, original_name, content_type, size, created_at)
      values (7, ${oldName}, '旧合同.pdf', 'application/pdf', 12, '2026-01-05T02:00:00Z'), (8, ${randomBytes(16).toString("hex")}, 'b.zip', 'application/zip', 4, now())`);
    const move = readFileSync(path.join(migrations, "0008_ticket_attachments_files.sql"), "utf8");
    for (const statement of move.split("--> statement-breakpoint")) await db.execute(sql.raw(statement));

    const [moved] = await db
      .select()
      .from(files)
      .where(and(eq(files.ownerKind, TICKET_FILE_OWNER), eq(files.ownerId, "7")));
    expect(moved).toMatchObject({ originalName: "旧合同.pdf", safeName: oldName, contentType: "application/pdf", size: 12, sha256: null });
    expect(moved.createdAt.toISOString()).toBe("2026-01-05T02:00:00.000Z");
    expect(await db.select().from(files).where(eq(files.ownerId, "8"))).toHaveLength(1);
    await expect(db.execute(sql`select 1 from ticket_attachments`)).rejects.toThrow();
    const res = await sendFile(moved);
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
