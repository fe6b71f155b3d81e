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
  const url = new URL(request.url);
  const fromQuery = asLanguage(url.searchParams.get("lng"));
  if (fromQuery) return fromQuery;
  const cookie = request.headers.get("cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)lng=([^;]+)/);
  const fromCookie = asLanguage(match ? decodeURIComponent(match[1]) : null);
  if (fromCookie) return fromCookie;
  const accept = request.headers.get("accept-language") ?? "";
  for (const part of accept.split(",")) {
    const lang = asLanguage(part.split(";")[0].trim());
    if (lang) return lang;
  }
  return defaultLanguage;
}

export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: false,
    resources,
    ns: namespaces,
    defaultNS: "common",
    initImmediate: false,
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
 * A page renders a few hundred labels and status words, and i18next resolves each one anew
 * (language hierarchy, namespace and key parsing): it was the largest library cost of a list page.
 * The resources are bundled and never change in a running server, so a text without
 * interpolation values is resolved once per key; texts with values go through i18next as before.
 */
function memoizeTranslations(instance: I18n): void {
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const resolved = new Map<string, unknown>();
  const memoized = (key: unknown, options?: unknown) => {
    if (typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) return translate(key, options);
    const o = (options ?? {}) as Record<string, unknown>;
    for (const name in o) if (o[name] !== undefined && !LOOKUP_OPTIONS.has(name)) return translate(key, options);
    const cacheKey = `${key}\u0000${String(o.lng ?? "")}\u0000${JSON.stringify(o.lngs ?? null)}\u0000${JSON.stringify(o.ns ?? null)}\u0000${String(o.keyPrefix ?? "")}`;
    if (resolved.has(cacheKey)) return resolved.get(cacheKey);
    const text = translate(key, options);
    resolved.set(cacheKey, text);
    return text;
  };
  instance.t = memoized as I18n["t"];
}

/** A translator for server-side text (CSV headers, emails, notification bodies). */
export function translator(lng: Language) {
  return serverI18n(lng).t;
}
