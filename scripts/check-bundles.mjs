#!/usr/bin/env node
// Fails when server-only code reaches a browser bundle: drizzle-orm, postgres, anything under db/,
// or a *.server.* module / .server/ folder. Reads the esbuild metafile that the Remix classic
// compiler writes next to the server build (build/metafile.js.json) on every `remix build`.
// Run after the build: `npm run build && npm run check:bundles`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const metafilePath = process.argv[2] ?? path.join(root, "build/metafile.js.json");
if (!existsSync(metafilePath)) {
  console.error(`check:bundles: ${path.relative(root, metafilePath)} is missing: run \`npx remix build\` first.`);
  process.exit(2);
}

/** What must never be in a browser bundle, with the reason shown. */
export const forbidden = [
  [/(^|\/)node_modules\/drizzle-orm\//, "drizzle-orm (database code)"],
  [/(^|\/)node_modules\/postgres\//, "postgres (database driver)"],
  [/(^|\/)node_modules\/@electric-sql\/pglite\//, "PGlite (database)"],
  [/^db\//, "db/ (tables, migrations, seed)"],
  [/\.server\.[cm]?[jt]sx?$/, "a .server module"],
  [/(^|\/)\.server\//, "a .server/ folder"],
];

const metafile = JSON.parse(readFileSync(metafilePath, "utf8"));
const problems = [];
let outputs = 0;
for (const [output, info] of Object.entries(metafile.outputs ?? {})) {
  if (!output.endsWith(".js")) continue;
  outputs++;
  for (const input of Object.keys(info.inputs ?? {})) {
    const hit = forbidden.find(([re]) => re.test(input));
    if (hit) problems.push({ output, input, why: hit[1] });
  }
}
if (outputs === 0) {
  console.error("check:bundles: the metafile lists no browser bundle: is it the client one (metafile.js.json)?");
  process.exit(2);
}
if (problems.length) {
  // Which route entries pull each offending chunk is in the same metafile (outputs[x].imports).
  const byOutput = new Map();
  for (const p of problems) byOutput.set(p.output, [...(byOutput.get(p.output) ?? []), p]);
  console.error(`check:bundles: server code in ${byOutput.size} browser bundle(s):`);
  for (const [output, list] of byOutput) {
    const importers = Object.entries(metafile.outputs)
      .filter(([, info]) => (info.imports ?? []).some((i) => i.path === output))
      .map(([o]) => path.basename(o));
    console.error(`  ${output}${importers.length ? ` (imported by ${importers.slice(0, 6).join(", ")}${importers.length > 6 ? ", …" : ""})` : ""}`);
    for (const p of list.slice(0, 8)) console.error(`    ${p.input}: ${p.why}`);
    if (list.length > 8) console.error(`    … and ${list.length - 8} more`);
  }
  process.exit(1);
}
console.log(`check:bundles: ${outputs} browser bundles, no server code in any.`);
