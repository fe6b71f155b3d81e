import { describe, expect, it } from "vitest";
import { encodedBytes, FORM_BODY_LIMIT, formBodyLimit } from "../../app/lib/body-limits";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "../../app/modules/disputes/constants";
import { agreementSchema, minutesSchema } from "../../app/modules/disputes/forms";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "../../app/modules/finance/constants";
import { amendmentSchema, documentCreateSchema, motionCreateSchema, versionDraftSchema } from "../../app/modules/governance/forms";
import { MAX_FILE_BYTES, MAX_FILES } from "../../app/modules/tickets/constants";
import { MB, MULTIPART_BODY_LIMIT } from "../../app/lib/uploads.server";
import type * as z from "zod";

const cjk = (n: number) => "中".repeat(n);

/** The urlencoded size of the longest post `schema` accepts (CJK text: 9 bytes a character), checked against the schema. */
function longestPost(schema: z.ZodTypeAny, fields: Record<string, string>, longField: string, max: number): number {
  expect(schema.safeParse({ ...fields, [longField]: cjk(max) }).success).toBe(true);
  expect(schema.safeParse({ ...fields, [longField]: cjk(max + 1) }).success).toBe(false);
  const body = new URLSearchParams({ ...fields, [longField]: cjk(max), intent: "x".repeat(64) }).toString();
  expect(body.length).toBeGreaterThanOrEqual(encodedBytes(max));
  return body.length;
}

describe("request body limits (app/lib/body-limits.ts, app/server.js)", () => {
  it("keeps 64 KiB for every other form, and for look-alike paths", () => {
    for (const p of ["/login", "/register", "/join", "/tickets/1", "/finance/needs/1", "/charters/1/x", "/charters/abc", "/disputes/new", "/assemblies"]) {
      expect(formBodyLimit(p)).toBe(FORM_BODY_LIMIT);
    }
    expect(FORM_BODY_LIMIT).toBe(64 * 1024);
  });

  it("lets the longest charter, motion, minutes and agreement through, CJK included (page and single-fetch URL)", () => {
    const charter = Math.max(
      longestPost(documentCreateSchema, { associationId: "1", kind: documentCreateSchema.shape.kind.options[0], title: cjk(120) }, "body", 100_000),
      longestPost(versionDraftSchema, { title: cjk(120), note: cjk(500) }, "body", 100_000),
      longestPost(amendmentSchema, { clause: cjk(200), oldText: cjk(20_000), reason: cjk(2000) }, "newText", 20_000),
    );
    for (const p of ["/charters", "/charters.data", "/charters/7", "/charters/7.data"]) expect(charter).toBeLessThanOrEqual(formBodyLimit(p));
    const motion = longestPost(
      motionCreateSchema,
      { kind: motionCreateSchema.shape.kind.options[0], title: cjk(200), threshold: motionCreateSchema.shape.threshold.options[0] },
      "body",
      10_000,
    );
    expect(motion).toBeGreaterThan(FORM_BODY_LIMIT);
    for (const p of ["/assemblies/3", "/assemblies/3.data"]) expect(motion).toBeLessThanOrEqual(formBodyLimit(p));
    const dispute = Math.max(
      longestPost(minutesSchema, { sessionId: "1" }, "minutes", 8000),
      longestPost(agreementSchema, { amountYuan: "1000" }, "terms", 8000),
    );
    expect(dispute).toBeGreaterThan(FORM_BODY_LIMIT);
    for (const p of ["/disputes/12", "/disputes/12.data"]) expect(dispute).toBeLessThanOrEqual(formBodyLimit(p));
  });

  it("puts the multipart ceiling above every upload form's own limit", () => {
    for (const [files, bytes] of [
      [MAX_EVIDENCE_FILES, MAX_EVIDENCE_BYTES],
      [MAX_DOCUMENTS, MAX_DOCUMENT_BYTES],
      [MAX_FILES, MAX_FILE_BYTES],
    ]) {
      expect(files * bytes + 1 * MB).toBeLessThanOrEqual(MULTIPART_BODY_LIMIT);
    }
  });
});
