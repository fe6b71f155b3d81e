import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A decline or reject button (btn--danger) is never styled stronger than the approve button
// beside it (a plain .btn, filled): it has no fill of its own.
const css = readFileSync(path.resolve(import.meta.dirname, "../../app/styles/app.css"), "utf8");

function rule(selector: string): string {
  const m = css.match(new RegExp(`(?:^|\\n)${selector.replace(/[.]/g, "\\.")}\\s*\\{([^}]*)\\}`));
  expect(m, selector).not.toBeNull();
  return m![1];
}

describe("button weight", () => {
  it("a danger button is outlined, the approve button filled", () => {
    expect(rule(".btn")).toMatch(/background:\s*var\(--c-primary\)/);
    expect(rule(".btn--danger")).toMatch(/background:\s*transparent/);
    expect(rule(".btn--danger")).not.toMatch(/font-weight/);
  });
});
