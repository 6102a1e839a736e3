// Finds titles of office in a sentence ("Foreign Minister", "Iran's supreme leader") and what they are held in.
import { lookupTitle, MAX_TITLE_WORDS, TITLE_MODIFIERS, type TitleInfo } from './lexicon/titles.js';
import { lookupCountry, lookupDemonym } from './lexicon/countries.js';
import { headType, lookupKnown } from './lexicon/heads.js';
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
export function findTitles(words: Word[], text: string, vocab: ReadonlySet<string> = new Set()): TitleSpan[] {
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
    // "Minister of Health Jane Roe", "Director for Outbreaks and Health Emergencies John Doe": the
    // portfolio belongs to the title, not to the name after it.
    const portfolioEnd = portfolioAfter(words, lastIdx, vocab);
    const last = portfolioEnd ?? lastIdx;
    const s = words[start] as Word;
    const e = words[last] as Word;
    const span = text.slice(s.start, e.baseEnd);
    if (portfolioEnd !== null) info = { title: span.replace(/\s+/g, ' ').toLowerCase(), relation: info.relation };
    out.push({ first: start, last, info, text: span, start: s.start, end: e.baseEnd });
    i = last + 1;
  }
  return out;
}

const PORTFOLIO_PREPOSITIONS = new Set(['of', 'for', 'on']);
const PORTFOLIO_CONNECTORS = new Set(['and', '&', 'of', 'for']);

/**
 * The last word of a capitalised portfolio after a title ("of Health", "on Rural Development of Coastal
 * Regions"), stopping where a person's first name starts. Null when the words name a body, a place or a country
 * ("director of the World Health Organization", "President of Peru", "general manager of Brightvale"): a portfolio is a
 * topic ("on …"), comes before a name, or is made of words the story also writes in lower case.
 */
function portfolioAfter(words: Word[], titleLast: number, vocab: ReadonlySet<string>): number | null {
  const prep = words[titleLast + 1];
  const titleWord = words[titleLast] as Word;
  if (!prep || !PORTFOLIO_PREPOSITIONS.has(prep.lower) || /[^\s]/.test(titleWord.post) || /[^\s]/.test(prep.post)) return null;
  let end = titleLast + 1;
  let beforeName = false;
  let common = true;
  for (let k = titleLast + 2; k < words.length; k++) {
    const w = words[k] as Word;
    const connector = PORTFOLIO_CONNECTORS.has(w.lower) && k > titleLast + 2;
    if (!w.capitalized && !connector) break;
    if (w.capitalized) {
      if (w.tags.has('FirstName') && k > titleLast + 2) {
        beforeName = true;
        break;
      }
      // "a spokesperson for Treasury Secretary X": another title is no portfolio.
      if (headType(w.base) || lookupCountry(w.base) || lookupDemonym(w.base) || lookupKnown(w.base) || w.allCaps || lookupTitle(w.base.toLowerCase()))
        return null;
      const lower = w.base.toLowerCase();
      if (!vocab.has(lower) && !vocab.has(lower.replace(/s$/, '')) && !vocab.has(`${lower}s`)) common = false;
      end = k;
    }
    if (/[^\s]/.test(w.post)) break;
  }
  if (end === titleLast + 1) return null;
  return beforeName || prep.lower === 'on' || common ? end : null;
}
