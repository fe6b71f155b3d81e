#!/usr/bin/env node
// Builds the browser modules a page loads without being hydrated (decision 036): app/browser/*.ts,
// bundled by esbuild (the one Remix ships) into public/page-scripts/<name>-<hash>.js, with code
// imported dynamically split into chunks of its own (the QR decoder). The server finds each
// module's file in public/page-scripts/manifest.json (app/lib/page-scripts.server.ts).
//
// Runs after `remix build` in `npm run build` (remix build empties public/build, so the files
// live apart from it). `npm run dev` runs it once at start.
import { build } from "esbuild";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sourceDir = path.join(root, "app/browser");
const outDir = path.join(root, "public/page-scripts");

const entries = readdirSync(sourceDir).filter((f) => f.endsWith(".ts"));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const result = await build({
  entryPoints: entries.map((f) => path.join(sourceDir, f)),
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: "esm",
  // The browsers the portal supports (decision 034's page script targets the same).
  target: ["chrome90", "safari15", "firefox90"],
  minify: true,
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
});

const manifest = {};
for (const [output, meta] of Object.entries(result.metafile.outputs)) {
  // Code imported dynamically is an entry point of its own in the metafile: only app/browser's count.
  if (!meta.entryPoint?.startsWith("app/browser/")) continue;
  const name = path.basename(meta.entryPoint, ".ts");
  manifest[name] = `/${path.relative(path.join(root, "public"), path.join(root, output)).split(path.sep).join("/")}`;
}
writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(path.join(outDir, "metafile.json"), JSON.stringify(result.metafile));
console.log(
  `page scripts: ${Object.entries(manifest)
    .map(([name, url]) => `${name} → ${url}`)
    .join(", ")}`,
);
