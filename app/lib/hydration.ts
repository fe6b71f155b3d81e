/**
 * Which pages the browser hydrates (decision 034). A page is server-rendered HTML that works
 * without JavaScript; React, Remix and i18next (about 106 KB gzip before any page code) are sent
 * only to a page whose route says it cannot do without them:
 *
 *   export const handle = { hydrate: true, i18n: ["fairs"] } satisfies PageHandle;
 *
 * with the namespaces of its strings: the browser loads only those (and "common"). A client-side
 * navigation to a page that is not hydrated becomes a document load (root.tsx), so a page never
 * renders in the browser with strings it did not load. scripts/check-js-budget.mjs reads the same
 * declaration from the route's source.
 */
import { namespaces, type Namespace } from "./i18n";

export type PageHandle = {
  hydrate?: boolean;
  /** The namespaces a hydrated page's strings come from, besides "common" (the layout's). */
  i18n?: readonly Namespace[];
};

export function pageHydrates(matches: ReadonlyArray<{ handle?: unknown }>): boolean {
  return matches.some((match) => (match.handle as PageHandle | undefined)?.hydrate === true);
}

/** The namespaces whose strings a hydrated page loads: "common" and those its routes declare. */
export function pageNamespaces(matches: ReadonlyArray<{ handle?: unknown }>): Namespace[] {
  const wanted = new Set<Namespace>(["common"]);
  for (const match of matches) for (const ns of (match.handle as PageHandle | undefined)?.i18n ?? []) wanted.add(ns);
  return namespaces.filter((ns) => wanted.has(ns));
}

/** The namespaces the server wrote on <html data-namespaces>, unknown names dropped. */
export function namespacesFromAttribute(value: string | undefined): Namespace[] {
  const named = new Set((value ?? "").split(" "));
  const found = namespaces.filter((ns) => named.has(ns));
  return found.length ? found : [...namespaces];
}
