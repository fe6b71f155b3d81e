import { describe, expect, it } from "vitest";
import { readCsvUpload } from "../../app/lib/csv-upload.server";

function post(fields: Record<string, string | File>, headers: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request("http://localhost/members/import", { method: "POST", body: form, headers });
}

// The file of the members, financing-needs and monitoring imports.
describe("reading an import's CSV file", () => {
  it("gives the file's text and the form's other fields", async () => {
    const read = await readCsvUpload(
      post({ kind: "readings", file: new File(["meter,time,kwh\nM1,2026-11-02T10:00:00+08:00,1.5\n"], "r.csv") }),
      5 * 1024 * 1024,
    );
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.text).toContain("M1,");
      expect(read.form.get("kind")).toBe("readings");
    }
  });

  it("refuses a body over the limit before reading it, saying the limit", async () => {
    const read = await readCsvUpload(post({ file: new File(["a"], "a.csv") }, { "content-length": String(6 * 1024 * 1024) }), 5 * 1024 * 1024);
    expect(read).toEqual({ ok: false, status: 413, problems: [{ line: 1, column: null, message: 'common:import.tooLarge|{"mb":5}' }] });
  });

  it("stops reading a body sent without its length (chunked) once it passes the limit", async () => {
    const boundary = "----yjboundary";
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\ncontent-type: text/csv\r\n\r\n`;
    const chunk = new TextEncoder().encode("a,b,c\n".repeat(10_000)); // 60 KB
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
      },
      pull(controller) {
        // Endless: only a reader that stops at the limit returns.
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/members/import", {
      method: "POST",
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const read = await readCsvUpload(request, 1024 * 1024);
    expect(read).toEqual({ ok: false, status: 413, problems: [{ line: 1, column: null, message: 'common:import.tooLarge|{"mb":1}' }] });
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it.each([
    ["no file", {}],
    ["an empty file", { file: new File(["  \n"], "empty.csv") }],
    ["a text field named file", { file: "a,b" }],
  ])("asks for a file when given %s", async (_, fields) => {
    expect(await readCsvUpload(post(fields), 1024)).toEqual({ ok: false, status: 400, problems: [{ line: 1, column: null, message: "common:import.noFile" }] });
  });
});
