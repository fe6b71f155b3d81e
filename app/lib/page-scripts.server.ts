import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Where a page's browser module is served (decision 036): the file scripts/build-page-scripts.mjs
 * wrote for app/browser/<name>.ts, by its content hash. Read once in production; in development on
 * every call (the script may be rebuilt while the server runs).
 */
export type PageScript = "checkin-scanner";

const manifestPath = path.join(process.cwd(), "public/page-scripts/manifest.json");
let cached: Record<string, string> | null = null;

function manifest(): Record<string, string> {
  if (cached) return cached;
  let read: Record<string, string>;
  try {
    read = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` (it builds app/browser/ after remix build).`);
  }
  if (process.env.NODE_ENV === "production") cached = read;
  return read;
}

export function pageScriptUrl(name: PageScript): string {
  const url = manifest()[name];
  if (!url) throw new Error(`No page script "${name}" in ${manifestPath}: run \`npm run build\`.`);
  return url;
}
