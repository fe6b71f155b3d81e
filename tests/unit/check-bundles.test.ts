import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "../../scripts/check-bundles.mjs");

function check(inputs: string[]): { code: number; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "yj-bundles-"));
  const file = path.join(dir, "metafile.js.json");
  const metafile = {
    outputs: {
      "public/build/routes/jobs._index-X.js": { inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 1 }])), imports: [] },
      "public/build/entry.client-Y.js": { inputs: { "app/entry.client.tsx": { bytesInOutput: 1 } }, imports: [] },
    },
  };
  writeFileSync(file, JSON.stringify(metafile));
  try {
    return { code: 0, output: execFileSync(process.execPath, [script, file], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}

describe("the bundle check", () => {
  it("passes browser code", () => {
    expect(check(["app/routes/jobs._index.tsx", "app/modules/jobs/constants.ts", "node_modules/react/index.js"]).code).toBe(0);
  });
  it("fails on drizzle, postgres, db/ and .server modules", () => {
    for (const input of [
      "node_modules/drizzle-orm/pg-core/table.js",
      "node_modules/postgres/src/index.js",
      "db/schema/members.ts",
      "app/lib/auth.server.ts",
      "app/.server/x.ts",
    ]) {
      const r = check(["app/routes/jobs._index.tsx", input]);
      expect(r.code, input).toBe(1);
      expect(r.output).toContain(input);
    }
  });
});
