// Near-duplicate signatures: MinHash over 5-word shingles of the normalised text, and LSH band keys so that a new
// document is compared only with the stored documents that share a band with it, never with the whole corpus.

/** Words per shingle: long enough that two different articles on one topic share few, short enough to survive edits. */
export const SHINGLE_WORDS = 5;
/** MinHash values per signature; the estimate of a Jaccard similarity J has a standard error of √(J(1−J)/128) ≤ 0.044. */
export const SIGNATURE_SIZE = 128;
/** LSH: 32 bands of 4 values. Two documents become candidates when one band matches whole: probability 1−(1−J⁴)³², 0.87 at J = 0.5, 0.99 at 0.6. */
export const BANDS = 32;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
/** Estimated Jaccard similarity from which a document is a copy of a stored one (chosen by measurement: tests/ingest/neardup.test.ts). */
export const COPY_THRESHOLD = 0.5;
/**
 * Texts with fewer shingles (under 14 words) are never matched: one changed word in a short text is a large share of
 * it, and short items ("Bulletin 12: officials met in Geneva.") differ in just the words that matter.
 */
export const MIN_SHINGLES = 10;
/**
 * Documents read per band key, and compared in all, at most: a key shared by a crowd (a much-syndicated story, or
 * templated texts) stops widening the comparison. Any one member of a story is enough to join it.
 */
export const BAND_CANDIDATES = 16;
export const MAX_CANDIDATES = 64;

/** Lower case, accents and punctuation folded away: the words two copies of a text share whatever their typography. */
export function normalisedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over the UTF-16 code units, mixed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** One fixed seed per MinHash function (splitmix32 from a constant): signatures never change between runs or versions. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds[i] = mix32(state ^ 0x5bd1e995);
  }
  return seeds;
})();

/** The distinct shingles of a text, hashed to 32 bits; a text shorter than one shingle is one shingle. */
export function shingleHashes(text: string): Uint32Array {
  const words = normalisedWords(text);
  if (words.length === 0) return new Uint32Array(0);
  const seen = new Set<number>();
  const last = Math.max(0, words.length - SHINGLE_WORDS);
  for (let i = 0; i <= last; i++) seen.add(hashString(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return Uint32Array.from(seen);
}

export interface Signature {
  /** SIGNATURE_SIZE minimum hash values. */
  values: Uint32Array;
  /** Distinct shingles the text has. */
  shingles: number;
}

/** The MinHash signature of a text; null when it has too few shingles to be compared (MIN_SHINGLES). */
export function signature(text: string): Signature | null {
  const hashes = shingleHashes(text);
  if (hashes.length < MIN_SHINGLES) return null;
  const values = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const seed = SEEDS[i] as number;
    let min = 0xffffffff;
    for (let j = 0; j < hashes.length; j++) {
      const v = mix32((hashes[j] as number) ^ seed);
      if (v < min) min = v;
    }
    values[i] = min;
  }
  return { values, shingles: hashes.length };
}

/** The share of MinHash values two signatures agree on: an unbiased estimate of their shingles' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * One key per band: the band's number and its values hashed to 53 bits (a safe integer, stored as SQLite INTEGER).
 * Two signatures share a key when a band agrees whole (a hash collision only adds a candidate, which is then compared).
 */
export function bandKeys(values: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h1 = mix32(band + 1);
    let h2 = mix32(band + 0x51ed27);
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      const v = values[band * ROWS_PER_BAND + r] as number;
      h1 = mix32(h1 ^ v);
      h2 = mix32(Math.imul(h2, 31) ^ mix32(v + r));
    }
    keys.push((h1 & 0x1fffff) * 0x100000000 + h2);
  }
  return keys;
}

/** Two signatures' LSH decision: candidates when any band agrees whole. */
export function shareBand(a: Uint32Array, b: Uint32Array): boolean {
  for (let band = 0; band < BANDS; band++) {
    let all = true;
    for (let r = band * ROWS_PER_BAND; r < (band + 1) * ROWS_PER_BAND; r++) {
      if (a[r] !== b[r]) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** What the store decides for one pair: a candidate by LSH whose estimated similarity reaches COPY_THRESHOLD. */
export function isCopy(a: Signature | null, b: Signature | null): boolean {
  return a !== null && b !== null && shareBand(a.values, b.values) && estimateJaccard(a.values, b.values) >= COPY_THRESHOLD;
}

/** Signature values as stored (little-endian uint32s) and back. */
export function encodeSignature(values: Uint32Array): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i] as number, i * 4);
  return out;
}

export function decodeSignature(blob: Uint8Array): Uint32Array {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Uint32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
