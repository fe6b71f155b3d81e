import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { applyLanguage, createBrowserI18n, hasLanguage, loadLanguage, namespaces, stringsLoader, translator } from "../../app/lib/i18n";
import { namespacesFromAttribute, pageHydrates, pageNamespaces } from "../../app/lib/hydration";
import en from "../../app/locales/en";
import zhCN from "../../app/locales/zh-CN";

// The browser loads one language's strings (its own chunk) and the other only on a switch.
const localesDir = path.resolve(import.meta.dirname, "../../app/locales");
const chunk = (strings: typeof zhCN) => vi.fn(async () => ({ default: strings }));

describe("loading a language in the browser", () => {
  it("lists every namespace of the locale folders, and each language's chunk holds them all", () => {
    for (const lng of ["zh-CN", "en"]) {
      const files = readdirSync(path.join(localesDir, lng))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""));
      expect([...namespaces].sort()).toEqual(files.sort());
    }
    expect(Object.keys(en).sort()).toEqual([...namespaces].sort());
    expect(Object.keys(zhCN).sort()).toEqual([...namespaces].sort());
  });

  it("starts with the page's language only: answers in it, and has no other", async () => {
    const loadZh = chunk(zhCN);
    const i18n = await createBrowserI18n("zh-CN", namespaces, loadZh);
    expect(loadZh).toHaveBeenCalledTimes(1);
    expect(i18n.language).toBe("zh-CN");
    expect(i18n.t("layout.switchLanguage")).toBe(zhCN.common.layout.switchLanguage);
    expect(hasLanguage(i18n, "zh-CN")).toBe(true);
    expect(hasLanguage(i18n, "en")).toBe(false);
  });

  it("loads the other language once however often it is asked, then switches to it synchronously", async () => {
    const i18n = await createBrowserI18n("zh-CN", namespaces, chunk(zhCN));
    const loadEn = chunk(en);
    const first = loadLanguage(i18n, "en", loadEn);
    const second = loadLanguage(i18n, "en", loadEn);
    expect(second).toBe(first);
    await first;
    expect(loadEn).toHaveBeenCalledTimes(1);
    await loadLanguage(i18n, "en", loadEn);
    expect(loadEn).toHaveBeenCalledTimes(1);
    // Still Chinese until the page asks for English: loading alone changes nothing on screen.
    expect(i18n.t("layout.switchLanguage")).toBe(zhCN.common.layout.switchLanguage);
    expect(applyLanguage(i18n, "en")).toBeNull();
    expect(i18n.language).toBe("en");
    expect(i18n.t("layout.switchLanguage")).toBe(en.common.layout.switchLanguage);
  });

  it("asks a render to wait (a promise) while the new language is missing, never showing keys", async () => {
    const i18n = await createBrowserI18n("en", namespaces, chunk(en));
    const waiting = applyLanguage(i18n, "zh-CN");
    expect(waiting).toBeInstanceOf(Promise);
    expect(i18n.language).toBe("en");
    await waiting;
    expect(applyLanguage(i18n, "zh-CN")).toBeNull();
    expect(i18n.t("layout.brand")).toBe(zhCN.common.layout.brand);
    expect(applyLanguage(i18n, "zh-CN")).toBeNull();
  });

  it("may load a language again after its chunk failed (a network error)", async () => {
    const i18n = await createBrowserI18n("zh-CN", namespaces, chunk(zhCN));
    const broken = vi.fn(async () => {
      throw new Error("chunk failed");
    });
    await expect(loadLanguage(i18n, "en", broken)).rejects.toThrow("chunk failed");
    expect(hasLanguage(i18n, "en")).toBe(false);
    await loadLanguage(i18n, "en", chunk(en));
    expect(hasLanguage(i18n, "en")).toBe(true);
  });

  it("page titles in the browser come from the browser's instance, in the language asked", async () => {
    await createBrowserI18n("en", namespaces, chunk(en));
    expect(translator("en")("common:layout.brand")).toBe(en.common.layout.brand);
  });

  it("a hydrated page loads only its namespaces, each from its own chunk, and a switch loads the same ones", async () => {
    const i18n = await createBrowserI18n("zh-CN", ["common", "fairs"]);
    expect(i18n.hasResourceBundle("zh-CN", "fairs")).toBe(true);
    expect(i18n.hasResourceBundle("zh-CN", "finance")).toBe(false);
    expect(i18n.t("fairs:list.title")).toBe(zhCN.fairs.list.title);
    expect(hasLanguage(i18n, "zh-CN")).toBe(true);
    await loadLanguage(i18n, "en");
    expect(i18n.hasResourceBundle("en", "fairs")).toBe(true);
    expect(i18n.hasResourceBundle("en", "finance")).toBe(false);
    expect(hasLanguage(i18n, "en")).toBe(true);
  });

  it("the strings loader returns exactly the namespaces asked, as the locale files hold them", async () => {
    const { default: strings } = await stringsLoader("en", ["jobs", "common"])();
    expect(Object.keys(strings).sort()).toEqual(["common", "jobs"]);
    expect(strings.jobs).toEqual(en.jobs);
  });
});

describe("which pages hydrate (decision 034)", () => {
  it("only a page whose route asks for it, with common and the declared namespaces", () => {
    expect(pageHydrates([{ handle: undefined }, { handle: { i18n: ["jobs"] } }])).toBe(false);
    expect(pageHydrates([{}, { handle: { hydrate: true } }])).toBe(true);
    expect(pageNamespaces([{}, { handle: { hydrate: true, i18n: ["fairs", "common"] } }])).toEqual(["common", "fairs"]);
    expect(pageNamespaces([{}])).toEqual(["common"]);
  });

  it("reads the namespaces the server wrote on <html>, dropping unknown names; all when none is readable", () => {
    expect(namespacesFromAttribute("common fairs nonsense")).toEqual(["common", "fairs"]);
    expect(namespacesFromAttribute(undefined)).toEqual([...namespaces]);
    expect(namespacesFromAttribute("")).toEqual([...namespaces]);
  });
});
