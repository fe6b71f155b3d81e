import type { MetaDescriptor, MetaFunction } from "@remix-run/node";
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
