/**
 * Chinese full-text search without a Chinese parser: text is cut into runs of Han characters
 * and latin words. A Han run gives its single characters and its overlapping bigrams
 * ("针车工" -> 针 车 工 针车 车工); a latin run gives the lower-cased word. The tokens are stored
 * as a 'simple' tsvector with a GIN index. A search term is cut the same way: a Han run of two
 * or more characters becomes its bigrams, a single Han character itself, a latin word a prefix
 * match; all ANDed. So "针车" finds "针车工" by an index scan, and "针车工" needs both 针车 and 车工.
 */

const HAN = /\p{Script=Han}/u;
const RUN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
/** Bounds the work one search does (a pasted essay is not a search). */
export const MAX_QUERY_TOKENS = 12;

function runs(text: string): string[] {
  return (text.normalize("NFKC").toLowerCase().match(RUN) ?? []).map((r) => r.slice(0, 200));
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The tokens stored for a document: unigrams and bigrams of Han runs, latin words. */
export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of runs(text)) {
      if (HAN.test(run)) {
        for (const ch of run) tokens.add(ch);
        for (const bg of bigrams(run)) tokens.add(bg);
      } else if (run.length <= 40) {
        tokens.add(run);
      }
    }
  }
  return [...tokens];
}

/** What to_tsvector('simple', ...) receives: tokens separated by spaces (no punctuation left). */
export function searchDocument(...texts: (string | null | undefined)[]): string {
  return searchTokens(...texts).join(" ");
}

export type SearchQueryToken = { token: string; prefix: boolean };

/** The tokens of a typed search term, ANDed; empty when nothing searchable was typed. */
export function queryTokens(term: string): SearchQueryToken[] {
  const out: SearchQueryToken[] = [];
  const seen = new Set<string>();
  const add = (token: string, prefix: boolean) => {
    if (seen.has(token) || out.length >= MAX_QUERY_TOKENS) return;
    seen.add(token);
    out.push({ token, prefix });
  };
  for (const run of runs(term)) {
    if (HAN.test(run)) {
      if ([...run].length === 1) add(run, false);
      else for (const bg of bigrams(run)) add(bg, false);
    } else {
      add(run.slice(0, 40), true);
    }
  }
  return out;
}

/**
 * The text of a to_tsquery('simple', ...) for a term, or null. Tokens hold only letters, digits
 * and Han characters, and are quoted anyway, so nothing typed can change the query's shape.
 */
export function tsQueryText(term: string): string | null {
  const tokens = queryTokens(term);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `'${t.token.replace(/'/g, "")}'${t.prefix ? ":*" : ""}`).join(" & ");
}
