import { describe, expect, it } from "vitest";
import { searchDocument, searchPlan, searchTokens } from "../../app/modules/tickets/search";
import { queueFilterFromUrl, commentSchema, rateSchema, submitTicketSchema, visitSchema } from "../../app/modules/tickets/forms";

describe("Chinese search tokens", () => {
  it("turns Chinese into overlapping bigrams and keeps latin words", () => {
    expect(searchTokens("针车工招工难")).toEqual(["针车", "车工", "工招", "招工", "工难"]);
    expect(searchTokens("PVC 原料")).toEqual(["原料", "pvc"]);
  });
  it("a query's bigrams are a subset of the document's", () => {
    const doc = new Set(searchDocument("针车工招工难", "缺口 30 人").split(" "));
    for (const token of searchPlan("针车").tokens) expect(doc.has(token)).toBe(true);
    expect(searchPlan("针车").tokens).toEqual(["针车"]);
  });
  it("a one-character term has no bigram and is matched by ILIKE", () => {
    expect(searchPlan("税")).toEqual({ tokens: [], likeTerms: ["税"] });
  });
});

describe("ticket form schemas", () => {
  it("a member's form without the staff-only fields is valid", () => {
    const r = submitTicketSchema.safeParse({ enterpriseId: "1", category: "tax", title: "退税", description: "未到账", urgency: "normal" });
    expect(r.success && r.data.visitId).toBe(null);
  });
  it("an unchecked internal box is a public comment", () => {
    expect(commentSchema.parse({ body: "x" }).internal).toBe(false);
    expect(commentSchema.parse({ body: "x", internal: "on" }).internal).toBe(true);
  });
  it("a rating of 1 or 2 needs a reason", () => {
    expect(rateSchema.safeParse({ rating: "2" }).success).toBe(false);
    expect(rateSchema.safeParse({ rating: "2", comment: "慢" }).success).toBe(true);
    expect(rateSchema.safeParse({ rating: "5" }).success).toBe(true);
  });
  it("a visit is to a chamber or an enterprise, not both", () => {
    expect(visitSchema.safeParse({ visitedOn: "2026-11-20", visitors: "陈", associationId: "3" }).success).toBe(true);
    expect(visitSchema.safeParse({ visitedOn: "2026-11-20", visitors: "陈", associationId: "3", enterpriseId: "4" }).success).toBe(false);
    expect(visitSchema.safeParse({ visitedOn: "2026-11-20", visitors: "陈" }).success).toBe(false);
  });
});

describe("queue filters from the query string", () => {
  it("drop control characters (a NUL reached PostgreSQL and gave a 500)", () => {
    expect(queueFilterFromUrl("http://x/tickets?q=%E9%92%88%00%E8%BD%A6&handler=demo-%00staff").q).toBe("针车");
    expect(queueFilterFromUrl("http://x/tickets?q=%E9%92%88%00%E8%BD%A6&handler=demo-%00staff").handler).toBe("demo-staff");
    expect(queueFilterFromUrl("http://x/tickets?q=%00").q).toBeUndefined();
  });
});
