import { describe, expect, it } from "vitest";
import { createI18n, serverI18n } from "../../app/lib/i18n";

// The server's instances remember resolved texts; a fresh instance resolves everything anew.
describe("server translations (remembered) read the same as i18next's", () => {
  for (const lng of ["zh-CN", "en"] as const) {
    const plain = createI18n(lng);
    const server = serverI18n(lng);
    const cases: [string, Record<string, unknown>?][] = [
      ["common:status.active"],
      ["common:notifications.joinRejected", { enterprise: "云江鞋业", reason: "资料不全" }],
      ["common:notifications.joinRejected", { enterprise: "云江鞋业", reason: "另一个原因" }],
      ["common:notifications.membershipStatusChangedBecause", { enterprise: "甲", association: "乙", status: "suspended", reason: "丙" }],
      ["common:notifications.membershipStatusChanged", { enterprise: "甲", association: "乙", status: "lapsed" }],
      ["common:notifications", { count: 3 }],
      ["common:notifications", { count: 4 }],
      ["tickets:status.closed", { ns: ["tickets", "common"] }],
      ["does.not.exist"],
    ];
    it(`in ${lng}, the first time and again`, () => {
      for (const [key, options] of cases) {
        const expected = plain.t(key, options as never);
        expect(server.t(key, options as never)).toBe(expected);
        expect(server.t(key, options as never)).toBe(expected);
      }
    });
  }

  it("never mixes up texts whose values could run into each other", () => {
    const t = serverI18n("en").t;
    const c = t("common:notifications.joinRejected", { enterprise: '1","reason', reason: "y" });
    const d = t("common:notifications.joinRejected", { enterprise: "1", reason: 'reason","y' });
    expect(c).toBe(createI18n("en").t("common:notifications.joinRejected", { enterprise: '1","reason', reason: "y" }));
    expect(d).toBe(createI18n("en").t("common:notifications.joinRejected", { enterprise: "1", reason: 'reason","y' }));
    expect(c).not.toBe(d);
    expect(t("common:notifications.joinRejected", { enterprise: 1, reason: "x" } as never)).toBe(
      t("common:notifications.joinRejected", { enterprise: "1", reason: "x" }),
    );
  });
});
