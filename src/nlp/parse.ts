// The one place that calls compromise: one parse per document, narrowed from `any` into typed words and sentences.
import nlp from 'compromise';
import type { Sentence } from './types.js';

/** A token as the rest of nlp/ sees it; hyphen chains ("Casa-de-Lago", "Iran-backed") are one word. */
export interface Word {
  index: number;
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** Lower case with curly apostrophes straightened. */
  lower: string;
  /** The text without a trailing possessive ("Iran's" → "Iran"). */
  base: string;
  baseEnd: number;
  possessive: boolean;
  tags: ReadonlySet<string>;
  /** Punctuation and space before the first / after the last term, as compromise split them. */
  pre: string;
  post: string;
  capitalized: boolean;
  allCaps: boolean;
  /** First word of a sentence or of a quotation: capitalised whatever it is. */
  initial: boolean;
  /** The hyphen-joined parts, each with its own tags. */
  parts: { text: string; tags: ReadonlySet<string> }[];
}

export interface Parsed {
  text: string;
  sentences: Sentence[];
  /** Words of each sentence, in order. */
  words: Word[];
  bySentence: Word[][];
}

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  start: number;
  length: number;
}

function narrowTerm(value: unknown): RawTerm | null {
  if (typeof value !== 'object' || value === null) return null;
  const t = value as Record<string, unknown>;
  const offset = t.offset as Record<string, unknown> | undefined;
  if (typeof t.text !== 'string' || typeof offset?.start !== 'number' || typeof offset.length !== 'number') return null;
  return {
    text: t.text,
    pre: typeof t.pre === 'string' ? t.pre : '',
    post: typeof t.post === 'string' ? t.post : '',
    tags: Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === 'string') : [],
    start: offset.start,
    length: offset.length,
  };
}

interface VerbMethods {
  toInfinitive: (word: string, model: unknown, tense?: string) => string;
}
/** compromise's own verb conjugation tables, reached once: lemmas without a second parse. */
const world = nlp.world() as unknown as { methods: { two: { transform: { verb: VerbMethods } } }; model: unknown };
const verbMethods = world.methods.two.transform.verb;
const lemmaCache = new Map<string, string>();
const IRREGULAR_BE = new Set(['is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", "'re"]);

/** The infinitive of a verb word ("fined" → "fine", "won" → "win"), from compromise's conjugation tables. */
export function lemmaOf(w: Word): string {
  const form = w.lower.replace(/[^a-z'-]/g, '');
  if (IRREGULAR_BE.has(form)) return 'be';
  const tenses = ['Participle', 'PastTense', 'Gerund', 'PresentTense', 'Infinitive'].filter((t) => w.tags.has(t));
  const key = `${form}|${tenses.join()}`;
  let lemma = lemmaCache.get(key);
  if (lemma === undefined) {
    lemma = form;
    for (const tense of tenses) {
      if (tense === 'Infinitive') break;
      const l = verbMethods.toInfinitive(form, world.model, tense);
      if (l && l !== form) {
        lemma = l;
        break;
      }
    }
    if (lemmaCache.size > 50_000) lemmaCache.clear();
    lemmaCache.set(key, lemma);
  }
  return lemma;
}

/** compromise's own word list (static data, read once): which words English uses as ordinary words. */
const LEXICON: Readonly<Record<string, unknown>> = (() => {
  const model: unknown = nlp.model();
  const one = (model as { one?: { lexicon?: unknown } } | null)?.one;
  const lexicon = one?.lexicon;
  return typeof lexicon === 'object' && lexicon !== null ? (lexicon as Record<string, unknown>) : {};
})();
const NAME_LEXICON_TAGS = /Name|Person|Place|City|Country|Region|Organization|Honorific|Demonym|Acronym/;

/** "witness", "spokesman", "official": compromise's nouns for people in a role. */
export function isRoleNoun(lower: string): boolean {
  const tags = LEXICON[lower];
  return tags === 'Actor' || (Array.isArray(tags) && tags.includes('Actor'));
}

/** "drops", "get", "three", "witness": a word compromise knows as an ordinary English word, not as a name. */
export function isCommonWord(lower: string): boolean {
  const tags = LEXICON[lower];
  if (typeof tags === 'string') return !NAME_LEXICON_TAGS.test(tags);
  if (Array.isArray(tags)) return tags.length > 0 && tags.every((t) => typeof t === 'string' && !NAME_LEXICON_TAGS.test(t));
  return false;
}

const CLAUSE_TAGS = new Set(['Pronoun', 'Determiner', 'Conjunction', 'Preposition', 'Verb', 'Gerund', 'Adverb', 'QuestionWord', 'Expression']);
const NAME_TAGS = new Set(['ProperNoun', 'Person', 'Place', 'Organization', 'Acronym']);
const OPENING = /[“"‘'([«]/;
const CLOSING_PUNCT = /^[.!?;:,…)\]'"’”»]+/;
const POSSESSIVE = /(['’]s|s['’])$/;

/**
 * Parses a document once. Offsets come from compromise and are checked against the text: a term whose
 * text does not sit at its offset is re-found by a forward search, so every span slices back exactly.
 */
export function parseText(text: string): Parsed {
  const raw: unknown = nlp(text).json({ offset: true });
  const rawSentences = Array.isArray(raw) ? raw : [];
  const sentenceTerms: RawTerm[][] = [];
  let cursor = 0;
  for (const s of rawSentences) {
    const terms = (s as { terms?: unknown }).terms;
    if (!Array.isArray(terms)) continue;
    let current: RawTerm[] = [];
    for (const value of terms) {
      const term = narrowTerm(value);
      if (!term || term.text.length === 0) continue;
      if (text.slice(term.start, term.start + term.length) !== term.text) {
        const at = text.indexOf(term.text, cursor);
        if (at < 0) continue;
        term.start = at;
        term.length = term.text.length;
      }
      if (term.start < cursor) continue;
      cursor = term.start + term.length;
      const prev = current.at(-1);
      // compromise keeps quoted passages whole: "…in shambles. Their main proxy…" is still two sentences.
      if (
        prev &&
        /[.!?]["”’)]*\s+$/.test(prev.post) &&
        /^[“"‘(]?\p{Lu}/u.test(term.pre + term.text) &&
        !/^(Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|Inc|Corp|Co|No|Vol|Fig|vs?)$/u.test(prev.text) &&
        // After an initial ("C. Hooper") a name continues; after "U.S." a name may ("the U.S. Treasury").
        // Either way a pronoun, article, verb or the like starts a new sentence ("on X. Describing the talks").
        !(
          (/^\p{Lu}$/u.test(prev.text) || prev.tags.includes('Abbreviation') || prev.tags.includes('Acronym')) &&
          (/^\p{Lu}$/u.test(prev.text) ? !term.tags.some((t) => CLAUSE_TAGS.has(t)) : term.tags.some((t) => NAME_TAGS.has(t))) &&
          !/(ing|ly)$/.test(term.text)
        )
      ) {
        sentenceTerms.push(current);
        current = [];
      }
      // A line break always ends a sentence (headlines, captions and bylines have no final period).
      if (current.length > 0 && /\n/.test(text.slice((current.at(-1) as RawTerm).start + (current.at(-1) as RawTerm).length, term.start))) {
        sentenceTerms.push(current);
        current = [];
      }
      current.push(term);
    }
    if (current.length > 0) sentenceTerms.push(current);
  }

  const sentences: Sentence[] = [];
  const words: Word[] = [];
  const bySentence: Word[][] = [];
  for (const terms of sentenceTerms) {
    const si = sentences.length;
    const first = terms[0] as RawTerm;
    const last = terms.at(-1) as RawTerm;
    let start = first.start;
    // An opening quote or bracket right before the first word belongs to the sentence.
    while (start > 0 && /[“"‘([«]/.test(text.charAt(start - 1)) && (start === 1 || /\s/.test(text.charAt(start - 2)))) start--;
    const lastEnd = last.start + last.length;
    const tail = CLOSING_PUNCT.exec(text.slice(lastEnd, lastEnd + 8));
    const end = lastEnd + (tail ? tail[0].length : 0);
    sentences.push({ index: si, start, end });
    const sentenceWords: Word[] = [];
    let i = 0;
    while (i < terms.length) {
      let j = i;
      // Join "Mar" "-" "a" "-" "Lago" into one word when compromise split on the hyphen.
      while (j + 1 < terms.length && (terms[j] as RawTerm).post === '-' && (terms[j + 1] as RawTerm).pre === '') j++;
      const group = terms.slice(i, j + 1);
      const g0 = group[0] as RawTerm;
      const gl = group.at(-1) as RawTerm;
      const wStart = g0.start;
      let wEnd = gl.start + gl.length;
      let post = gl.post;
      // "U.S." and "U.N.": compromise leaves the final period in the punctuation; it belongs to the abbreviation.
      if (
        (/^(\p{L}\.)+\p{L}$/u.test(text.slice(wStart, wEnd)) || /^(Inc|Corp|Co|Ltd|Bros|Jr|Sr|Mo|St)$/.test(text.slice(wStart, wEnd))) &&
        text.charAt(wEnd) === '.'
      ) {
        wEnd++;
        post = post.slice(1);
      }
      const wText = text.slice(wStart, wEnd);
      const possessive = POSSESSIVE.test(wText) && wText.length > 2;
      const cut = possessive ? (/s['’]$/.test(wText) ? 1 : 2) : 0;
      const tags = new Set<string>();
      for (const t of group) for (const tag of t.tags) tags.add(tag);
      const prevPost = sentenceWords.at(-1)?.post ?? '';
      const word: Word = {
        index: words.length,
        sentence: si,
        start: wStart,
        end: wEnd,
        text: wText,
        lower: wText.toLowerCase().replace(/[’‘]/g, "'"),
        base: wText.slice(0, wText.length - cut),
        baseEnd: wEnd - cut,
        possessive,
        tags,
        pre: g0.pre,
        post,
        capitalized: /^[\p{Lu}]/u.test(wText),
        allCaps: /^[\p{Lu}\d.&-]+$/u.test(wText) && /\p{Lu}.*\p{Lu}|^\p{Lu}$/u.test(wText),
        // After a colon, a dash or an ellipsis ("… Perhaps the dream will come true") a capital starts a clause.
        initial:
          sentenceWords.length === 0 || OPENING.test(g0.pre) || /([:—–…]|\.\.\.)\s*$/.test(prevPost) || /^(…|\.\.\.)$/.test(sentenceWords.at(-1)?.text ?? ''),
        parts: group.map((t) => ({ text: t.text, tags: new Set(t.tags) })),
      };
      words.push(word);
      sentenceWords.push(word);
      i = j + 1;
    }
    bySentence.push(sentenceWords);
  }
  return { text, sentences, words, bySentence };
}
