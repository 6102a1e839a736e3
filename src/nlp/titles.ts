// Finds titles of office in a sentence ("Foreign Minister", "Iran's supreme leader") and what they are held in.
import { lookupTitle, MAX_TITLE_WORDS, TITLE_MODIFIERS, type TitleInfo } from './lexicon/titles.js';
import { headType } from './lexicon/heads.js';
import type { Word } from './parse.js';

export interface TitleSpan {
  /** Word indices (inclusive) in the sentence's word list. */
  first: number;
  last: number;
  info: TitleInfo;
  /** The title as written, including modifiers ("former President"). */
  text: string;
  start: number;
  end: number;
}

const phraseOf = (words: Word[], i: number, k: number): string => {
  const parts: string[] = [];
  for (let x = i; x < i + k; x++) {
    const w = words[x] as Word;
    parts.push(x === i + k - 1 ? w.base.toLowerCase().replace(/[’]/g, "'") : w.lower);
  }
  return parts.join(' ');
};

/**
 * Longest title match at each position. A capitalised title followed by a capitalised run that ends in an
 * organization or place head is part of a name, not a title ("General Assembly", "Justice Department").
 */
export function findTitles(words: Word[], text: string): TitleSpan[] {
  const out: TitleSpan[] = [];
  let i = 0;
  while (i < words.length) {
    let found: { k: number; info: TitleInfo } | null = null;
    for (let k = Math.min(MAX_TITLE_WORDS, words.length - i); k >= 1; k--) {
      // A title never spans punctuation: "president, Hassan" is not "president Hassan".
      let broken = false;
      for (let x = i; x < i + k - 1; x++) if (/[^\s-]/.test((words[x] as Word).post)) broken = true;
      if (broken) continue;
      const info = lookupTitle(phraseOf(words, i, k));
      if (info) {
        found = { k, info };
        break;
      }
    }
    if (!found) {
      i++;
      continue;
    }
    const lastIdx = i + found.k - 1;
    const first = words[i] as Word;
    if (first.capitalized && !first.initial) {
      // Look ahead along the capitalised run: a head word at its end makes it a name.
      let j = lastIdx + 1;
      while (j < words.length && (words[j] as Word).capitalized && !/[,;:()]/.test((words[j - 1] as Word).post)) j++;
      const lastCap = words[j - 1] as Word;
      if (j - 1 > lastIdx && headType(lastCap.base) && headType(lastCap.base) !== 'place') {
        i = j;
        continue;
      }
    }
    let start = i;
    let info = found.info;
    // "former President", "deputy foreign minister": a modifier before the title joins it.
    const before = words[i - 1];
    if (before && TITLE_MODIFIERS.has(before.lower) && !/[^\s-]/.test(before.post)) {
      start = i - 1;
      const longer = lookupTitle(`${before.lower} ${info.title}`);
      if (longer) info = longer;
    }
    const s = words[start] as Word;
    const e = words[lastIdx] as Word;
    out.push({ first: start, last: lastIdx, info, text: text.slice(s.start, e.baseEnd), start: s.start, end: e.baseEnd });
    i = lastIdx + 1;
  }
  return out;
}
