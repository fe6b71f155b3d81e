import { diffChars, diffLines } from "diff";

// A readable diff of two versions of a text with jsdiff: lines first, and inside a changed
// line (a removal followed by an addition) the characters, since Chinese has no spaces between words.

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };
export type DiffRow = { kind: "same" | "added" | "removed" | "changed"; parts: DiffPart[] };

export function diffTexts(before: string, after: string): DiffRow[] {
  const lines = diffLines(before.endsWith("\n") ? before : `${before}\n`, after.endsWith("\n") ? after : `${after}\n`);
  const rows: DiffRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const change = lines[i];
    const next = lines[i + 1];
    if (change.removed && next?.added) {
      const parts: DiffPart[] = diffChars(change.value, next.value).map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
      rows.push({ kind: "changed", parts });
      i++;
      continue;
    }
    rows.push({
      kind: change.added ? "added" : change.removed ? "removed" : "same",
      parts: [{ kind: change.added ? "added" : change.removed ? "removed" : "same", text: change.value }],
    });
  }
  return rows;
}

export function diffStats(rows: DiffRow[]): { added: number; removed: number; changed: number } {
  const lineCount = (r: DiffRow) => r.parts.reduce((n, p) => n + p.text.split("\n").filter(Boolean).length, 0);
  return {
    added: rows.filter((r) => r.kind === "added").reduce((n, r) => n + lineCount(r), 0),
    removed: rows.filter((r) => r.kind === "removed").reduce((n, r) => n + lineCount(r), 0),
    changed: rows.filter((r) => r.kind === "changed").length,
  };
}
