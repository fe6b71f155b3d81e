import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtures } from "./fixtures";
import { probes, routes } from "./index";
import { whoList } from "./types";

// Fast checks of the access matrix itself (no server): a route file without its row, a row
// without its file, an action without its row, an id route without an object probe, an
// unknown placeholder. A new route cannot land without its row.
const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const routeFiles = readdirSync(routesDir, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && /\.(tsx?|jsx?)$/.test(d.name))
  .map((d) => path.relative(routesDir, path.join(d.parentPath, d.name)).split(path.sep).join("/"));

function hasAction(file: string): boolean {
  const source = readFileSync(path.join(routesDir, file), "utf8");
  return /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b/.test(source);
}

/** Stands for an escaped dot ("[.csv]") while the name is split at the others (a private-use character). */
const DOT = "\uE000";

/** The URL pattern of a flat-routes file name: "members.$id.tsx" -> /^\/members\/[^/]+$/. */
function patternOf(file: string): RegExp {
  const name = file.replace(/\.(tsx?|jsx?)$/, "").replace(/\/route$/, "");
  const segments = name
    .replace(/\[(.*?)\]/g, (_, s: string) => s.replace(/\./g, DOT))
    .split(".")
    .map((s) => s.replaceAll(DOT, "."))
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => (s.startsWith("$") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/_$/, "")));
  return new RegExp(`^/${segments.join("/")}$`);
}

function placeholderPath(p: string): string {
  return p.replace(/\{[^}]+\}/g, "X").split("?")[0];
}

describe("the access matrix", () => {
  it("lists every route file in app/routes", () => {
    const listed = new Set(routes.map((r) => r.file));
    expect(
      routeFiles.filter((f) => !listed.has(f)),
      "route files without a row in tests/access/<area>.ts",
    ).toEqual([]);
  });

  it("lists no route file that does not exist, and each file once", () => {
    const files = routes.map((r) => r.file);
    expect(files.filter((f) => !routeFiles.includes(f))).toEqual([]);
    expect(files.filter((f, i) => files.indexOf(f) !== i)).toEqual([]);
  });

  it("has a row for the actions of every route with an action", () => {
    const missing = routes.filter((r) => hasAction(r.file) && !(r.actions && r.actions.length)).map((r) => r.file);
    expect(missing, "routes exporting an action but without `actions` rows").toEqual([]);
    const phantom = routes.filter((r) => !hasAction(r.file) && r.actions?.length).map((r) => r.file);
    expect(phantom, "rows with actions for routes that export none").toEqual([]);
  });

  it("gives each row a path that matches its file", () => {
    const wrong = routes.filter((r) => !patternOf(r.file).test(placeholderPath(r.path))).map((r) => `${r.file} -> ${r.path} (${patternOf(r.file)})`);
    expect(wrong).toEqual([]);
  });

  it("has an expectation for every role in every cell", () => {
    const holes: string[] = [];
    for (const r of routes) {
      for (const [what, byRole] of [["GET", r.get] as const, ...(r.actions ?? []).map((a) => [`POST ${a.intent ?? ""}`, a.expect] as const)]) {
        if (!byRole) continue;
        for (const who of whoList) if (byRole[who] === undefined) holes.push(`${r.file} ${what} ${who}`);
      }
    }
    expect(holes).toEqual([]);
  });

  it("probes every route with an id in its URL for the wrong owner, or says why not", () => {
    const idRoutes = routes.filter((r) => r.file.includes("$"));
    const unprobed = idRoutes.filter((r) => !r.noObjectProbe && !probes.some((p) => patternOf(r.file).test(placeholderPath(p.path)))).map((r) => r.file);
    expect(unprobed, "id routes without an ObjectProbe (or noObjectProbe reason)").toEqual([]);
  });

  it("knows every placeholder used in paths and forms", () => {
    const used = new Set<string>();
    const collect = (s: string) => [...s.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].forEach((m) => used.add(m[1]));
    for (const r of routes) {
      collect(r.path);
      for (const a of r.actions ?? []) Object.values(a.form ?? {}).forEach(collect);
    }
    for (const p of probes) {
      collect(p.path);
      Object.values(p.form ?? {}).forEach(collect);
    }
    used.delete("unique");
    expect([...used].filter((n) => !(n in fixtures))).toEqual([]);
  });
});
