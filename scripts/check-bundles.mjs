#!/usr/bin/env node
// Fails when server-only code reaches a browser bundle: drizzle-orm, postgres, anything under db/,
// or a *.server.* module / .server/ folder (decision 015). Reads the esbuild metafiles of both browser
// builds of `npm run build`: Remix's (build/metafile.js.json, written by the classic compiler) and the
// page scripts' (public/page-scripts/metafile.json, scripts/build-page-scripts.mjs, decision 036).
// Run after the build (`npm run test:e2e` does); metafile paths given as arguments replace the two.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const metafilePaths =
  process.argv.length > 2 ? process.argv.slice(2) : [path.join(root, "build/metafile.js.json"), path.join(root, "public/page-scripts/metafile.json")];
for (const file of metafilePaths) {
  if (!existsSync(file)) {
    console.error(`check:bundles: ${path.relative(root, file)} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
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

// Output paths are relative to the project root in both metafiles, so one map holds them all.
const outputsOf = {};
const problems = [];
let outputs = 0;
for (const file of metafilePaths) {
  const metafile = JSON.parse(readFileSync(file, "utf8"));
  let browserBundles = 0;
  for (const [output, info] of Object.entries(metafile.outputs ?? {})) {
    outputsOf[output] = info;
    if (!output.endsWith(".js")) continue;
    browserBundles++;
    for (const input of Object.keys(info.inputs ?? {})) {
      const hit = forbidden.find(([re]) => re.test(input));
      if (hit) problems.push({ output, input, why: hit[1] });
    }
  }
  if (browserBundles === 0) {
    console.error(`check:bundles: ${path.relative(root, file)} lists no browser bundle: is it a client one (metafile.js.json, page-scripts/metafile.json)?`);
    process.exit(2);
  }
  outputs += browserBundles;
}
if (problems.length) {
  // Which route entries pull each offending chunk is in the same metafile (outputs[x].imports).
  const byOutput = new Map();
  for (const p of problems) byOutput.set(p.output, [...(byOutput.get(p.output) ?? []), p]);
  console.error(`check:bundles: server code in ${byOutput.size} browser bundle(s):`);
  for (const [output, list] of byOutput) {
    const importers = Object.entries(outputsOf)
      .filter(([, info]) => (info.imports ?? []).some((i) => i.path === output))
      .map(([o]) => path.basename(o));
    console.error(`  ${output}${importers.length ? ` (imported by ${importers.slice(0, 6).join(", ")}${importers.length > 6 ? ", …" : ""})` : ""}`);
    for (const p of list.slice(0, 8)) console.error(`    ${p.input}: ${p.why}`);
    if (list.length > 8) console.error(`    … and ${list.length - 8} more`);
  }
  process.exit(1);
}
console.log(`check:bundles: ${outputs} browser bundles (${metafilePaths.length} metafiles), no server code in any.`);
