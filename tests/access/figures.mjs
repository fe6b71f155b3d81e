#!/usr/bin/env node
// Prints the security harness's figures from the JSON the e2e walker and the bad-input runner
// write to test-results/security/ (run the e2e tests first: npm run test:e2e, or
// npx playwright test --config tests/playwright.config.ts tests/e2e/access-matrix.spec.ts tests/e2e/bad-input.spec.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "test-results/security");
if (!existsSync(dir)) {
  console.error(`No figures in ${path.relative(root, dir)}: run the e2e tests first (tests/e2e/access-matrix.spec.ts, tests/e2e/bad-input.spec.ts).`);
  process.exit(1);
}
const parts = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f.replace(/\.json$/, ""), data: JSON.parse(readFileSync(path.join(dir, f), "utf8")) }));

const routeFiles = readdirSync(path.join(root, "app/routes"), { recursive: true }).filter((f) => /\.(tsx?|jsx?)$/.test(String(f))).length;
const access = parts.filter((p) => p.name.startsWith("access-"));
const probes = parts.find((p) => p.name === "probes");
const badForms = parts.filter((p) => p.name.startsWith("bad-input-"));
const badQuery = parts.find((p) => p.name === "bad-query");
const fivexx = parts.reduce((n, p) => n + (p.data.fivexx ?? 0), 0);
const failures = parts.reduce((n, p) => n + (p.data.failures ?? 0), 0);

const line = (label, value) => console.log(`${label.padEnd(34)} ${value}`);
console.log("Security harness figures (from the last e2e run)");
line("Route files in app/routes", routeFiles);
line("Routes in the access matrix", access.length ? access[0].data.routes : "not run");
line("Roles walked", access.length ? `${access.length} (${access.map((a) => a.data.role).join(", ")})` : "not run");
line("Role x route cells checked", access.length ? `${access.reduce((n, a) => n + a.data.cells, 0)} (GET and every action, per role)` : "not run");
line("Object probes", probes ? probes.data.probes : "not run");
line("Forms fed bad input", badForms.length || "not run");
for (const f of badForms.sort((a, b) => a.data.form.localeCompare(b.data.form))) {
  const statuses = Object.entries(f.data.statuses)
    .map(([s, n]) => `${s}x${n}`)
    .join(" ");
  line(`  ${f.data.form} (as ${f.data.as})`, `${f.data.tried} bad inputs -> ${statuses}`);
}
line(
  "Bad inputs tried in all",
  badForms.reduce((n, f) => n + f.data.tried, 0),
);
line("Bad query strings tried", badQuery ? badQuery.data.tried : "not run");
line("500s seen", fivexx);
line("Other failures", failures);
process.exit(fivexx === 0 && failures === 0 ? 0 : 1);
