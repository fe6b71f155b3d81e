import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { defaultLanguage, translator, type Language } from "./i18n";

/** What a meta function receives about the matched routes (the root's data holds the page's language). */
type Matches = readonly { id: string; data?: unknown }[];

function languageOf(matches: Matches): Language {
  const root = matches.find((m) => m.id === "root")?.data as { lng?: Language } | undefined;
  return root?.lng ?? defaultLanguage;
}

/**
 * The <title> of a page in the page's language: its name (`common:titles.<key>`), then the
 * portal's. Pages whose title has no values use `titleMeta`.
 *
 * ```ts
 * export const meta = titleMeta("members");
 * export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
 *   data ? pageTitle(matches, "fair", { fair: data.fair.title }) : pageTitle(matches, "fairs");
 * ```
 */
export function pageTitle(matches: Matches, key: string, values?: Record<string, string | number>): MetaDescriptor[] {
  const t = translator(languageOf(matches));
  return [{ title: `${t(`common:titles.${key}`, values)} · ${t("common:layout.brand")}` }];
}

/** The meta function of a page with a fixed title. */
export function titleMeta(key: string): MetaFunction {
  return ({ matches }) => pageTitle(matches, key);
}

/** The portal's own title (the home page, and any page without one): its name and what it is. */
export function siteTitle(matches: Matches): MetaDescriptor[] {
  const t = translator(languageOf(matches));
  return [{ title: `${t("common:layout.brand")} · ${t("common:layout.brandSub")}` }];
}

/** What a record page's title names: the record's number (where people use it) and its name. */
export type RecordName = { id?: number | string | null; name?: string | null };

/**
 * The <title> of a record page, in the page's language only: the page, the record's number, its
 * name, then the portal (`诉求 #69 · 鞋底原料供应紧张 · 云江注塑鞋研究中心`). Without the record (a
 * 404) it is the page's name alone.
 */
export function recordTitle(matches: Matches, key: string, record?: RecordName | null): MetaDescriptor[] {
  const t = translator(languageOf(matches));
  const id = record?.id == null || record.id === "" ? "" : ` #${record.id}`;
  const name = record?.name?.trim();
  return [{ title: [`${t(`common:titles.${key}`)}${id}`, ...(name ? [name] : []), t("common:layout.brand")].join(" · ") }];
}

/**
 * The meta function of a record page: `export const meta = recordTitleMeta<typeof loader>("ticketsId",
 * (d) => ({ id: d.ticket.id, name: d.ticket.title }))`; `lng` picks a name kept in both languages.
 */
export function recordTitleMeta<Loader = unknown>(
  key: string,
  record: (data: NonNullable<MetaArgs<Loader>["data"]>, lng: Language) => RecordName,
): MetaFunction<Loader> {
  return ({ data, matches }) => recordTitle(matches, key, data ? record(data as NonNullable<MetaArgs<Loader>["data"]>, languageOf(matches)) : null);
}
