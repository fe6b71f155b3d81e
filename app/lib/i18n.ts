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
    serverInstances.set(lng, instance);
  }
  return instance;
}

/** A translator for server-side text (CSV headers, emails, notification bodies). */
export function translator(lng: Language) {
  return serverI18n(lng).t;
}
