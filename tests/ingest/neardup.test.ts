// Near-duplicate detection, measured: MinHash signatures over word 5-grams and LSH banding, with precision and recall
// on pairs built from real articles (each against wire-style edited copies of itself, and against every other article,
// the same-sport results and same-market reports of CoNLL-2003 being the hard negatives).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BANDS,
  bandKeys,
  COPY_THRESHOLD,
  estimateJaccard,
  isCopy,
  MIN_SHINGLES,
  normalisedWords,
  type Signature,
  shareBand,
  shingleHashes,
  signature,
} from '../../src/ingest/neardup.js';
import { SHARED } from '../helpers.js';
import { applyEdits, EDIT_NAMES, editedCopy } from './wire-edits.js';

interface Article {
  id: string;
  text: string;
}

const conll: Article[] = readFileSync(join(SHARED, 'eval', 'conll2003-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Article);
const devDir = join(SHARED, 'eval', 'dev');
const dev: Article[] = readdirSync(devDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ id: `dev/${f}`, text: readFileSync(join(devDir, f), 'utf8') }));
const articles = [...conll, ...dev];
const conllId = (n: string): string => `conll2003-testa-${n}`;

/**
 * CoNLL dev holds a few pairs of one event told twice, read by hand: they are neither positives nor negatives of the
 * measurement, and each is checked for what the detector does with it. 133/134 is a syndicated copy (the same text
 * under a garbled headline). 006/169 is a corrected re-send of a 30-word result (one clause reordered, two words
 * respelled): a copy in substance that 5-grams miss, since those few edits change 18 of its 39 shingles. 193/194 is a
 * rewritten version (new sentences, more background) and 159/160 a summary and a result of one match: other articles.
 */
const SAME_EVENT: Record<string, { kind: string; detected: boolean }> = {
  [`${conllId('133')}|${conllId('134')}`]: { kind: 'syndicated copy', detected: true },
  [`${conllId('006')}|${conllId('169')}`]: { kind: 'corrected re-send of a short item (a known miss)', detected: false },
  [`${conllId('193')}|${conllId('194')}`]: { kind: 'rewritten version', detected: false },
  [`${conllId('159')}|${conllId('160')}`]: { kind: 'another write-up of one match', detected: false },
};

const shingleSets = new Map<string, Set<number>>();
const shingleSet = (text: string): Set<number> => {
  let set = shingleSets.get(text);
  if (!set) {
    set = new Set(shingleHashes(text));
    shingleSets.set(text, set);
  }
  return set;
};
const exactJaccard = (a: string, b: string): number => {
  const x = shingleSet(a);
  const y = shingleSet(b);
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
};

const signatures = new Map<string, Signature | null>();
const sig = (text: string): Signature | null => {
  if (!signatures.has(text)) signatures.set(text, signature(text));
  return signatures.get(text) ?? null;
};

describe('signatures', () => {
  it('ignores case, accents, punctuation, quotes and whitespace', () => {
    const a = 'Iran’s foreign minister, Abbas Araghchi, said on Monday that "talks" would resume in Geneva next week.';
    const b = "IRAN'S  Foreign Minister Abbas Araghchi said, on Monday, that talks would resume in GENEVA next week!\n";
    expect(normalisedWords(a)).toEqual(normalisedWords(b));
    expect(normalisedWords('Café Zürich')).toEqual(['cafe', 'zurich']);
    expect(sig(a)?.values).toEqual(sig(b)?.values);
    expect(estimateJaccard(sig(a)?.values as Uint32Array, sig(b)?.values as Uint32Array)).toBe(1);
  });

  it('leaves texts under MIN_SHINGLES 5-grams unsigned: they are never matched', () => {
    const words = (n: number): string =>
      Array.from({ length: n }, (_, i) => `w${i}`)
        .join(' ')
        .concat('.');
    expect(MIN_SHINGLES).toBe(10);
    // n words make n - 4 shingles.
    expect(signature(words(13))).toBeNull();
    expect(signature(words(14))?.shingles).toBe(10);
    expect(signature('Bulletin 12: officials met in Geneva on Monday.')).toBeNull();
    expect(isCopy(signature(words(13)), signature(words(13)))).toBe(false);
  });

  it('estimates Jaccard similarity within four standard errors of the exact value', () => {
    // Pairs across the whole range: an article against its copies with more and more edits, and against its neighbour.
    let checked = 0;
    for (const [k, a] of articles.slice(0, 60).entries()) {
      const others = [editedCopy(a.text, k).text, editedCopy(a.text, k, true).text, (articles[k + 1] as Article).text];
      for (const b of others) {
        const x = sig(a.text);
        const y = sig(b);
        if (!x || !y) continue;
        const j = exactJaccard(a.text, b);
        const error = Math.sqrt(Math.max(j * (1 - j), 0.01) / 128);
        expect(Math.abs(estimateJaccard(x.values, y.values) - j), `${a.id}: exact ${j}`).toBeLessThan(4 * error);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('gives band keys that agree exactly when a band agrees, as safe integers', () => {
    const a = sig((articles[0] as Article).text)?.values as Uint32Array;
    const b = Uint32Array.from(a);
    b[0] = (b[0] as number) ^ 1; // band 0 differs, the 31 others agree
    const ka = bandKeys(a);
    const kb = bandKeys(b);
    expect(ka).toHaveLength(BANDS);
    expect(ka[0]).not.toBe(kb[0]);
    expect(ka.slice(1)).toEqual(kb.slice(1));
    for (const k of ka) expect(Number.isSafeInteger(k) && k >= 0).toBe(true);
    expect(new Set(ka).size).toBe(BANDS);
    expect(shareBand(a, b)).toBe(true);
    const c = Uint32Array.from(a, (v, i) => (i % 4 === 0 ? v ^ 1 : v)); // one value off in every band
    expect(shareBand(a, c)).toBe(false);
    expect(estimateJaccard(a, c)).toBe(0.75);
    expect(isCopy({ values: a, shingles: 99 }, { values: c, shingles: 99 })).toBe(false);
  });
});

describe('each wire edit alone keeps a copy of a long article a copy', () => {
  // dev/ articles: 260-300 words each.
  for (const edit of EDIT_NAMES) {
    it(edit, () => {
      for (const [k, a] of dev.entries()) {
        const copy = applyEdits(a.text, [edit], k);
        expect(copy, `${a.id} ${edit} changed nothing`).not.toBe(a.text);
        expect(isCopy(sig(a.text), sig(copy)), `${a.id} after "${edit}"`).toBe(true);
      }
    });
  }
});

describe('precision and recall on constructed pairs', () => {
  // Positives: every article with three edited copies (two random mixes of edits, one with all seven).
  const positives = articles.flatMap((a, k) =>
    [0, 1, 2].map((c) => ({ a, copy: editedCopy(a.text, 1000 * k + c, c === 2), heavy: c === 2, words: a.text.split(/\s+/).length })),
  );
  // Negatives: every pair of different articles, same-event pairs left out.
  const negatives: [Article, Article][] = [];
  for (let i = 0; i < articles.length; i++)
    for (let j = i + 1; j < articles.length; j++) {
      const a = articles[i] as Article;
      const b = articles[j] as Article;
      if (!SAME_EVENT[`${a.id}|${b.id}`]) negatives.push([a, b]);
    }
  const found = positives.filter((p) => isCopy(sig(p.a.text), sig(p.copy.text)));
  const falsePositives = negatives.filter(([a, b]) => isCopy(sig(a.text), sig(b.text)));
  const recall = (subset: typeof positives): number => subset.filter((p) => found.includes(p)).length / subset.length;

  it('builds the pairs it says it does', () => {
    expect(articles).toHaveLength(216 + 12);
    expect(positives).toHaveLength(3 * 228);
    expect(negatives).toHaveLength((228 * 227) / 2 - 4);
    for (const p of positives) expect(p.copy.text).not.toBe(p.a.text);
  });

  it('has precision ≥ 0.99 and no false positive at all among the hard negatives', () => {
    // Measured: 0 of 25,874 negative pairs matched, the nearest (CoNLL 011/178, two days' Korean baseball results
    // with the same standings table) at an estimated 0.22; a false positive costs a whole article's facts.
    const precision = found.length / (found.length + falsePositives.length);
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(falsePositives.map(([a, b]) => `${a.id}|${b.id}`)).toEqual([]);
    const nearest = Math.max(...negatives.map(([a, b]) => exactJaccard(a.text, b.text)));
    expect(nearest).toBeLessThan(COPY_THRESHOLD / 2);
  });

  it('has recall ≥ 0.82 overall, ≥ 0.88 for copies with a few edits and ≥ 0.98 for articles of 200 words or more', () => {
    // Measured: 0.838 overall, 0.899 with a few edits, 0.715 with all seven, 1.000 at 200 words or more, 0.902 at
    // 80-199, 0.383 under 80 (a dropped line of a five-line CoNLL result is a large share of it). The pairs are fixed
    // (seeded), so the floors sit just under the measurement: a drop means the detector changed, not the data.
    expect(recall(positives)).toBeGreaterThanOrEqual(0.82);
    expect(recall(positives.filter((p) => !p.heavy))).toBeGreaterThanOrEqual(0.88);
    expect(recall(positives.filter((p) => p.words >= 200))).toBeGreaterThanOrEqual(0.98);
    expect(recall(positives.filter((p) => p.words >= 80 && p.words < 200))).toBeGreaterThanOrEqual(0.88);
  });

  it('finds the syndicated copy CoNLL itself holds, keeps other write-ups of one event apart, and misses a short re-send', () => {
    const byId = new Map(articles.map((a) => [a.id, a.text]));
    for (const [pair, { kind, detected }] of Object.entries(SAME_EVENT)) {
      const [a, b] = pair.split('|').map((id) => byId.get(id) as string) as [string, string];
      expect(isCopy(sig(a), sig(b)), `${pair}: ${kind}`).toBe(detected);
    }
  });
});
