import i18next, { type i18n as I18n, type InitOptions, type Resource, type ResourceLanguage } from "i18next";
// Server only: in the browser this is an empty module and the strings come from loadLanguage.
import { resources } from "../locales/index.server";
import type zhCN from "../locales/zh-CN";
import { cookieValue } from "./cookies";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "zh-CN";
/** Every namespace of a language (a unit test keeps this list equal to app/locales/<lng>/). */
export const namespaces = [
  "admin",
  "auth",
  "common",
  "disputes",
  "fairs",
  "finance",
  "governance",
  "jobs",
  "labour",
  "members",
  "monitoring",
  "tickets",
  "uploads",
] as const satisfies readonly (keyof typeof zhCN)[];
export const LANGUAGE_COOKIE = "lng";
type LanguageStrings = ResourceLanguage;

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
  const fromCookie = asLanguage(cookieValue(input.cookie, LANGUAGE_COOKIE));
  if (fromCookie) return fromCookie;
  for (const part of (input.acceptLanguage ?? "").split(",")) {
    const lang = asLanguage(part.split(";")[0].trim());
    if (lang) return lang;
  }
  return defaultLanguage;
}

function initOptions(lng: Language, strings: Resource, ns: readonly Namespace[] = namespaces): InitOptions {
  return {
    lng,
    fallbackLng: false,
    resources: strings,
    ns: [...ns],
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  };
}

/** An instance with every language's strings (server side and tests: the server bundle holds them all). */
export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init(initOptions(lng, resources));
  return instance;
}

export type Namespace = (typeof namespaces)[number];
type StringsLoader = () => Promise<{ default: LanguageStrings }>;

/**
 * In the browser each namespace of each language is its own chunk: a hydrated page loads only the
 * namespaces its route declares (decision 034), about 8 KB gzip instead of 45 KB for all of them.
 * The imports are spelled out so that esbuild makes exactly one chunk per file.
 */
const namespaceChunks: Record<Language, Record<Namespace, () => Promise<{ default: unknown }>>> = {
  "zh-CN": {
    admin: () => import("../locales/zh-CN/admin.json"),
    auth: () => import("../locales/zh-CN/auth.json"),
    common: () => import("../locales/zh-CN/common.json"),
    disputes: () => import("../locales/zh-CN/disputes.json"),
    fairs: () => import("../locales/zh-CN/fairs.json"),
    finance: () => import("../locales/zh-CN/finance.json"),
    governance: () => import("../locales/zh-CN/governance.json"),
    jobs: () => import("../locales/zh-CN/jobs.json"),
    labour: () => import("../locales/zh-CN/labour.json"),
    members: () => import("../locales/zh-CN/members.json"),
    monitoring: () => import("../locales/zh-CN/monitoring.json"),
    tickets: () => import("../locales/zh-CN/tickets.json"),
    uploads: () => import("../locales/zh-CN/uploads.json"),
  },
  en: {
    admin: () => import("../locales/en/admin.json"),
    auth: () => import("../locales/en/auth.json"),
    common: () => import("../locales/en/common.json"),
    disputes: () => import("../locales/en/disputes.json"),
    fairs: () => import("../locales/en/fairs.json"),
    finance: () => import("../locales/en/finance.json"),
    governance: () => import("../locales/en/governance.json"),
    jobs: () => import("../locales/en/jobs.json"),
    labour: () => import("../locales/en/labour.json"),
    members: () => import("../locales/en/members.json"),
    monitoring: () => import("../locales/en/monitoring.json"),
    tickets: () => import("../locales/en/tickets.json"),
    uploads: () => import("../locales/en/uploads.json"),
  },
};

/** Loads the given namespaces of one language (every namespace unless told). */
export function stringsLoader(lng: Language, ns: readonly Namespace[] = namespaces): StringsLoader {
  return async () => {
    const bundles = await Promise.all(ns.map(async (name) => [name, (await namespaceChunks[lng][name]()).default] as const));
    return { default: Object.fromEntries(bundles) as LanguageStrings };
  };
}

/** The namespaces an instance works with: all on the server, the page's in the browser. */
function namespacesOf(i18n: I18n): readonly Namespace[] {
  const ns = i18n.options.ns;
  return Array.isArray(ns) ? (ns as Namespace[]) : namespaces;
}

export function hasLanguage(i18n: I18n, lng: Language): boolean {
  return namespacesOf(i18n).every((ns) => i18n.hasResourceBundle(lng, ns));
}

const pendingLoads = new WeakMap<I18n, Map<Language, Promise<void>>>();

/** Adds a language's strings to an instance (once, however often asked); resolves when t() can answer in it. */
export function loadLanguage(i18n: I18n, lng: Language, load = stringsLoader(lng, namespacesOf(i18n))): Promise<void> {
  if (hasLanguage(i18n, lng)) return Promise.resolve();
  let pending = pendingLoads.get(i18n);
  if (!pending) pendingLoads.set(i18n, (pending = new Map()));
  let loading = pending.get(lng);
  if (!loading) {
    loading = load().then(
      ({ default: strings }) => {
        for (const [ns, bundle] of Object.entries(strings)) i18n.addResourceBundle(lng, ns, bundle, true, true);
        pending.delete(lng);
      },
      (error: unknown) => {
        pending.delete(lng); // a failed chunk (network) may be asked again
        throw error;
      },
    );
    pending.set(lng, loading);
  }
  return loading;
}

let browserInstance: I18n | null = null;

/**
 * The browser's instance, its language (the page's namespaces of it) loaded before it is returned:
 * entry.client awaits it before hydrating, so the first render has the same text as the server's HTML.
 */
export async function createBrowserI18n(lng: Language, ns: readonly Namespace[] = namespaces, load = stringsLoader(lng, ns)): Promise<I18n> {
  const { default: strings } = await load();
  const instance = i18next.createInstance();
  void instance.init(initOptions(lng, { [lng]: strings }, ns));
  browserInstance = instance;
  return instance;
}

/**
 * Makes `lng` the instance's language. Synchronous (returns null) when its strings are there;
 * otherwise returns the promise that loads them, which a component throws (Suspense) so that a
 * navigation keeps the old page until the new language can render: no key or half-switched page shows.
 */
export function applyLanguage(i18n: I18n, lng: Language): Promise<void> | null {
  if (i18n.language === lng) return null;
  if (!hasLanguage(i18n, lng)) return loadLanguage(i18n, lng);
  void i18n.changeLanguage(lng);
  return null;
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
  // In the browser (page titles on a client-side navigation) the one instance holds the page's language.
  if (browserInstance) return browserInstance.getFixedT(lng) as unknown as Translate;
  return serverI18n(lng).t as unknown as Translate;
}
