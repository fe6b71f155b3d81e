/**
 * Chinese search without a word parser: an enterprise name becomes overlapping character
 * bigrams (plus whole latin words), stored as a 'simple' tsvector; a search term becomes the
 * same bigrams ANDed. "针车" then finds "针车工" through the GIN index.
 */
function cleaned(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function chunks(text: string): string[] {
  return cleaned(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function bigramsOf(chunk: string): string[] {
  const chars = [...chunk];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The document to feed to to_tsvector('simple', ...). */
export function searchDocument(...texts: (string | null | undefined)[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const chunk of chunks(text ?? "")) {
      tokens.add(chunk);
      for (const b of bigramsOf(chunk)) tokens.add(b);
    }
  }
  return [...tokens].join(" ");
}

/**
 * The tsquery text (tokens ANDed) for a term, or null when the term is one character (the
 * caller falls back to a substring match) or empty.
 */
/** The words of a search term as searchDocument cuts them (normalised, lower case). */
export function searchWords(term: string): string[] {
  return chunks(term);
}

export function searchQuery(term: string): string | null {
  const parts = chunks(term).filter((p) => [...p].length >= 2);
  if (parts.length === 0) return null;
  const tokens = new Set<string>();
  for (const p of parts) for (const b of bigramsOf(p)) tokens.add(b);
  return [...tokens].join(" & ");
}
