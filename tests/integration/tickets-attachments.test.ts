import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloadResponse, MAX_FILE_BYTES, parseTicketForm, sniffContentType, uploadDir } from "../../app/modules/tickets/attachments.server";

function formRequest(files: { name: string; bytes: Buffer; type?: string }[], fields: Record<string, string> = { title: "标题" }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return new Request("http://localhost/tickets/new", { method: "POST", body: fd });
}
const pdf = (extra = 0) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(extra, 0x20)]);
const stored = () => (existsSync(uploadDir()) ? readdirSync(uploadDir()).length : 0);

describe("ticket attachments", () => {
  it("stores a PDF under a random name and keeps the other fields", async () => {
    const result = await parseTicketForm(formRequest([{ name: "合同.pdf", bytes: pdf(100) }]));
    if ("error" in result) throw new Error(result.error);
    expect(result.formData.get("title")).toBe("标题");
    expect(result.files).toHaveLength(1);
    const [f] = result.files;
    expect(f).toMatchObject({ originalName: "合同.pdf", contentType: "application/pdf", size: 109 });
    expect(f.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(existsSync(path.join(uploadDir(), f.storedName))).toBe(true);
    const res = await downloadResponse(f);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="__.pdf"; filename\*=UTF-8''%E5%90%88%E5%90%8C\.pdf$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("decides the type by magic bytes, not by the name or the browser", async () => {
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    const before = stored();
    const result = await parseTicketForm(formRequest([{ name: "photo.pdf", bytes: Buffer.from("<script>alert(1)</script>"), type: "application/pdf" }]));
    expect(result).toMatchObject({ error: "tickets:errors.fileType" });
    expect(stored()).toBe(before);
  });

  it("refuses a file over 10 MB and removes what was written", async () => {
    const before = stored();
    const result = await parseTicketForm(formRequest([{ name: "ok.pdf", bytes: pdf(10) }, { name: "big.pdf", bytes: pdf(MAX_FILE_BYTES) }]));
    expect(result).toMatchObject({ error: "tickets:errors.fileTooBig" });
    expect(stored()).toBe(before);
  });

  it("refuses a sixth file", async () => {
    const before = stored();
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdf(i) }));
    expect(await parseTicketForm(formRequest(six))).toMatchObject({ error: "tickets:errors.tooManyFiles" });
    expect(stored()).toBe(before);
  });

  it("a download refuses a stored name that is not one of ours", async () => {
    await expect(downloadResponse({ storedName: "../../etc/passwd", originalName: "x", contentType: "text/plain", size: 1 })).rejects.toBeInstanceOf(Response);
  });
});

describe("a form without files", () => {
  it("is read as a plain form", async () => {
    const request = new Request("http://localhost/tickets/new", { method: "POST", body: new URLSearchParams({ title: "标题" }) });
    const result = await parseTicketForm(request);
    if ("error" in result) throw new Error(result.error);
    expect(result.formData.get("title")).toBe("标题");
    expect(result.files).toEqual([]);
  });
});
