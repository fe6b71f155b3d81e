import { describe, expect, it } from "vitest";
import { searchDocument, searchPlan, searchTokens } from "../../app/modules/tickets/search";

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
