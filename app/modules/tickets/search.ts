/**
 * Chinese full-text search without a Chinese parser: text becomes overlapping character
 * bigrams of its CJK runs plus its latin words and numbers, indexed as a 'simple' tsvector.
 * A query term becomes its bigrams ANDed; a one-character term falls back to ILIKE.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN = /[\p{L}\p{N}]+/gu;

export function searchTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of text.match(CJK) ?? []) {
    if (run.length === 1) tokens.add(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2));
  }
  for (const word of text.replace(CJK, " ").match(LATIN) ?? []) tokens.add(word.toLowerCase());
  return [...tokens];
}

/** The document side: space-separated tokens, for to_tsvector('simple', ...). */
export function searchDocument(...parts: string[]): string {
  return searchTokens(parts.join(" ")).join(" ");
}

export type SearchPlan = { tokens: string[]; likeTerms: string[] };

/**
 * The query side. Each whitespace-separated term must match: its bigrams go to the index,
 * and the term itself is rechecked with ILIKE (bigrams could match apart); a term of one
 * Chinese character has no bigram and is matched by ILIKE alone.
 */
export function searchPlan(query: string): SearchPlan {
  const terms = query.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const tokens = new Set<string>();
  for (const term of terms) {
    for (const token of searchTokens(term)) if (token.length > 1 || !/[\u3400-\u9fff]/.test(token)) tokens.add(token);
  }
  return { tokens: [...tokens], likeTerms: terms.map((t) => t.slice(0, 50)) };
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
