import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Language } from "./i18n";

type Metafile = { outputs: Record<string, { entryPoint?: string }> };

/**
 * The URL of each language's strings chunk in the browser build (app/locales/<lng>/index.ts), read
 * from esbuild's metafile: the HTML preloads the page's language, which the entry would otherwise
 * ask for only once it runs (one more round trip before the page is interactive).
 */
export function languageChunkUrls(metafile: Metafile): Partial<Record<Language, string>> {
  const urls: Partial<Record<Language, string>> = {};
  for (const [output, o] of Object.entries(metafile.outputs)) {
    const lng = /^app\/locales\/(zh-CN|en)\/index\.ts$/.exec(o.entryPoint ?? "")?.[1] as Language | undefined;
    if (lng && output.startsWith("public/")) urls[lng] = `/${output.slice("public/".length)}`;
  }
  return urls;
}

const metafilePath = path.join(process.cwd(), "build/metafile.js.json");
let cached: { mtimeMs: number; urls: Partial<Record<Language, string>> } | null = null;

/** The chunk of `lng` in the current build, or null (no build metafile: nothing is preloaded). */
export function languageChunkUrl(lng: Language): string | null {
  try {
    // Re-read after a rebuild (remix dev); one stat per request otherwise.
    const { mtimeMs } = statSync(metafilePath);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, urls: languageChunkUrls(JSON.parse(readFileSync(metafilePath, "utf8")) as Metafile) };
    return cached.urls[lng] ?? null;
  } catch {
    return null;
  }
}
