#!/usr/bin/env node
// JavaScript budget of every page, from the browser build's manifest (run after `npm run build`).
//
// Most pages are not hydrated (decision 034): their JavaScript is the page script inlined in the
// HTML (app/lib/enhance.ts, counted here as the server build writes it, gzip), plus the browser
// modules its loader names (decision 036, e.g. the check-in desk's scanner). A page whose route
// chain declares `handle = { hydrate: true }` is hydrated: its JavaScript on a first visit is the entry module, the root route and each route of the
// page's chain (module and the shared chunks each imports), plus the strings of the page's language
// (namespaces "common" and those the route's handle declares: chunks the entry imports dynamically
// before hydrating, so not in the manifest: read from the esbuild metafile; the larger language is counted), every file counted once, gzip-compressed as
// the server sends it (level 6, the compression middleware's default). Inline scripts (the manifest
// and loader data in the HTML) are not counted.
//
//   node scripts/check-js-budget.mjs            # table and verdict; exit 1 when a page is over
//   node scripts/check-js-budget.mjs --markdown # the same as a Markdown table (README)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.join(root, "public/build");
const KB = 1024;
/** Budgets (gzip): public pages 100 KB, every other page 120 KB. */
export const PUBLIC_BUDGET = 100 * KB;
export const PAGE_BUDGET = 120 * KB;
/**
 * Pages allowed over the page budget, each with its own ceiling and the reason (so that it cannot
 * grow unnoticed either). None today: the check-in desk's scanner left React (decision 036).
 */
export const OVER_BUDGET = {};
const PUBLIC_ROUTES = new Set([
  "routes/_index",
  "routes/jobs._index",
  "routes/jobs.$id",
  "routes/fairs._index",
  "routes/fairs.$id._index",
  "routes/directory",
  "routes/join",
  "routes/register",
  "routes/login",
]);

function manifest() {
  const file = readdirSync(buildDir).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error("no public/build/manifest-*.js: run `npm run build` first");
  const text = readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
}

/** Per language and namespace, the files its strings chunk loads (app/locales/<lng>/<ns>.json and its imports). */
function namespaceChunks() {
  const metafile = path.join(root, "build/metafile.js.json");
  if (!existsSync(metafile)) throw new Error("no build/metafile.js.json: run `npm run build` first");
  const { outputs } = JSON.parse(readFileSync(metafile, "utf8"));
  const url = (output) => `/${output.replace(/^public\//, "")}`;
  const chunks = {};
  for (const [output, o] of Object.entries(outputs)) {
    const [, lng, ns] = /^app\/locales\/([^/]+)\/([^/]+)\.json$/.exec(o.entryPoint ?? "") ?? [];
    if (!lng) continue;
    (chunks[lng] ??= {})[ns] = [url(output), ...o.imports.filter((i) => i.kind === "import-statement").map((i) => url(i.path))];
  }
  if (!chunks["zh-CN"]?.common || !chunks.en?.common) throw new Error("the namespace chunks (app/locales/<lng>/<ns>.json) are not in the browser build");
  return chunks;
}

/** The namespaces a route's handle declares (`i18n: ["fairs", ...]`). */
function declaredNamespaces(routeId) {
  const file = path.join(root, "app", `${routeId}.tsx`);
  if (!existsSync(file)) return [];
  const list = /export const handle\s*=\s*\{[^}]*\bi18n:\s*\[([^\]]*)\]/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

/** A route hydrates when its source declares `hydrate: true` in its handle (app/lib/hydration.ts). */
function hydrates(routeId) {
  const file = path.join(root, "app", `${routeId}.tsx`);
  return existsSync(file) && /export const handle\s*=\s*\{[^}]*\bhydrate:\s*true/.test(readFileSync(file, "utf8"));
}

/** The inlined page script's size: its function as the server build prints it (esbuild, not minified), gzip. */
async function pageScriptBytes() {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [path.join(root, "app/lib/enhance.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
  });
  return gzipSync(out.outputFiles[0].text, { level: 6 }).length;
}

/**
 * A page's browser modules (decision 036: app/browser/<name>.ts, named by the route's loader with
 * `pageScriptUrl("<name>")`): each module's file and every chunk it imports, dynamically imported
 * ones included (the QR decoder is fetched only in a browser without a native reader: counted, so
 * the figure is the most the page can send).
 */
function pageScriptFiles(routeId) {
  const file = path.join(root, "app", `${routeId}.tsx`);
  const names = existsSync(file) ? [...readFileSync(file, "utf8").matchAll(/pageScriptUrl\("([^"]+)"\)/g)].map((x) => x[1]) : [];
  if (!names.length) return [];
  const dir = path.join(root, "public/page-scripts");
  if (!existsSync(path.join(dir, "metafile.json"))) throw new Error("no public/page-scripts/metafile.json: run `npm run build` first");
  const { outputs } = JSON.parse(readFileSync(path.join(dir, "metafile.json"), "utf8"));
  const url = (output) => `/${output.replace(/^public\//, "")}`;
  const files = new Set();
  const visit = (output) => {
    if (files.has(url(output))) return;
    files.add(url(output));
    for (const i of outputs[output].imports) visit(i.path);
  };
  for (const name of names) {
    const entry = Object.keys(outputs).find((o) => outputs[o].entryPoint === `app/browser/${name}.ts`);
    if (!entry) throw new Error(`${routeId} loads the page script "${name}", which is not in the build`);
    visit(entry);
  }
  return [...files];
}

const gzipCache = new Map();
function gzipSize(url) {
  if (!gzipCache.has(url)) gzipCache.set(url, gzipSync(readFileSync(path.join(root, "public", url)), { level: 6 }).length);
  return gzipCache.get(url);
}

export async function pageBudgets() {
  const m = manifest();
  const scriptBytes = await pageScriptBytes();
  const languages = Object.values(namespaceChunks());
  const rows = [];
  for (const route of Object.values(m.routes)) {
    // Pages only: a resource route (no component) sends no JavaScript; a layout is counted in its children.
    const isLayout = Object.values(m.routes).some((r) => r.parentId === route.id);
    if (route.id === "root" || isLayout || !route.module) continue;
    if (!existsSync(path.join(root, "app", `${route.id}.tsx`))) continue; // a resource route (.ts): no page
    const chain = [];
    for (let r = route; r; r = r.parentId ? m.routes[r.parentId] : null) chain.unshift(r);
    const isPublic = PUBLIC_ROUTES.has(route.id);
    const budget = OVER_BUDGET[route.id]?.budget ?? (isPublic ? PUBLIC_BUDGET : PAGE_BUDGET);
    if (!chain.some((r) => hydrates(r.id))) {
      const modules = chain.flatMap((r) => pageScriptFiles(r.id)).reduce((sum, f) => sum + gzipSize(f), 0);
      rows.push({ route: route.id, path: `/${route.path ?? ""}`, bytes: scriptBytes + modules, budget, isPublic, hydrated: false });
      continue;
    }
    const files = new Set([m.entry.module, ...m.entry.imports]);
    for (const r of chain) for (const f of [r.module, ...(r.imports ?? [])]) files.add(f);
    const sizeOf = (set) => [...set].reduce((sum, f) => sum + gzipSize(f), 0);
    // The page's strings: "common" and the namespaces its routes declare, in the larger of the
    // languages (Chinese, the default, today): the figure holds for either.
    const ns = new Set(["common", ...chain.flatMap((r) => declaredNamespaces(r.id))]);
    const strings = (chunks) =>
      [...ns].flatMap((name) => {
        if (!chunks[name]) throw new Error(`${route.id} declares the namespace "${name}", which has no chunk`);
        return chunks[name];
      });
    const bytes = Math.max(...languages.map((chunks) => sizeOf(new Set([...files, ...strings(chunks)]))));
    rows.push({ route: route.id, path: `/${route.path ?? ""}`, bytes, budget, isPublic, hydrated: true });
  }
  return rows.sort(
    (a, b) => Number(b.hydrated) - Number(a.hydrated) || Number(b.isPublic) - Number(a.isPublic) || b.bytes - a.bytes || a.route.localeCompare(b.route),
  );
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await pageBudgets();
  const markdown = process.argv.includes("--markdown");
  if (markdown) {
    console.log("| page (route) | hydrated | JavaScript, gzip | budget | |\n|---|---|---:|---:|---|");
    for (const r of rows)
      console.log(
        `| \`${r.route.replace(/^routes\//, "")}\`${r.isPublic ? " (public)" : ""} | ${r.hydrated ? "yes" : "no"} | ${kb(r.bytes)} | ${kb(r.budget)}${OVER_BUDGET[r.route] ? " (exception)" : ""} | ${r.bytes <= r.budget ? "ok" : "**over**"} |`,
      );
  } else {
    for (const r of rows)
      console.log(
        `${r.bytes <= r.budget ? "ok  " : "OVER"} ${kb(r.bytes).padStart(9)} / ${kb(r.budget).padStart(8)}  ${r.route}${r.isPublic ? " (public)" : ""}${r.hydrated ? " (hydrated)" : ""}${OVER_BUDGET[r.route] ? ` (over the ${kb(PAGE_BUDGET)} page budget by exception: ${OVER_BUDGET[r.route].why})` : ""}`,
      );
  }
  const over = rows.filter((r) => r.bytes > r.budget);
  const missing = [...PUBLIC_ROUTES].filter((id) => !rows.some((r) => r.route === id));
  if (missing.length) console.error(`public routes not found in the build: ${missing.join(", ")}`);
  console.log(`${rows.length - over.length} passed, ${over.length} failed`);
  process.exit(over.length > 0 || missing.length > 0 ? 1 : 0);
}
