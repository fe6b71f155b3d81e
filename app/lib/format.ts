import type { Language } from "./i18n";

export const TIME_ZONE = "Asia/Shanghai";

// Building an Intl formatter costs far more than using one: each is built once and reused.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let f = formatters.get(key);
  if (!f) {
    f = build();
    formatters.set(key, f);
  }
  return f as T;
}
const zhNumber = () => cached("zh-number", () => new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 }));
const dateFormat = (lng: Language) =>
  cached(
    `date-${lng}`,
    () => new Intl.DateTimeFormat(lng === "zh-CN" ? "zh-CN" : "en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }),
  );
const dateTimeFormat = (lng: Language) =>
  cached(
    `datetime-${lng}`,
    () =>
      new Intl.DateTimeFormat(lng === "zh-CN" ? "zh-CN" : "en-GB", {
        timeZone: TIME_ZONE,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }),
  );

/** Money is kept in fen; Chinese readers see 万元 from ten thousand yuan up. */
export function formatMoney(fen: number | null | undefined, lng: Language): string {
  if (fen == null) return "—";
  const yuan = fen / 100;
  if (lng === "zh-CN") {
    if (Math.abs(yuan) >= 100_000_000) return `${trim(yuan / 100_000_000)} 亿元`;
    if (Math.abs(yuan) >= 10_000) return `${trim(yuan / 10_000)} 万元`;
    return `${zhNumber().format(yuan)} 元`;
  }
  const digits = yuan >= 10_000 ? 0 : 2;
  return cached(`en-money-${digits}`, () => new Intl.NumberFormat("en", { style: "currency", currency: "CNY", maximumFractionDigits: digits })).format(yuan);
}

function trim(n: number): string {
  return zhNumber().format(n);
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

export function formatDate(value: Date | string | number | null | undefined, lng: Language): string {
  if (value == null || value === "") return "—";
  // Plain dates (YYYY-MM-DD) are calendar days, not instants: show them as they are.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dateFormat(lng).format(toDate(value));
}

export function formatDateTime(value: Date | string | number | null | undefined, lng: Language): string {
  if (value == null || value === "") return "—";
  return dateTimeFormat(lng).format(toDate(value));
}

const shanghaiDay = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Shanghai as YYYY-MM-DD (the formatter is built once: it is costly). */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDay.format(now);
}

/** A calendar year in Shanghai time, as the bounds a timestamp is compared with (start inclusive). */
export function shanghaiYearBounds(year: number): { start: Date; end: Date } {
  return { start: new Date(`${year}-01-01T00:00:00+08:00`), end: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}
