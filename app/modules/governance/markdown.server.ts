import MarkdownIt from "markdown-it";

// Charter texts are Markdown written by staff and members. markdown-it with html: false escapes
// every raw HTML tag, and its link validator refuses javascript:, vbscript: and data: (except
// images) URLs; the HTML is rendered on the server and sent as a string.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export type Clause = { id: string; level: number; text: string };

function slug(index: number): string {
  return `clause-${index + 1}`;
}

/** Headings of the text (chapters, articles) with the anchor ids they get in the rendered HTML. */
export function clauseOutline(markdown: string): Clause[] {
  const tokens = md.parse(markdown, {});
  const out: Clause[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "heading_open") continue;
    const inline = tokens[i + 1];
    out.push({ id: slug(out.length), level: Number(t.tag.slice(1)), text: inline?.content ?? "" });
  }
  return out;
}

/** Safe HTML of a charter text; headings carry the ids of clauseOutline. */
export function renderCharter(markdown: string): string {
  const tokens = md.parse(markdown, {});
  let n = 0;
  for (const t of tokens) if (t.type === "heading_open") t.attrSet("id", slug(n++));
  return md.renderer.render(tokens, md.options, {});
}

/** The text of one clause: its heading line and everything up to the next heading of the same or a higher level. */
export function clauseText(markdown: string, clause: string): string | null {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#{1,6}\s+/, "").trim() === clause.trim());
  if (start < 0) return null;
  const level = /^(#+)/.exec(lines[start])![1].length;
  let end = start + 1;
  while (end < lines.length && !(/^(#+)\s/.test(lines[end]) && /^(#+)/.exec(lines[end])![1].length <= level)) end++;
  return lines
    .slice(start + 1, end)
    .join("\n")
    .trim();
}
