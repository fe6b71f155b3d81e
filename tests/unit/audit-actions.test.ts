import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en/admin.json" with { type: "json" };
import zh from "../../app/locales/zh-CN/admin.json" with { type: "json" };
import { auditActionKey, auditActions } from "../../app/lib/audit-actions";

// The audit log shows actions as labels: every action the portal writes needs one in both languages.
const appDir = path.resolve(import.meta.dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** The action strings written by appendAudit(...) or a command's audit(...), as they appear in the source. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(appDir)) {
    const source = readFileSync(file, "utf8");
    if (!/appendAudit\(|audit\(\{/.test(source)) continue;
    for (const call of source.matchAll(/(?:appendAudit\([^,]+,|audit\()\s*\{[^}]*?\baction:\s*([^\n]*?)(?:,\s*entityType|\n)/g)) {
      for (const literal of call[1].matchAll(/"([a-z][A-Za-z_]*(?:\.[A-Za-z_]+)+)"/g)) found.set(literal[1], path.relative(appDir, file));
    }
  }
  return found;
}

const label = (locale: { audit: { actions: Record<string, string> } }, action: string) =>
  locale.audit.actions[auditActionKey(action).replace("admin:audit.actions.", "")];

describe("audit action labels", () => {
  it("every action written in app/ is in the list of audit actions", () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(50);
    const listed = new Set<string>(auditActions);
    for (const [action, file] of written) expect(listed.has(action), `${action} (${file})`).toBe(true);
  });

  it("every listed action has a label in Chinese and in English", () => {
    for (const action of auditActions) {
      expect(label(zh, action), `zh-CN ${action}`).toMatch(/\S/);
      expect(label(en, action), `en ${action}`).toMatch(/\S/);
    }
  });

  it("no label is left over from an action that is gone", () => {
    const keys = new Set(auditActions.map((a) => auditActionKey(a).replace("admin:audit.actions.", "")));
    expect(Object.keys(zh.audit.actions).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.keys(en.audit.actions).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("an action's key keeps its dots apart from i18next's nesting", () => {
    expect(auditActionKey("dispute.file.download")).toBe("admin:audit.actions.dispute__file__download");
  });
});
