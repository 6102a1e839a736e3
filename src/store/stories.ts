// How a new document is filed in a story, and how a story goes on when its canonical document is removed: the
// decisions, apart from the SQL, so that the SQLite and PostgreSQL stores decide alike.
import { BAND_CANDIDATES, COPY_THRESHOLD, estimateJaccard, MAX_CANDIDATES } from '../ingest/neardup.js';

/** A stored document's story row. */
export interface StoryMember {
  storyId: string;
  /** Ingest order. */
  seq: number;
  /** Its MinHash signature; null for a text too short to compare. */
  signature: Uint32Array | null;
}

/** The closest stored document at or above the copy threshold: its story, ingest order and similarity. */
export interface BestMatch {
  storyId: string;
  seq: number;
  similarity: number;
}

/**
 * The most similar stored document (the earlier-ingested on a tie) among those sharing an LSH band with the new
 * signature, at most BAND_CANDIDATES per band (in document-id order, as `band` gives them) and MAX_CANDIDATES in all,
 * bands taken in `keys` order; null when none reaches COPY_THRESHOLD.
 */
export function bestMatch(
  values: Uint32Array,
  keys: readonly number[],
  band: (key: number) => readonly string[],
  member: (id: string) => StoryMember | null,
): BestMatch | null {
  let best: BestMatch | null = null;
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.size >= MAX_CANDIDATES) break;
    for (const other of band(key).slice(0, BAND_CANDIDATES)) {
      if (seen.has(other) || seen.size >= MAX_CANDIDATES) continue;
      seen.add(other);
      const row = member(other);
      if (!row?.signature) continue;
      const similarity = estimateJaccard(values, row.signature);
      if (similarity < COPY_THRESHOLD) continue;
      if (!best || similarity > best.similarity || (similarity === best.similarity && row.seq < best.seq))
        best = { storyId: row.storyId, seq: row.seq, similarity };
    }
  }
  return best;
}

/** A copy's similarity is measured against its story's canonical document (the best match's when that has no signature). */
export function storySimilarity(values: Uint32Array, best: BestMatch, canonical: Uint32Array | null): number {
  return canonical ? estimateJaccard(values, canonical) : best.similarity;
}

/**
 * After a story's canonical document was removed: the rest of its members (in ingest order) with their new story —
 * the first of them — and their similarity with it.
 */
export function restory(rest: readonly { id: string; signature: Uint32Array | null }[]): { id: string; storyId: string; similarity: number }[] {
  const next = rest[0];
  if (!next) return [];
  const canonical = next.signature;
  return rest.map((m) => ({
    id: m.id,
    storyId: next.id,
    similarity: m === next || !canonical || !m.signature ? 1 : estimateJaccard(m.signature, canonical),
  }));
}
