// Wire-style edits that turn an article into the kind of copy another outlet runs: for building near-duplicate pairs.

/** mulberry32: a small seeded generator, so every constructed copy is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const lines = (text: string): string[] => text.split('\n');

/** Light rewordings a sub-editor makes: one per reworded sentence. */
const REWORDINGS: [RegExp, string][] = [
  [/\bsaid\b/, 'told reporters'],
  [/\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/, '$1'],
  [/\bthe /, ''],
  [/\bdid not\b/, "didn't"],
  [/\bbut\b/, 'though'],
  [/\bwould\b/, 'will'],
  [/\babout\b/, 'around'],
  [/\bhowever,?\s*/i, ''],
  [/\bwhich\b/, 'that'],
  [/\bpercent\b/, '%'],
  [/\bafter\b/, 'following'],
  [/\balso /, ''],
  [/\bhas\b/, 'had'],
  [/\bwere\b/, 'had been'],
];

const ADDED_PARAGRAPHS = [
  'The report could not be independently verified.',
  'Officials were not immediately available for comment on the matter.',
  'It was the second such incident this year, according to local media.',
  'Markets were closed for a public holiday and trading is expected to resume on the next business day.',
];

const FOOTERS = [
  '(Reporting by Jane Doe; Editing by John Smith)',
  'Copyright 1996 Reuters Limited. All rights reserved. Republication or redistribution of Reuters content is expressly prohibited without prior written consent.',
  'Related coverage: more news from the region. Follow us on social media for the latest updates.',
  '-- Newsroom desk, +44 171 542 7658',
];

/** A dateline line on its own ("BEIJING 1996-08-31", "WIGAN, England 1996-08-31"). */
const DATELINE = /^[A-Z][A-Za-z ,.'-]*\d{4}-\d{2}-\d{2}\s*$/;

export const EDITS = {
  /** The headline (first line) rewritten: a word dropped, sentence case, sometimes an "UPDATE 1-" tag. */
  headline: (text: string, random: Random): string => {
    const ls = lines(text);
    const words = (ls[0] ?? '').replace(/\.$/, '').split(/\s+/);
    if (words.length > 3) words.splice(1 + Math.floor(random() * (words.length - 2)), 1);
    const tag = pick(random, ['UPDATE 1-', 'WRAPUP-', '', 'Update: ']);
    ls[0] =
      tag +
      words
        .join(' ')
        .toLowerCase()
        .replace(/^\w/, (c) => c.toUpperCase());
    return ls.join('\n');
  },
  /** The dateline line removed (its place kept as an agency prefix), or an agency prefix added to the first paragraph. */
  dateline: (text: string, random: Random): string => {
    const ls = lines(text);
    const at = ls.findIndex((l, i) => i > 0 && DATELINE.test(l));
    if (at > 0) {
      const place = (ls[at] as string).replace(/\s*\d{4}-\d{2}-\d{2}\s*$/, '');
      ls.splice(at, 1);
      if (random() < 0.6 && ls[at]) ls[at] = `${place} (Reuters) - ${ls[at]}`;
    } else if (ls[1]) {
      ls[1] = `${pick(random, ['LONDON', 'NEW YORK', 'PARIS'])} (${pick(random, ['Reuters', 'AP', 'AFP'])}) - ${ls[1]}`;
    }
    return ls.join('\n');
  },
  /** One paragraph after the first two lines dropped (texts of five lines or more). */
  drop: (text: string, random: Random): string => {
    const ls = lines(text);
    if (ls.length < 5) return text;
    ls.splice(2 + Math.floor(random() * (ls.length - 2)), 1);
    return ls.join('\n');
  },
  /** A paragraph of background added somewhere after the headline. */
  add: (text: string, random: Random): string => {
    const ls = lines(text);
    ls.splice(1 + Math.floor(random() * ls.length), 0, pick(random, ADDED_PARAGRAPHS));
    return ls.join('\n');
  },
  /** About three sentences in ten lightly reworded. */
  reword: (text: string, random: Random): string =>
    lines(text)
      .map((line) =>
        line
          .split(/(?<=[.!?]) +/)
          .map((sentence) => {
            if (random() > 0.3) return sentence;
            const options = REWORDINGS.filter(([re]) => re.test(sentence));
            if (options.length === 0) return sentence;
            const [re, to] = pick(random, options);
            return sentence.replace(re, to).replace(/ {2,}/g, ' ');
          })
          .join(' '),
      )
      .join('\n'),
  /** A boilerplate footer appended. */
  footer: (text: string, random: Random): string => `${text}\n${pick(random, FOOTERS)}`,
  /** Typography: curly quotes and apostrophes, em dashes, wrapped lines joined, double spaces, Windows line ends. */
  typography: (text: string): string =>
    text
      .replace(/"([^"\n]*)"/g, '\u201c$1\u201d')
      .replace(/'/g, '\u2019')
      .replace(/ - /g, ' \u2014 ')
      .replace(/\n(?=[a-z(])/g, ' ')
      .replace(/\. /g, '.  ')
      .replace(/\n/g, '\r\n'),
} satisfies Record<string, (text: string, random: Random) => string>;

export type EditName = keyof typeof EDITS;
export const EDIT_NAMES = Object.keys(EDITS) as EditName[];

/** Applies the named edits in the order of EDITS. */
export function applyEdits(text: string, names: readonly EditName[], seed: number): string {
  const random = seeded(seed);
  let out = text;
  for (const name of EDIT_NAMES) if (names.includes(name)) out = EDITS[name](out, random);
  return out;
}

/** A copy with a random mix of edits (each with odds 0.45, at least two), or with all seven when `heavy`. */
export function editedCopy(text: string, seed: number, heavy = false): { text: string; edits: EditName[] } {
  const random = seeded(seed ^ 0x5eed);
  let chosen = heavy ? EDIT_NAMES : EDIT_NAMES.filter(() => random() < 0.45);
  if (chosen.length < 2) chosen = [pick(random, EDIT_NAMES), 'typography'];
  return { text: applyEdits(text, chosen, seed), edits: chosen };
}
