import { describe, expect, it } from "vitest";
import { XIANJIANG_VILLAGES, address, chamberNames, enterpriseName, enterpriseTrade, mulberry32, personName, phone, village } from "../../db/seed/demo-names";

const indices = Array.from({ length: 2000 }, (_, i) => i);

describe("mulberry32", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = mulberry32(2022);
    const b = mulberry32(2022);
    for (let k = 0; k < 1000; k++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe("enterpriseTrade", () => {
  it("is the trade word of the generated name", () => {
    for (const i of indices) expect(enterpriseName(i)).toContain(`${enterpriseTrade(i)}有限公司`);
  });
});

describe("enterpriseName", () => {
  it("follows 瑞安市 + trade name + trade + 有限公司", () => {
    for (const i of indices) {
      expect(enterpriseName(i)).toMatch(/^瑞安市\p{Script=Han}{2}(鞋业|鞋材|鞋底|模具|机械|塑胶|鞋面)有限公司$/u);
    }
  });

  it("is unique for 0..1999 and deterministic", () => {
    const names = indices.map(enterpriseName);
    expect(new Set(names).size).toBe(2000);
    expect(indices.map(enterpriseName)).toEqual(names);
  });

  it("never doubles a character in the trade name", () => {
    for (const i of indices) {
      const name = enterpriseName(i);
      expect(name[3]).not.toBe(name[4]);
    }
  });

  it("rejects indices outside its space", () => {
    expect(() => enterpriseName(-1)).toThrow(RangeError);
    expect(() => enterpriseName(0.5)).toThrow(RangeError);
  });
});

describe("personName", () => {
  it("is a surname plus one or two characters, unique for 0..1999", () => {
    const names = indices.map(personName);
    for (const name of names) expect(name).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(new Set(names).size).toBe(2000);
  });

  it("uses common local surnames", () => {
    const surnames = new Set(indices.map((i) => personName(i)[0]));
    for (const common of ["陈", "林", "王", "张", "李", "黄", "周", "吴", "郑", "潘"]) {
      expect(surnames).toContain(common);
    }
  });
});

describe("phone", () => {
  it("looks like a mainland mobile number and is unique", () => {
    const phones = indices.map(phone);
    for (const number of phones) expect(number).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(2000);
  });

  it("is deterministic", () => {
    expect(phone(123)).toBe(phone(123));
  });
});

describe("village and address", () => {
  it("draws from about twelve distinct 仙降 villages and communities", () => {
    expect(XIANJIANG_VILLAGES.length).toBe(12);
    expect(new Set(XIANJIANG_VILLAGES).size).toBe(12);
    for (const name of XIANJIANG_VILLAGES) expect(name).toMatch(/(村|社区)$/);
  });

  it("uses every village across the demo range", () => {
    const used = new Set(indices.map(village));
    expect(used).toEqual(new Set(XIANJIANG_VILLAGES));
  });

  it("builds an address in the village of the same index", () => {
    for (const i of indices) {
      const text = address(i);
      expect(text.startsWith(`浙江省瑞安市仙降街道${village(i)}`)).toBe(true);
      expect(text).toMatch(/\d+号$/);
      expect(address(i)).toBe(text);
    }
  });
});

describe("chamberNames", () => {
  it("lists exactly 38 chambers with unique slugs and names", () => {
    expect(chamberNames).toHaveLength(38);
    expect(new Set(chamberNames.map((c) => c.slug)).size).toBe(38);
    expect(new Set(chamberNames.map((c) => c.zh)).size).toBe(38);
    expect(new Set(chamberNames.map((c) => c.en)).size).toBe(38);
    for (const chamber of chamberNames) {
      expect(chamber.zh).toMatch(/(协会|商会)$/);
      expect(chamber.en).toMatch(/(Association|Chamber of Commerce)$/);
    }
  });

  it("has the four shared courts named in the source", () => {
    const shared = chamberNames.filter((c) => c.sharedCourt).map((c) => c.zh);
    expect(shared.sort()).toEqual(["瑞安市食品行业协会", "瑞安市汽摩配行业协会", "瑞安市机械电子行业协会", "瑞安市莘塍商会"].sort());
  });

  it("has 23 legal-service stations, including every shared court", () => {
    expect(chamberNames.filter((c) => c.legalStation)).toHaveLength(23);
    for (const chamber of chamberNames.filter((c) => c.sharedCourt)) {
      expect(chamber.legalStation).toBe(true);
    }
  });
});
