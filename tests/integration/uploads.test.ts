import { mkdirSync, readdirSync } from "node:fs";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

const { getDb } = await import("../../db/client.server");
const { auditEvents } = await import("../../db/schema/accounts");
const { files } = await import("../../db/schema/files");
const { seedDemo } = await import("../../db/seed/demo.server");
const { KB, discardUploads, findFile, receiveUploads, saveUpload, sendFile, stageBytes, uploadDirectory } = await import("../../app/lib/uploads.server");
const { actorOf } = await import("../support/actors");

const pdf = (size = 1000) => new Blob([Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(size, 0x20)])], { type: "application/pdf" });
const png = () => new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], { type: "image/png" });

function multipart(entries: [string, string | [Blob, string]][]): Request {
  const form = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value[0], value[1]);
  }
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** A raw multipart request with a body stream that records how much was pulled. */
function streamingRequest(totalBytes: number, headers: Record<string, string> = {}) {
  const boundary = "----yjtest";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  let sent = 0;
  let pulled = 0;
  const chunk = Buffer.alloc(64 * KB, 0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      if (sent === 0) {
        controller.enqueue(head);
        sent += head.length;
        return;
      }
      if (sent >= totalBytes) {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
  const request = new Request("http://localhost/upload", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled, sent: () => sent };
}

const filesOnDisk = () => {
  mkdirSync(uploadDirectory(), { recursive: true });
  return readdirSync(uploadDirectory());
};

describe("file uploads", () => {
  const actor = actorOf("staff", { userId: "demo-staff" });

  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
  });

  it("stores an allowed file under a random name, records it with its hash, and audits it", async () => {
    const result = await saveUpload(
      multipart([
        ["title", "营业执照"],
        ["file", [pdf(), "营业执照 2026.pdf"]],
      ]),
      { ownerKind: "test", ownerId: 1, actor },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields.get("title")).toBe("营业执照");
    expect(result.files).toHaveLength(1);
    const row = result.files[0];
    expect(row).toMatchObject({
      ownerKind: "test",
      ownerId: "1",
      originalName: "营业执照 2026.pdf",
      contentType: "application/pdf",
      size: 1009,
      createdBy: "demo-staff",
    });
    expect(row.safeName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(filesOnDisk()).toContain(row.safeName);
    const db = await getDb();
    // (The demo data's own files, a problem's attachment, are audited under their owner.)
    const [audit] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "file.upload"), eq(auditEvents.entityType, "test")));
    expect(audit.n).toBe(1);

    const response = await sendFile(row);
    expect(response.headers.get("content-disposition")).toBe(
      "attachment; filename=\"____ 2026.pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%202026.pdf",
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 8).toString()).toBe("%PDF-1.7");
    expect(body.length).toBe(1009);

    // Found only through its owner.
    expect(await findFile(row.id, { ownerKind: "test", ownerId: 1 })).not.toBeNull();
    expect(await findFile(row.id, { ownerKind: "test", ownerId: 2 })).toBeNull();
    expect(await findFile(row.id, { ownerKind: "ticket", ownerId: 1 })).toBeNull();
    expect(await findFile("../../etc/passwd", { ownerKind: "test", ownerId: 1 })).toBeNull();
  });

  it("decides the type from the bytes: a PNG named .pdf, or a declared PDF that is not one, is refused and nothing is kept", async () => {
    const before = filesOnDisk().length;
    const renamed = await receiveUploads(multipart([["file", [png(), "scan.pdf"]]]));
    expect(renamed).toEqual({ ok: false, error: "typeNotAllowed", status: 415 });
    const fake = await receiveUploads(multipart([["file", [new Blob(["MZ\u0090 not a pdf"], { type: "application/pdf" }), "invoice.pdf"]]]));
    expect(fake).toEqual({ ok: false, error: "typeNotAllowed", status: 415 });
    const notAllowed = await receiveUploads(multipart([["file", [png(), "photo.png"]]]), { allowed: ["pdf"] });
    expect(notAllowed).toEqual({ ok: false, error: "typeNotAllowed", status: 415 });
    expect(filesOnDisk().length).toBe(before);
  });

  it("keeps file names with = and ; as the browser sent them (quoted in the part's header)", async () => {
    for (const name of ["合同=第2版;终稿.pdf", "a=b.pdf", 'x; name="file".pdf']) {
      const received = await receiveUploads(
        multipart([
          ["note", "k=v; w"],
          ["file", [pdf(), name]],
        ]),
      );
      expect(received.ok, name).toBe(true);
      if (!received.ok) continue;
      expect(received.fields.get("note")).toBe("k=v; w");
      expect(received.files.map((f) => f.originalName)).toEqual([name.replace(/"/g, "%22")]);
      await discardUploads(received.files);
    }
  });

  it("refuses a file over the limit and too many files, keeping nothing", async () => {
    const before = filesOnDisk().length;
    expect(await receiveUploads(multipart([["file", [pdf(4 * KB), "big.pdf"]]]), { maxFileBytes: 2 * KB })).toEqual({
      ok: false,
      error: "tooLarge",
      status: 413,
    });
    const three = multipart([
      ["file", [pdf(), "1.pdf"]],
      ["file", [pdf(), "2.pdf"]],
      ["file", [pdf(), "3.pdf"]],
    ]);
    expect(await receiveUploads(three, { maxFiles: 2 })).toEqual({ ok: false, error: "tooManyFiles", status: 413 });
    expect(await receiveUploads(multipart([["other", [pdf(), "1.pdf"]]]))).toEqual({ ok: false, error: "unexpectedFile", status: 400 });
    expect(await receiveUploads(multipart([["note", "x".repeat(200 * KB)]]))).toEqual({ ok: false, error: "fieldTooLarge", status: 413 });
    expect(
      await receiveUploads(new Request("http://localhost/", { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } })),
    ).toEqual({
      ok: false,
      error: "notMultipart",
      status: 400,
    });
    expect(filesOnDisk().length).toBe(before);
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    const upload = streamingRequest(100 * 1024 * 1024, { "content-length": String(100 * 1024 * 1024) });
    const result = await receiveUploads(upload.request, { maxFiles: 1, maxFileBytes: 1024 * KB });
    expect(result).toEqual({ ok: false, error: "tooLarge", status: 413 });
    // Only what the stream buffers on creation (the part header) was produced; no file bytes were pulled.
    expect(upload.pulled()).toBeLessThanOrEqual(1);
    expect(upload.sent()).toBeLessThan(1024);
  });

  it("stops reading a body without Content-Length as soon as the file passes the limit", async () => {
    const upload = streamingRequest(100 * 1024 * 1024);
    const before = filesOnDisk().length;
    const result = await receiveUploads(upload.request, { maxFiles: 1, maxFileBytes: 256 * KB });
    expect(result).toEqual({ ok: false, error: "tooLarge", status: 413 });
    // 100 MB were on offer; only a little more than the limit was read.
    expect(upload.sent()).toBeLessThan(1024 * KB);
    expect(filesOnDisk().length).toBe(before);
  });

  it("accepts the opt-in kinds only when allowed, and hands back the fields read before a refusal", async () => {
    const gif = () => new Blob([Buffer.from("GIF89a\u0001\u0000\u0001\u0000")], { type: "image/gif" });
    const before = filesOnDisk().length;
    const refused = await receiveUploads(
      multipart([
        ["title", "标题"],
        ["file", [gif(), "anim.gif"]],
      ]),
    );
    expect(refused).toMatchObject({ ok: false, error: "typeNotAllowed", status: 415 });
    expect(!refused.ok && refused.fields?.get("title")).toBe("标题");
    expect(filesOnDisk().length).toBe(before);
    const accepted = await receiveUploads(multipart([["file", [gif(), "anim.gif"]]]), { allowed: ["gif"] });
    if (!accepted.ok) throw new Error(accepted.error);
    expect(accepted.files[0]).toMatchObject({ kind: "gif", contentType: "image/gif", safeName: expect.stringMatching(/^[0-9a-f]{32}\.gif$/) });
    await discardUploads(accepted.files);
  });

  it("stages bytes for seeds and tests with the same checks", async () => {
    const staged = await stageBytes("报价.pdf", Buffer.from("%PDF-1.4\n"));
    expect(staged).toMatchObject({ originalName: "报价.pdf", kind: "pdf", size: 9, safeName: expect.stringMatching(/^[0-9a-f]{32}\.pdf$/) });
    expect(filesOnDisk()).toContain(staged.safeName);
    await discardUploads([staged]);
    await expect(stageBytes("a.gif", Buffer.from("GIF89a"))).rejects.toThrow(/not an allowed kind/);
    await expect(stageBytes("a.pdf", Buffer.from("%PDF-1.4\n"), { maxFileBytes: 4 })).rejects.toThrow(/too large/);
  });

  it("lets the caller discard staged files when the form is refused", async () => {
    const received = await receiveUploads(
      multipart([
        ["file", [pdf(), "a.pdf"]],
        ["file", [new Blob([""]), ""]],
      ]),
    );
    expect(received.ok).toBe(true);
    if (!received.ok) return;
    expect(received.files).toHaveLength(1);
    expect(filesOnDisk()).toContain(received.files[0].safeName);
    await discardUploads(received.files);
    expect(filesOnDisk()).not.toContain(received.files[0].safeName);
    const db = await getDb();
    const [n] = await db.select({ n: count() }).from(files).where(eq(files.ownerKind, "test"));
    expect(n.n).toBe(1); // only the first test's recorded file
  });
});
