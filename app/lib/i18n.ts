import i18next, { type i18n as I18n } from "i18next";
import { resources } from "../locales";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh-CN";
export const namespaces = Object.keys(resources["zh-CN"]) as (keyof (typeof resources)["zh-CN"])[];
export const LANGUAGE_COOKIE = "lng";

export function asLanguage(value: string | null | undefined): Language | null {
  if (!value) return null;
  if (value === "zh-CN" || value.toLowerCase().startsWith("zh")) return "zh-CN";
  if (value.toLowerCase().startsWith("en")) return "en";
  return null;
}

/** ?lng= first, then the cookie, then Accept-Language, then Chinese. */
export function detectLanguage(request: Request): Language {
  return languageOf({ url: request.url, cookie: request.headers.get("cookie"), acceptLanguage: request.headers.get("accept-language") });
}

/** The same choice from the parts of a request (the HTTP server asks before Remix runs). */
export function languageOf(input: { url: string; cookie: string | null | undefined; acceptLanguage: string | null | undefined }): Language {
  const fromQuery = asLanguage(new URL(input.url, "http://portal.invalid").searchParams.get("lng"));
  if (fromQuery) return fromQuery;
  const match = (input.cookie ?? "").match(/(?:^|;\s*)lng=([^;]+)/);
  const fromCookie = asLanguage(match ? safeDecode(match[1]) : null);
  if (fromCookie) return fromCookie;
  for (const part of (input.acceptLanguage ?? "").split(",")) {
    const lang = asLanguage(part.split(";")[0].trim());
    if (lang) return lang;
  }
  return defaultLanguage;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources,
    ns: namespaces,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const serverInstances = new Map<Language, I18n>();
/**
 * One i18next instance per language on the server, shared by all requests: each is fixed to its
 * language, and building one per request costs more than rendering a simple page.
 */
export function serverI18n(lng: Language): I18n {
  let instance = serverInstances.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    memoizeTranslations(instance);
    serverInstances.set(lng, instance);
  }
  return instance;
}

/** Options that only say where a text is looked up (what useTranslation's t always passes). */
const LOOKUP_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);

/**
 * A page renders a few hundred labels, status words and short sentences, and i18next resolves
 * each one anew (language hierarchy, namespace and key parsing, interpolation): it was the largest
 * library cost of a list page. The resources are bundled and never change in a running server, so
 * a text is a pure function of its key and options: texts without values are kept for good (a
 * finite set), texts with plain values (numbers, names, dates as strings) in a bounded table whose
 * oldest entries go first. Options holding objects or functions go through i18next every time.
 */
const MEMO_WITH_VALUES_MAX = 20_000;

function memoizeTranslations(instance: I18n): void {
  const translate = instance.t.bind(instance) as unknown as (key: unknown, options?: unknown) => unknown;
  const labels = new Map<string, unknown>();
  const withValues = new Map<string, unknown>();
  const memoized = (key: unknown, options?: unknown) => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) return translate(key, options);
    const o = (options ?? {}) as Record<string, unknown>;
    const entries: [string, unknown][] = [];
    for (const name of Object.keys(o).sort()) {
      const value = o[name];
      if (value === undefined || LOOKUP_OPTIONS.has(name)) continue;
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return translate(key, options);
      entries.push([name, value]);
    }
    // JSON keeps every value apart, whatever characters it holds.
    const cacheKey = JSON.stringify([key, o.lng ?? null, o.lngs ?? null, o.ns ?? null, o.keyPrefix ?? null, entries]);
    const table = entries.length ? withValues : labels;
    if (table.has(cacheKey)) return table.get(cacheKey);
    const text = translate(key, options);
    table.set(cacheKey, text);
    if (table === withValues && withValues.size > MEMO_WITH_VALUES_MAX) withValues.delete(withValues.keys().next().value!);
    return text;
  };
  instance.t = memoized as unknown as I18n["t"];
}

/** A translator for server-side text (CSV headers, emails, notification bodies). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function translator(lng: Language): Translate {
  return serverI18n(lng).t as unknown as Translate;
}
