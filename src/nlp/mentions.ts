// Finds name chunks in each sentence and gives each a type from lexicons, head words, titles and context.
import { gazetteer } from '../geo/gazetteer.js';
import { countryByIso, isLanguage, lookupCapital, lookupCountry, lookupDemonym } from './lexicon/countries.js';
import {
  FACILITY_WORDS,
  firstWordType,
  headType,
  LOWERCASE_ORG_HEADS,
  ORG_NOUNS_AFTER,
  LOWERCASE_PLACE_HEADS,
  lookupKnown,
  ORG_NOUNS_BEFORE,
  SPORT_EVENT_HEADS,
  SPORT_WORDS,
} from './lexicon/heads.js';
import { COMMON_CAPS, FUNCTION_WORDS, LOCATIVE_PREPOSITIONS, NAME_PARTICLES, SPEECH_VERBS, WEEKDAYS_MONTHS } from './lexicon/words.js';
import { isCommonWord, isRoleNoun, type Parsed, type Word } from './parse.js';
import { nameKey } from './slug.js';
import { findTitles, type TitleSpan } from './titles.js';
import type { EntityType } from './types.js';

export interface Candidate {
  sentence: number;
  /** Word indices (inclusive) within the sentence. */
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  type: EntityType | null;
  reason: string;
  confidence: number;
  iso?: string;
  acronym: boolean;
  /** A title written right before the name ("Foreign Minister" Jane Roe). */
  title?: TitleSpan;
  /** What that title is held in: a country code or the candidate before the title. */
  titleOf?: { iso?: string; candidate?: Candidate };
  /** "X (Y)": this candidate is Y, written in brackets right after X. */
  parenOf?: Candidate;
  /** The name to key and show it by when it differs from the text ("Lima's nuclear program" → "Iran's nuclear program"). */
  canonical?: string;
  /** Lower-case deal phrases ("the 2015 nuclear deal") join a named program when the text ties them. */
  tieKey?: string;
  apposedTo?: Candidate;
  /** Capitalised only because it starts a sentence: kept only if the document confirms it. */
  weak: boolean;
  locative: boolean;
  words: number;
}

export interface DemonymMark {
  sentence: number;
  word: number;
  iso: string;
}

export interface SentenceMentions {
  candidates: Candidate[];
  titles: TitleSpan[];
  demonyms: DemonymMark[];
}

const ADJECTIVE_SUFFIX = /(ian|can|ish|ese|ic|al|ist|ists)$/;
const GROUP_PLURAL = /(ists|ans|ites)$/;
const CONNECTOR_HEADS = new Set(['republic', 'kingdom', 'federation', 'emirates', 'commonwealth', 'union', 'state', 'states', 'islands']);
const STANDALONE_ORG_HEADS = new Set(['congress', 'senate', 'parliament', 'cabinet', 'pentagon', 'kremlin']);
const SENTENCE_MARK = /[^\s]/;
const ALL_CAPS_SENTENCE_MIN_WORDS = 3;

const isNumericTail = (w: Word): boolean => w.parts.length > 1 && /^\d/.test((w.parts.at(-1) as { text: string }).text);
const isLowerTailCompound = (w: Word): boolean =>
  w.parts.length > 1 && /^\p{Ll}/u.test((w.parts.at(-1) as { text: string }).text) && !NAME_PARTICLES.has((w.parts[0] as { text: string }).text.toLowerCase());
const isParticleWord = (w: Word): boolean =>
  w.parts.length > 1 && NAME_PARTICLES.has((w.parts[0] as { text: string }).text.toLowerCase()) && /^\p{Lu}/u.test((w.parts.at(-1) as { text: string }).text);

/** Could this word be (part of) a name? */
function nameShaped(w: Word): boolean {
  if (!w.capitalized && !isParticleWord(w)) return false;
  // "US" is a country, "us" a pronoun.
  if (w.allCaps && lookupCountry(w.base)) return true;
  // Function words are capitalised at the start of a sentence; in mid-sentence ("First Bank") they are names.
  // "UNHA Executive Director …" opening a sentence is the acronym, not the question word.
  const acronym = w.allCaps && w.base.length >= 3 && !ALWAYS_FUNCTION.has(w.lower);
  if ((w.initial || ALWAYS_FUNCTION.has(w.lower)) && !acronym && (FUNCTION_WORDS.has(w.lower) || FUNCTION_WORDS.has(w.base.toLowerCase()))) return false;
  if (WEEKDAYS_MONTHS.has(w.base.toLowerCase().replace(/\.$/, ''))) return false;
  if (isNumericTail(w)) return false;
  if (/['’](ve|m|ll|re|d)$/i.test(w.text)) return false;
  return /\p{L}/u.test(w.text);
}

const hasTag = (w: Word, ...tags: string[]): boolean => tags.some((t) => w.tags.has(t));
const ALWAYS_FUNCTION = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'you',
  'his',
  'her',
  'its',
  'their',
  'our',
  'your',
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
]);
const COMPANY_SUFFIX = new Set(['inc', 'inc.', 'corp', 'corp.', 'co', 'co.', 'ltd', 'ltd.', 'plc', 'llc', 'ag', 'ab', 'sa', 'nv', 'spa', 'gmbh']);
const SPORT_VERBS = new Set([
  'beat',
  'beats',
  'drew',
  'defeated',
  'thrashed',
  'edged',
  'routed',
  'v',
  'vs',
  'vs.',
  'captain',
  'coach',
  'striker',
  'midfielder',
  'goalkeeper',
  'batsman',
  'bowler',
]);
const initialsOf = (name: string): string =>
  name
    .split(/[\s-]+/)
    .filter((x) => /^\p{Lu}/u.test(x))
    .map((x) => x.charAt(0))
    .join('');
const isInitial = (w: Word): boolean => /^\p{Lu}$/u.test(w.text) && /^\.\s+$/.test(w.post);

/** Words whose lower-case form occurs in the document: a capitalised "Talks" at a sentence start is a word, not a name. */
export function lowercaseVocabulary(parsed: Parsed): Set<string> {
  const vocab = new Set<string>();
  for (const w of parsed.words) if (!w.capitalized && /^\p{Ll}/u.test(w.text)) vocab.add(w.base.toLowerCase());
  return vocab;
}

function isAllCapsSentence(words: Word[]): boolean {
  const alpha = words.filter((w) => /\p{L}{2,}/u.test(w.text));
  return alpha.length >= ALL_CAPS_SENTENCE_MIN_WORDS && alpha.every((w) => w.allCaps);
}

/** What the whole document shows, read once before its sentences: the words it writes in lower case, and its genre. */
interface DocContext {
  vocab: Set<string>;
  /** A sports story ("goal", "coach", "season" in lower case): a "… League" in it is a competition. */
  sport: boolean;
}

const MIN_SPORT_WORDS = 2;

export function findMentions(parsed: Parsed, vocab: Set<string>): SentenceMentions[] {
  let sportWords = 0;
  for (const w of SPORT_WORDS) if (vocab.has(w)) sportWords++;
  const doc: DocContext = { vocab, sport: sportWords >= MIN_SPORT_WORDS };
  const found = parsed.bySentence.map((words) => findSentenceMentions(parsed.text, words, doc));
  citiesInStory(found, doc, parsed.text);
  teamsThroughout(found, parsed.bySentence);
  return found;
}

/**
 * One sense per story: a place name that the story shows as a team (a results-table row, "v Northfield") is the
 * team wherever else the story uses it as a name, except where it is plainly the place ("in Northfield").
 */
function teamsThroughout(found: SentenceMentions[], bySentence: Word[][]): void {
  const teams = new Set<string>();
  for (const s of found) for (const c of s.candidates) if (c.type === 'organization' && TEAM_REASONS.has(c.reason)) teams.add(nameKey(c.text));
  // A scorecard in prose ("Westshire 195 and 133-5, Northshire 471 (J. Doe 123)"): two or more places in one
  // sentence, each followed by its score, are the sides.
  found.forEach((s, si) => {
    const words = bySentence[si] as Word[];
    const scored = s.candidates.filter((c) => {
      const next = words[c.last + 1];
      return c.type === 'place' && !hasTag(words[c.first] as Word, 'Country') && next !== undefined && /^\d+(-\d+)?$/.test(next.base);
    });
    if (scored.length >= 2) for (const c of scored) teams.add(nameKey(c.text));
  });
  if (teams.size === 0) return;
  for (const s of found) {
    for (const c of s.candidates) {
      if (c.type !== 'place' || c.locative || c.reason === 'dateline' || !teams.has(nameKey(c.text))) continue;
      c.type = 'organization';
      c.reason = 'team-in-story';
      c.confidence = 0.6;
    }
  }
}

/** "in a post on X", "wrote on X": a platform named by one capital letter. */
function platformLetter(words: Word[], k: number): boolean {
  const w = words[k] as Word;
  if (!/^\p{Lu}$/u.test(w.base) || (words[k - 1] as Word | undefined)?.lower !== 'on') return false;
  for (let x = k - 2; x >= Math.max(0, k - 4); x--) if (POSTING_WORDS.has((words[x] as Word).lower)) return true;
  return false;
}

/** Roles held in a side, and in a company; a place name before them is the side or the company. */
const SIDE_TITLES = new Set(['captain', 'coach', 'manager', 'striker', 'goalkeeper', 'midfielder', 'defender']);
const BODY_TITLES = new Set(['chief executive', 'ceo', 'chairman', 'chairwoman', 'founder', 'president and ceo']);

/** Words that say something was published on a platform ("a post on X"). */
const POSTING_WORDS = new Set(['post', 'posts', 'posted', 'posting', 'wrote', 'tweeted', 'message', 'statement', 'video', 'said']);

/** Common nouns that, capitalised alone, name a historical event or era rather than an organization. */
const ERA_NOUNS = new Set(['revolution', 'depression', 'holocaust', 'reformation', 'renaissance', 'enlightenment', 'uprising', 'independence', 'partition']);

/** Reasons that type a name as a team (a sports side named after its town). */
export const TEAM_REASONS = new Set(['results-table', 'versus', 'team', 'team-in-story']);

/** A line in title case ("Roe Drops Two Plans to Get Towns Off Oil"): every content word capitalised. */
function isTitleCaseLine(text: string, words: Word[]): boolean {
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return false;
  if (!/(^|\n)[^\S\n]*$/.test(text.slice(0, first.start)) || !/^[^\S\n]*(\n|$)/.test(text.slice(last.end))) return false;
  // Results rows, fixtures and line-ups ("Northfield United 0 Eastwick 2", "Postponed: West Dale v Eastwick") are lists.
  if (words.some((w) => /\d/.test(w.text) || /^(v|vs)\.?$/.test(w.lower) || /:/.test(w.post))) return false;
  const content = words.filter((w) => /^\p{L}{4,}/u.test(w.text));
  return content.length >= MIN_HEADLINE_WORDS && content.every((w) => w.capitalized) && !content.every((w) => w.allCaps);
}

const MIN_HEADLINE_WORDS = 4;

/** In a title-case headline every word is capitalised: one the story writes in lower case, or a verb, is no name. */
function ordinaryInHeadline(w: Word, vocab: Set<string>): boolean {
  if (lookupCountry(w.base) || hasTag(w, 'Person', 'FirstName', 'Place', 'Country', 'City', 'Organization', 'Acronym')) return false;
  const lower = w.base.toLowerCase();
  if (vocab.has(lower) || vocab.has(lower.replace(/e?s$/, '')) || vocab.has(`${lower}s`)) return true;
  return FUNCTION_WORDS.has(lower) || isCommonWord(lower);
}

function findSentenceMentions(text: string, words: Word[], doc: DocContext): SentenceMentions {
  const vocab = doc.vocab;
  const headline = isTitleCaseLine(text, words);
  // "Acme Hospitality Inc", "Lead Underwriter Stone Bridge & Co Inc": an ordinary word in a run that ends in an
  // organization head is part of that name.
  const runEndsInHead = (k: number): boolean => {
    let x = k;
    while (x + 1 < words.length && ((words[x + 1] as Word).capitalized || (words[x + 1] as Word).text === '&') && !SENTENCE_MARK.test((words[x] as Word).post))
      x++;
    return headType((words[x] as Word).base) === 'organization';
  };
  const isNameWord = (w: Word): boolean => nameShaped(w) && !(headline && ordinaryInHeadline(w, vocab) && !runEndsInHead(w.index - (words[0]?.index ?? 0)));
  const titles = findTitles(words, text, doc.vocab);
  const inTitle = new Map<number, TitleSpan>();
  for (const t of titles) for (let k = t.first; k <= t.last; k++) inTitle.set(k, t);
  const titleEndingAt = new Map<number, TitleSpan>(titles.map((t) => [t.last, t]));
  const candidates: Candidate[] = [];
  const demonyms: DemonymMark[] = [];
  const allCaps = isAllCapsSentence(words);
  const sentence = words[0]?.sentence ?? 0;

  const make = (first: number, last: number, endOverride?: number): Candidate => {
    const a = words[first] as Word;
    const b = words[last] as Word;
    const end = endOverride ?? b.baseEnd;
    return {
      sentence,
      first,
      last,
      start: a.start,
      end,
      text: text.slice(a.start, end),
      type: null,
      reason: '',
      confidence: 0,
      acronym: false,
      weak: false,
      locative: false,
      words: last - first + 1,
    };
  };

  let i = 0;
  while (i < words.length) {
    const w = words[i] as Word;
    // "A. Dale": an initial starts a name even when the letter is also a word.
    const initialStart = isInitial(w) && words[i + 1] !== undefined && isNameWord(words[i + 1] as Word);
    if (inTitle.has(i) || (!isNameWord(w) && !initialStart)) {
      i++;
      continue;
    }
    if (allCaps) {
      // Headlines in capitals: only names the lexicons know ("SRI LANKA", "EUROPEAN UNION"), longest first.
      let hit: { k: number; type: EntityType; iso?: string } | null = null;
      for (let k = Math.min(3, words.length - i); k >= 1 && !hit; k--) {
        const span = words.slice(i, i + k) as Word[];
        if (span.slice(0, -1).some((x) => SENTENCE_MARK.test(x.post))) continue;
        const phrase = text.slice(span[0]?.start ?? 0, span.at(-1)?.baseEnd ?? 0);
        const iso = lookupCountry(phrase);
        const known = lookupKnown(phrase);
        if (iso) hit = { k, type: 'country', iso };
        else if (known) hit = { k, type: known };
        else if (k === 1 && lookupCapital(phrase)) hit = { k, type: 'place' };
      }
      if (hit) {
        const c = make(i, i + hit.k - 1);
        Object.assign(c, { type: hit.type, reason: 'headline-lexicon', confidence: 0.8, ...(hit.iso ? { iso: hit.iso } : {}) });
        candidates.push(c);
        i += hit.k;
      } else i++;
      continue;
    }
    // "Iran-backed": the capitalised part is a mention; the compound is an adjective.
    if (isLowerTailCompound(w)) {
      const part = (w.parts[0] as { text: string }).text;
      const iso = lookupCountry(part);
      if (iso) {
        const c = make(i, i, w.start + part.length);
        Object.assign(c, { type: 'country', iso, reason: 'country-lexicon', confidence: 0.9 });
        candidates.push(c);
      } else {
        const dem = lookupDemonym(part);
        if (dem) demonyms.push({ sentence, word: i, iso: dem });
        else {
          // "Lima-born", "Oslo-based": a place; "Westbrook-educated": the school.
          const tail = ((w.parts.at(-1) as { text: string }).text ?? '').toLowerCase();
          const partTags = (w.parts[0] as { tags: ReadonlySet<string> }).tags;
          const placeName = lookupCapital(part) !== undefined || ['Place', 'City', 'Region'].some((t) => partTags.has(t));
          const type: EntityType | null = PLACE_COMPOUND_TAILS.has(tail) && placeName ? 'place' : SCHOOL_COMPOUND_TAILS.has(tail) ? 'organization' : null;
          if (type && w.parts.length === 2) {
            const c = make(i, i, w.start + part.length);
            Object.assign(c, { type, reason: `compound-${tail}`, confidence: 0.7 });
            candidates.push(c);
          }
        }
      }
      i++;
      continue;
    }
    // A lone capital letter is an initial only when a name follows it.
    if (/^\p{Lu}\.?$/u.test(w.base) && !(isInitial(w) && words[i + 1] && isNameWord(words[i + 1] as Word)) && !platformLetter(words, i)) {
      i++;
      continue;
    }
    // Extend along the capitalised run.
    let j = i;
    let lowerHead: string | null = null;
    for (;;) {
      const cur = words[j] as Word;
      // "J. Smith": an initial continues into the name after it.
      if (isInitial(cur) && words[j + 1] && isNameWord(words[j + 1] as Word) && !inTitle.has(j + 1)) {
        j++;
        continue;
      }
      if (cur.possessive || SENTENCE_MARK.test(cur.post)) break;
      const nx = words[j + 1];
      if (!nx || inTitle.has(j + 1) || SENTENCE_MARK.test(nx.pre)) break;
      // "Jane A. Roe": a middle initial, even one that spells a word.
      if (isInitial(nx) && words[j + 2] !== undefined && isNameWord(words[j + 2] as Word) && !inTitle.has(j + 2)) {
        j++;
        continue;
      }
      // "Acme B shares", "Plan B": a lone letter with no name after it is a class or a label, not part of a name.
      const loneLetter = /^\p{Lu}$/u.test(nx.text) && !(words[j + 2] && isNameWord(words[j + 2] as Word) && !SENTENCE_MARK.test(nx.post));
      if (isNameWord(nx) && !isLowerTailCompound(nx) && !(allCaps && !nx.tags.has('Acronym')) && !loneLetter) {
        j++;
        continue;
      }
      const after = words[j + 2];
      const after2 = words[j + 3];
      // "Douglas & Lomason"; "Organisation for Security and Cooperation in Europe" (inside an "of/for" complement).
      const inComplement = (() => {
        for (let x = i + 1; x <= j; x++) if ((words[x] as Word).lower === 'of' || (words[x] as Word).lower === 'for') return true;
        return false;
      })();
      const ht = headType(cur.base);
      // "Commission on Fair Elections", "Committee on Foreign Relations": a body's remit.
      const onRemit = nx.lower === 'on' && ht === 'organization' && !COMPANY_SUFFIX.has(cur.lower);
      if ((nx.lower === 'of' || nx.lower === 'for' || onRemit) && !SENTENCE_MARK.test(nx.post)) {
        // "Bank of England", "Plan of Action"; but "Kia Motor Corp of South Korea" says where the company is.
        // Inside a complement another "of" continues it: "Office for the Coordination of Relief Affairs".
        const connectorOk = (ht !== undefined && !COMPANY_SUFFIX.has(cur.lower)) || CONNECTOR_HEADS.has(cur.lower) || (inComplement && nx.lower === 'of');
        if (connectorOk && after && isNameWord(after) && !inTitle.has(j + 2)) {
          j += 2;
          continue;
        }
        if (connectorOk && after?.lower === 'the' && after2 && isNameWord(after2) && !inTitle.has(j + 3)) {
          j += 3;
          continue;
        }
      }
      // "Westbrook Institute for Marine Biology in Oslo": a city after "in" says where the body is.
      const inCity = nx.lower === 'in' && after !== undefined && (hasTag(after, 'City') || lookupCapital(after.base) !== undefined);
      if (
        (nx.text === '&' || (inComplement && (nx.lower === 'and' || (nx.lower === 'in' && !inCity)))) &&
        after &&
        isNameWord(after) &&
        !SENTENCE_MARK.test(nx.post) &&
        !inTitle.has(j + 2)
      ) {
        j += 2;
        continue;
      }
      // "Joost van der Westhuizen": one or more particles between parts of a name.
      if (NAME_PARTICLES.has(nx.lower) && !SENTENCE_MARK.test(nx.post)) {
        let k = j + 2;
        while (k < words.length && NAME_PARTICLES.has((words[k] as Word).lower) && !SENTENCE_MARK.test((words[k] as Word).post) && k < j + 4) k++;
        const target = words[k];
        if (target && isNameWord(target) && !inTitle.has(k)) {
          j = k;
          continue;
        }
      }
      const chunkText = text.slice((words[i] as Word).start, cur.baseEnd);
      // "the Roe government" is a body; "the Lima government", "the Peruvian government" are the country's.
      const placeLike =
        lookupCapital(chunkText) !== undefined ||
        hasTag(cur, 'Place', 'City', 'Country', 'Region', 'Adjective', 'Demonym') ||
        /(ian|ine|ese|ish|ic)$/.test(cur.lower);
      const orgHeadOk = LOWERCASE_ORG_HEADS.has(nx.base) && !lookupCountry(chunkText) && !lookupDemonym(chunkText) && !(nx.base === 'government' && placeLike);
      const placeHeadOk = LOWERCASE_PLACE_HEADS.has(nx.base) && !hasTag(cur, 'Adjective', 'Demonym');
      if (!nx.capitalized && (placeHeadOk || orgHeadOk)) {
        lowerHead = nx.base;
        j++;
      }
      break;
    }
    let first = i;
    // Drop sentence-initial words that are ordinary words ("Hawkish Israeli ...", "Municipal workers").
    while (first < j) {
      const fw = words[first] as Word;
      if (
        fw.initial &&
        !lookupCountry(fw.base) &&
        !hasTag(fw, 'Person', 'FirstName', 'Place', 'Country', 'City') &&
        // "Radio Northfield quoted police": a head word in front belongs to the name.
        !(first === j - 1 && firstWordType(fw.base)) &&
        // "Witness Jane Roe said …": a role noun that opens the sentence is not the name's first word.
        (vocab.has(fw.lower) ||
          (isRoleNoun(fw.lower) && hasTag(words[first + 1] as Word, 'Person', 'FirstName')) ||
          hasTag(fw, 'Adjective', 'Adverb', 'Verb', 'Gerund', 'Plural'))
      )
        first++;
      else break;
    }
    // A leading demonym is a modifier unless the name needs it ("Peruvian Fisheries Organization").
    const lastWord = words[j] as Word;
    const fullHead = lowerHead ?? headOf(words, first, j);
    const wholeTyped =
      lookupCountry(text.slice((words[first] as Word).start, lastWord.baseEnd)) || lookupKnown(text.slice((words[first] as Word).start, lastWord.baseEnd));
    while (first <= j && !wholeTyped) {
      const fw = words[first] as Word;
      const iso = lookupDemonym(fw.base);
      const isDemonym = iso !== undefined || hasTag(fw, 'Demonym');
      if (!isDemonym) break;
      if (first < j && fullHead && headType(fullHead) && headType(fullHead) !== 'place') break;
      if (iso) demonyms.push({ sentence, word: first, iso });
      first++;
    }
    if (first > j) {
      i = j + 1;
      continue;
    }
    const c = make(first, j);
    classify(c, words, text, doc, titleEndingAt, lowerHead, candidates, demonyms);
    // "The Oval", "The Clarion": a capitalised article in mid-sentence is part of the name as written.
    const article = words[first - 1];
    if (article && article.text === 'The' && !article.initial && !SENTENCE_MARK.test(article.post) && (c.type === 'organization' || c.type === 'place')) {
      c.first = first - 1;
      c.start = article.start;
      c.text = text.slice(c.start, c.end);
      c.words++;
    }
    if (c.type !== null || !c.reason.startsWith('skip')) candidates.push(c);
    i = j + 1;
  }
  // "National Border Guard Corps (NBGC)", "Diario (Daily)": a bracketed name right after a name.
  for (let k = 1; k < candidates.length; k++) {
    const c = candidates[k] as Candidate;
    const prev = candidates[k - 1] as Candidate;
    const w = words[c.first] as Word;
    if (c.first === prev.last + 1 && /\(\s*$/.test((words[prev.last] as Word).post + w.pre) && c.last === c.first && /^\)/.test((words[c.last] as Word).post)) {
      // "Northfield (AP) —": a place's bracket holds an agency or a country, its acronym only when the initials say so.
      const placeBefore = (prev.type === 'country' || prev.type === 'place') && initialsOf(prev.text) !== c.text;
      if (c.type !== 'country' && c.type !== 'place' && !placeBefore) c.parenOf = prev;
    }
  }
  findPhrases(text, words, candidates, inTitle);
  // "Rovers beat United", "CHICAGO AT TORONTO": a place that plays is a team (countries stay countries).
  for (const c of candidates) {
    // England, Scotland: nations that field sides without being countries in the lexicon; their side is the nation.
    if (c.type !== 'place' || hasTag(words[c.first] as Word, 'Country')) continue;
    const before = words[c.first - 1];
    const after = words[c.last + 1];
    const plays = (w: Word | undefined): boolean => w !== undefined && (SPORT_VERBS.has(w.lower) || w.text === 'AT');
    if ((plays(after) && !SENTENCE_MARK.test((words[c.last] as Word).post)) || (plays(before) && !SENTENCE_MARK.test((before as Word).post))) {
      c.type = 'organization';
      c.reason = 'team';
      c.confidence = 0.6;
    }
  }
  // "Northfield captain Jo Doe", "Acme chief executive Jo Doe": a place name (or a name nothing explains) holding
  // a side's or a company's role is that side or company (a governor or a mayor stays the place's).
  for (const c of candidates) {
    const unknown = c.type === null && c.reason === 'unknown';
    if ((c.type !== 'place' && !unknown) || c.reason === 'dateline' || hasTag(words[c.first] as Word, 'Country')) continue;
    const roles = titles.filter((t) => t.first >= c.last + 1 && t.first <= c.last + 2).map((t) => t.info.title);
    if (roles.length === 0 || (words[c.last] as Word).possessive || SENTENCE_MARK.test((words[c.last] as Word).post)) continue;
    if (roles.some((r) => SIDE_TITLES.has(r))) Object.assign(c, { type: 'organization', reason: 'team', confidence: 0.6 });
    else if (roles.some((r) => BODY_TITLES.has(r))) Object.assign(c, { type: 'organization', reason: 'role-body', confidence: 0.6 });
  }
  // "Clinton and Dole", "Doe, Roe and Poe": a name nothing explains, coordinated with a person, is a person.
  const ordered = [...candidates].sort((a, b) => a.first - b.first);
  for (let k = 0; k < ordered.length; k++) {
    const c = ordered[k] as Candidate;
    if (c.type !== null || c.reason !== 'unknown' || c.words !== 1) continue;
    const joined = (a: Candidate, b: Candidate): boolean => {
      const between = words[a.last + 1];
      return (
        (b.first === a.last + 2 &&
          between !== undefined &&
          (between.lower === 'and' || between.lower === 'or') &&
          !SENTENCE_MARK.test((words[a.last] as Word).post)) ||
        (b.first === a.last + 1 && /^,\s*$/.test((words[a.last] as Word).post))
      );
    };
    const before = ordered[k - 1];
    const after = ordered[k + 1];
    if ((before?.type === 'person' && joined(before, c)) || (after?.type === 'person' && joined(c, after))) {
      c.type = 'person';
      c.reason = 'coordinated-person';
      c.confidence = 0.6;
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  return { candidates, titles, demonyms };
}

const PROGRAM_NOUNS = new Set(['program', 'programme', 'programs', 'programmes']);
const STRATEGY_NOUNS = new Set(['strategy', 'policy', 'doctrine', 'campaign', 'plan']);
const DEAL_NOUNS = new Set(['deal', 'agreement', 'accord', 'treaty', 'pact']);
const BROADCAST_NOUNS = new Set(['tv', 'television', 'broadcaster', 'radio']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their']);

/** Lower-case modifiers ("nuclear", "zero tolerance") from word k on, up to a head from `heads`. */
function modifiersUpTo(words: Word[], k: number, heads: Set<string>, max: number): number | null {
  for (let x = k; x < words.length && x < k + max + 1; x++) {
    const w = words[x] as Word;
    if (w.capitalized || !/^\p{Ll}/u.test(w.text)) return null;
    if (heads.has(w.base)) return x > k ? x : null;
    if (SENTENCE_MARK.test(w.post) || w.possessive || !(w.tags.has('Adjective') || w.tags.has('Noun'))) return null;
  }
  return null;
}

/**
 * Lower-case names that the capitalised-chunk pass cannot see: "Lima's nuclear program" (a country's program),
 * "his zero tolerance policy", "state TV", and "the 2015 nuclear deal" (kept only if tied to a named program).
 */
function findPhrases(text: string, words: Word[], candidates: Candidate[], inTitle: Map<number, TitleSpan>): void {
  const sentence = words[0]?.sentence ?? 0;
  const byLast = new Map(candidates.map((c) => [c.last, c]));
  const span = (first: number, last: number, type: EntityType, reason: string, confidence: number): Candidate => {
    const a = words[first] as Word;
    const b = words[last] as Word;
    return {
      sentence,
      first,
      last,
      start: a.start,
      end: b.baseEnd,
      text: text.slice(a.start, b.baseEnd),
      type,
      reason,
      confidence,
      acronym: false,
      weak: false,
      locative: false,
      words: last - first + 1,
    };
  };
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as Word;
    if (inTitle.has(k)) continue;
    // "Iran's nuclear program": a country's program, named after the country whatever it is called here.
    const owner = byLast.get(k);
    if (owner?.type === 'country' && owner.iso && w.possessive) {
      const head = modifiersUpTo(words, k + 1, PROGRAM_NOUNS, 3);
      if (head !== null) {
        const c = span(owner.first, head, 'program', 'country-program', 0.8);
        const country = countryByIso(owner.iso)?.name ?? owner.text;
        c.canonical = `${country}'s ${text.slice((words[k + 1] as Word).start, (words[head] as Word).baseEnd)}`;
        candidates.push(c);
      }
    }
    // "his zero tolerance policy": at least two modifiers keep "foreign policy" out.
    if (POSSESSIVE_PRONOUNS.has(w.lower) || (owner && w.possessive && owner.type === 'person')) {
      const head = modifiersUpTo(words, k + 1, STRATEGY_NOUNS, 3);
      if (head !== null && head - k >= 3) candidates.push(span(k + 1, head, 'program', 'possessed-strategy', 0.65));
    }
    // "state TV", "state television": the state broadcaster.
    const nx = words[k + 1];
    if (w.lower === 'state' && !w.capitalized && nx && BROADCAST_NOUNS.has(nx.base.toLowerCase()) && !SENTENCE_MARK.test(w.post)) {
      for (let x = candidates.length - 1; x >= 0; x--) if ((candidates[x] as Candidate).first === k + 1) candidates.splice(x, 1);
      const c = span(k, k + 1, 'organization', 'state-broadcaster', 0.7);
      c.canonical = nx.base.toLowerCase() === 'tv' ? 'state television' : `state ${nx.base.toLowerCase()}`;
      candidates.push(c);
    }
    // "the 2015 nuclear deal, the Joint Fisheries Plan of Action": a deal phrase tied to a named program.
    if (w.lower === 'the') {
      let x = k + 1;
      if (words[x] && /^(1[89]|20)\d\d$/.test((words[x] as Word).text)) x++;
      const head = modifiersUpTo(words, x, DEAL_NOUNS, 2);
      if (head !== null) {
        const c = span(k + 1, head, 'program', 'deal-phrase', 0.6);
        c.tieKey = text.slice((words[x] as Word).start, (words[head] as Word).baseEnd).toLowerCase();
        const hw = words[head] as Word;
        let after = head + 1;
        if (/^,\s*$/.test(hw.post) && (words[after] as Word | undefined)?.lower === 'the') after++;
        const next = candidates.find((n) => n.first === after && n.type === 'program');
        if (next && /^,\s*$/.test(hw.post)) c.apposedTo = next;
        candidates.push(c);
      }
    }
  }
}

/**
 * A line of a results table: several names each followed by a number ("Luton 1 Rotherham 0"), or a standings row,
 * a name and then only numbers ("Northfield 71 64 .526 10").
 */
function isScoreLine(words: Word[]): boolean {
  let pairs = 0;
  for (let k = 0; k + 1 < words.length; k++) if ((words[k] as Word).capitalized && /^\d/.test((words[k + 1] as Word).text)) pairs++;
  const digits = words.filter((w) => /^[\d.,:-]+$/.test(w.text)).length;
  if (pairs >= 2 && digits * 2 >= words.length) return true;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w.text)).length;
  const names = words.length - digits;
  return pairs >= 1 && lower === 0 && digits >= 2 && names <= 4 && /^(\d|-$)/.test((words.at(-1) as Word | undefined)?.text ?? '');
}

/** The head word of a name: the word before its first "of"/"for", else its last word. */
function headOf(words: Word[], first: number, last: number): string | null {
  for (let k = first + 1; k <= last; k++) {
    const lw = (words[k] as Word).lower;
    if (lw === 'of' || lw === 'for') return (words[k - 1] as Word).base;
  }
  return last > first ? (words[last] as Word).base : null;
}

interface Verdict {
  type: EntityType | null;
  reason: string;
  confidence: number;
}

const verdict = (type: EntityType | null, reason: string, confidence: number): Verdict => ({ type, reason, confidence });

/** What joins the sides of a fixture: a dash, after a bracketed note ("Northfield (N) - Eastwick"). */
const PAIRED_BY_DASH = /^\s*(\([^)]{0,12}\))?\s*[-–—]\s*$/;
/** A city of this many people is a place by name alone (issue 16: the gazetteer as typing evidence). */
const MIN_CITY_POPULATION = 10_000;
/** Prepositions that put what follows on the map ("to" and "from" also take people: "said to Jackson"). */
const STRONG_LOCATIVES = new Set(['in', 'near', 'outside', 'inside', 'across', 'around', 'into', 'toward', 'towards', 'via']);

/**
 * Is this name a known city of MIN_CITY_POPULATION+ people that may be read as one here? Not a common word ("Mobile",
 * "Split") or a word the story writes in lower case, and in a sports story only after a preposition of place (a
 * side is named after its town).
 */
function gazetteerCity(c: Candidate, words: Word[], doc: DocContext): boolean {
  const fw = words[c.first] as Word;
  if (c.words === 1 && (isCommonWord(fw.lower) || doc.vocab.has(fw.base.toLowerCase()))) return false;
  if (doc.sport && !c.locative) return false;
  return gazetteer().largestNamed(c.text) >= MIN_CITY_POPULATION;
}

/**
 * One capitalised word that nothing explained ("Recife was flooded"), judged with the whole story read: a known
 * city of MIN_CITY_POPULATION+ people, or one spelled like such a city in a country the story names ("Derna was hit"
 * in a story naming Libya, where GeoNames writes "Darnah"), is that city. Not when the word is part of a longer name
 * in the story ("Dole" beside "Bob Dole", "Magna" beside "Magna International Inc"), nor in a sports story unless
 * after a preposition of place.
 */
function citiesInStory(found: SentenceMentions[], doc: DocContext, text: string): void {
  const countries = new Set<string>();
  const inLongerNames = new Set<string>();
  for (const s of found) {
    for (const c of s.candidates) {
      if (c.type === 'country' && c.iso) countries.add(c.iso);
      if (c.words > 1) for (const w of nameKey(c.text).split(' ')) inLongerNames.add(w);
    }
    for (const d of s.demonyms) countries.add(d.iso);
  }
  const g = gazetteer();
  const unknown = (c: Candidate): boolean => c.type === null && c.reason === 'unknown' && c.words === 1;
  for (const s of found) {
    for (const c of s.candidates) {
      if (!unknown(c) || (doc.sport && !c.locative)) continue;
      const lower = c.text.toLowerCase();
      if (doc.vocab.has(lower) || isCommonWord(lower) || inLongerNames.has(nameKey(c.text))) continue;
      // "Northfield (N) - Eastwick": two bare names joined by a dash are the sides of a fixture.
      const paired = s.candidates.some(
        (o) => o !== c && unknown(o) && PAIRED_BY_DASH.test(o.start > c.end ? text.slice(c.end, o.start) : text.slice(o.end, c.start)),
      );
      if (paired) continue;
      if (g.largestNamed(c.text) >= MIN_CITY_POPULATION) Object.assign(c, { type: 'place', reason: 'gazetteer-city', confidence: 0.7, weak: false });
      else if ([...countries].some((iso) => g.tolerant(c.text, iso).some((t) => (t.city.population ?? 0) >= MIN_CITY_POPULATION)))
        Object.assign(c, { type: 'place', reason: 'gazetteer-spelling', confidence: 0.65, weak: false });
    }
  }
}

/** Lower-case nouns for parts of a city: "a Lima hotel", "Oslo's streets". */
const CITY_PART_NOUNS = new Set([
  'hotel',
  'hotels',
  'street',
  'streets',
  'suburb',
  'suburbs',
  'outskirts',
  'neighbourhood',
  'neighborhood',
  'district',
  'residents',
  'hospital',
  'stadium',
  'square',
  'mosque',
  'market',
]);
const GOVERNMENT_NOUNS = new Set(['government', 'regime', 'authorities', 'leadership', 'officials']);
const CITY_NOUNS = new Set(['capital', 'city', 'town', 'village', 'port']);

/**
 * A capital named as the city, not its government: "the Peruvian capital Lima", "a popular Lima hotel",
 * "Lima's National Stadium", "Oslo's streets" ("Lima's nuclear program" stays the government's).
 */
function capitalUsedLiterally(words: Word[], c: Candidate): boolean {
  const prev = words[c.first - 1];
  const lw = words[c.last] as Word;
  if (prev && !prev.capitalized && CITY_NOUNS.has(prev.base) && !SENTENCE_MARK.test(prev.post)) return true;
  if (SENTENCE_MARK.test(lw.post)) return false;
  const next = words[c.last + 1];
  if (!next) return false;
  if (!next.capitalized) return CITY_PART_NOUNS.has(next.base) || FACILITY_WORDS.has(next.base);
  if (!lw.possessive) return false;
  // "Lima's National Stadium": the possessed name ends in a place head.
  let k = c.last + 1;
  while (k + 1 < words.length && (words[k + 1] as Word).capitalized && !SENTENCE_MARK.test((words[k] as Word).post)) k++;
  return headType((words[k] as Word).base) === 'place';
}

/** Words that begin place names ("New Westbrook", "Greater Northfield", "Upper Dale", "San Verde"). */
const PLACE_MODIFIERS = new Set(
  (
    'north south east west northern southern eastern western central northeast northwest southeast southwest new old ' +
    'upper lower greater inner outer mainland metro downtown san santa são sao saint st st. port fort mount lake cape la ' +
    'el los las le al rio bay gulf isla costa puerto'
  ).split(' '),
);

function namedAfterPlace(fw: Word, lw: Word): boolean {
  const place = lookupCountry(lw.base) !== undefined || lookupCapital(lw.base) !== undefined || hasTag(lw, 'City', 'Country');
  // "N. Westland", "S. Westland": an initial there is a compass point.
  if (!place || fw.possessive || /^\p{Lu}\.?$/u.test(fw.base)) return false;
  if (hasTag(fw, 'Place', 'City', 'Region', 'Country', 'FirstName', 'Person', 'Adjective', 'Demonym', 'Honorific')) return false;
  return !PLACE_MODIFIERS.has(fw.lower) && !ADJECTIVE_SUFFIX.test(fw.lower) && !lookupDemonym(fw.base) && !lookupCountry(fw.base);
}

function acronymInside(words: Word[], c: Candidate): boolean {
  for (let k = c.first; k <= c.last; k++) {
    const w = words[k] as Word;
    if ((w.allCaps && w.tags.has('Acronym') && /^\p{Lu}{2,}$/u.test(w.base)) || /^\p{Lu}{2,}s$/u.test(w.base)) return true;
  }
  return false;
}

const DISEASE_NOUNS = new Set(['virus', 'disease', 'fever', 'flu', 'syndrome', 'outbreak', 'epidemic', 'infection', 'infections']);
const PLACE_COMPOUND_TAILS = new Set(['born', 'based', 'raised', 'bred', 'headquartered']);
const SCHOOL_COMPOUND_TAILS = new Set(['educated', 'trained']);

const DATELINE_END = /^([^—–:\n]*?)(\s[-—–]\s|\s?[—–]|:\s)/u;
const MONTH_DAY = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$|^\d{1,2}$|^\d{4}$/i;

/**
 * What follows a name that opens a line, up to a dash or colon: "(AP)", "[Peru], September 15", ", (Agency)".
 * A bracketed name or a date must be there: "Analysis: …" and "TENNIS - RESULTS" are no datelines.
 */
function isDatelineTail(after: string): boolean {
  const m = DATELINE_END.exec(after);
  if (!m) return false;
  const between = m[1] as string;
  if (!/^[\s,()[\]\p{L}.\d]*$/u.test(between)) return false;
  const tokens = between.split(/[\s,()[\]]+/).filter((t) => t.length > 0);
  if (!tokens.every((t) => /^\p{Lu}/u.test(t) || MONTH_DAY.test(t))) return false;
  const bracketed = /[([]\s*\p{Lu}[\p{L}.]+\s*[)\]]/u.test(between);
  const dated = tokens.some((t) => /\d/.test(t));
  return bracketed || dated;
}

/** Types one chunk (and records its title, holder and context on it). Rules run from surest to weakest. */
function classify(
  c: Candidate,
  words: Word[],
  text: string,
  doc: DocContext,
  titleEndingAt: Map<number, TitleSpan>,
  lowerHead: string | null,
  candidates: Candidate[],
  demonyms: DemonymMark[],
): void {
  const v = judge(c, words, text, isScoreLine(words), doc, titleEndingAt, lowerHead, candidates, demonyms);
  c.type = v.type;
  c.reason = v.reason;
  c.confidence = v.confidence;
}

function judge(
  c: Candidate,
  words: Word[],
  text: string,
  scoreLine: boolean,
  doc: DocContext,
  titleEndingAt: Map<number, TitleSpan>,
  lowerHead: string | null,
  candidates: Candidate[],
  demonyms: DemonymMark[],
): Verdict {
  const set = verdict;
  const fw = words[c.first] as Word;
  const lw = words[c.last] as Word;
  const prev = words[c.first - 1];
  const next = words[c.last + 1];
  // "in Alto Verde" is a location; "in Vanguard's devices" is not (the preposition governs the noun).
  // "in the Delta" too: the article between changes nothing.
  const prepAt = prev?.lower === 'the' && !prev.capitalized ? c.first - 2 : c.first - 1;
  const prep = words[prepAt];
  // "Roe said to Skyline", "spoke to the Clarion": whom a speaker addresses is no location.
  const beforePrep = words[prepAt - 1];
  const addressee =
    prep?.lower === 'to' && beforePrep !== undefined && (SPEECH_VERBS.has(beforePrep.lower) || /^(spoke|talked|speaking|talking)$/.test(beforePrep.lower));
  c.locative =
    prep !== undefined &&
    LOCATIVE_PREPOSITIONS.has(prep.lower) &&
    !SENTENCE_MARK.test(prep.post) &&
    !SENTENCE_MARK.test(prev?.post ?? '') &&
    !lw.possessive &&
    !addressee;
  const title = titleEndingAt.get(c.first - 1);
  if (title) {
    c.title = title;
    c.titleOf = titleHolder(title, words, candidates, demonyms);
  }

  const iso = lookupCountry(c.text);
  if (iso) {
    c.iso = iso;
    return set('country', 'country-lexicon', 0.95);
  }
  const known = lookupKnown(c.text);
  if (known) return set(known, 'general-lexicon', 0.9);
  // "LONDON 1996-08-30": a dateline names the place the story was filed from ("OSLO" there is no acronym).
  // "STIRLING, Scotland 1996-08-31" too: a place, its country, the date.
  const lineStart = c.first === 0 || /\n/.test(`${prev?.post ?? ''}${fw.pre}`);
  if (lineStart && fw.allCaps && /^(,\s*[\p{L} .'-]{2,25})?\s+\d{4}-\d{2}-\d{2}/u.test(text.slice(lw.end, lw.end + 40))) return set('place', 'dateline', 0.8);
  // "Northfield (AP) —", "Lima [Peru], September 15:", "NORTHFIELD, (Agency):": a line opening with a name, then only
  // bracketed agency or country names and a date before a dash or colon, names where the story was filed.
  if (lineStart && !c.title && isDatelineTail(text.slice(lw.baseEnd, lw.baseEnd + 48))) return set('place', 'dateline', 0.8);
  // "a PhD", "TV news", "MEPs", "9 a.m. GMT", "in English": common nouns, plurals of acronyms, time zones, languages.
  if (c.words === 1 && (COMMON_CAPS.has(fw.base.toLowerCase()) || /^\p{Lu}{2,}s$/u.test(fw.base) || isLanguage(fw.base)))
    return set(null, 'skip:common-noun', 0);
  const capitalOf = lookupCapital(c.text);
  if (capitalOf && !c.title) {
    const followedByContainer = next !== undefined && /^,\s*$/.test(lw.post) && (lookupCountry(next.base) !== undefined || hasTag(next, 'Region'));
    // "a protest to the Lima government": the capital stands for the state even after "to".
    const forGovernment = next !== undefined && !next.capitalized && GOVERNMENT_NOUNS.has(next.base) && !SENTENCE_MARK.test(lw.post);
    if (!forGovernment && (c.locative || followedByContainer || capitalUsedLiterally(words, c))) return set('place', 'capital-literal', 0.85);
    c.iso = capitalOf;
    return set('country', 'capital-for-government', 0.75);
  }
  // "TENNIS" in a results table is a shouted word; "NBGC" or "ACN" is an acronym.
  if (
    c.words === 1 &&
    (fw.allCaps || fw.possessive) &&
    /^[\p{Lu}\d&]{2,7}$/u.test(fw.base) &&
    /\p{Lu}/u.test(fw.base) &&
    (fw.tags.has('Acronym') || fw.base.length <= 4)
  ) {
    c.acronym = true;
    return set('organization', 'acronym', 0.6);
  }
  if (c.words === 1 && platformLetter(words, c.first)) return set('organization', 'platform', 0.7);
  let shouted = true;
  for (let k = c.first; k <= c.last; k++) if (!(words[k] as Word).allCaps) shouted = false;
  if (shouted) {
    const row = scoreLine && next !== undefined && /^\d/.test(next.text);
    if (!row && (![fw, lw].some((w) => hasTag(w, 'Place', 'City', 'Region', 'Country')) || c.text.split(/\s+/).some((x) => x.length <= 2)))
      return set(null, 'skip:all-caps', 0);
  }
  const head = lowerHead ?? headOf(words, c.first, c.last);
  if (lowerHead && LOWERCASE_ORG_HEADS.has(lowerHead)) return set('organization', `head:${lowerHead}`, 0.85);
  if (head) {
    // "the Premier League final" in a match report; "the Merchants League" elsewhere.
    if (doc.sport && SPORT_EVENT_HEADS.has(head.toLowerCase())) return set('event', `sport-head:${head.toLowerCase()}`, 0.75);
    const ht = headType(head);
    if (ht) return set(ht, `head:${head.toLowerCase()}`, 0.85);
  } else if (STANDALONE_ORG_HEADS.has(fw.base.toLowerCase())) {
    return set('organization', 'head:standalone', 0.8);
  }
  // "the militant group al-Nasiri", "Italian side Verdona", "broadcaster Skyline": the noun before says what body it is.
  if (prev && !prev.capitalized && ORG_NOUNS_BEFORE.has(prev.base) && !prev.possessive && !SENTENCE_MARK.test(prev.post) && !c.title)
    return set('organization', `body-apposition:${prev.base}`, 0.75);
  // "Hotel Corvina", "Radio Northfield": a head word in front, when the last word is no head.
  const front = c.words > 1 ? firstWordType(fw.base) : undefined;
  if (front && !c.title) return set(front, `front:${fw.lower}`, 0.8);
  if (c.title) return set('person', 'title-prefix', 0.9);
  // "the Revolution", "the Depression": a historical event or era named by its common noun is no body.
  if (c.words === 1 && ERA_NOUNS.has(fw.lower)) return set(null, 'skip:era-noun', 0);
  // "The Clarion", "The Herald": people do not take a capitalised article; publications and bodies do.
  if (prev && prev.text === 'The' && !prev.initial && !SENTENCE_MARK.test(prev.post)) return set('organization', 'capitalised-the', 0.7);
  // "the Al Nadir channel", "the Clarion newspaper", "the state-run Norland news agency": a body's noun follows.
  // One word that opens the sentence may be an ordinary one ("Rebel group says …"): the noun after it proves nothing.
  const ordinaryOpener = c.words === 1 && fw.initial;
  for (let k = c.last + 1; k <= c.last + 2 && k < words.length && !c.title && !ordinaryOpener; k++) {
    const wk = words[k] as Word;
    if (wk.capitalized || SENTENCE_MARK.test((words[k - 1] as Word).post) || (words[k - 1] as Word).possessive) break;
    // "the Islamist group", "a French company": an adjective before the noun is no name.
    const adjective = c.words === 1 && (hasTag(fw, 'Demonym') || lookupDemonym(fw.base) !== undefined || ADJECTIVE_SUFFIX.test(fw.lower));
    if (ORG_NOUNS_AFTER.has(wk.base) && !adjective) return set('organization', `body-noun:${wk.base}`, 0.7);
    if (!hasTag(wk, 'Noun')) break;
  }
  // "Alto Verde enrichment site": a facility word within three lower-case words marks a place.
  for (let k = c.last + 1; k <= c.last + 3 && k < words.length; k++) {
    const wk = words[k] as Word;
    if (wk.capitalized || SENTENCE_MARK.test((words[k - 1] as Word).post)) break;
    if (FACILITY_WORDS.has(wk.base)) return set('place', 'facility-word', 0.75);
  }
  // Results tables ("Luton 1 Rotherham 0", "Hanwha 58 1 49 .542"): a name followed by scores is a team.
  // A player's score follows an initial or a first name ("J. Doe 80"); a team's follows the team.
  const nation = lookupCountry(c.text) !== undefined || (c.words === 1 && hasTag(fw, 'Country'));
  if (scoreLine && next && /^\d/.test(next.text) && !hasTag(fw, 'FirstName') && !/^\p{Lu}\.$/u.test(fw.text) && !nation)
    return set('organization', 'results-table', 0.6);
  // Fixtures: "Northfield v Eastwick", "May 17 v Eastwick". A country there is its national side, which stays a country.
  const versus = (w: Word | undefined): boolean => w !== undefined && /^(v|vs|versus)$/.test(w.lower) && !w.capitalized;
  if ((versus(prev) || (versus(next) && !SENTENCE_MARK.test(lw.post))) && !c.title && !hasTag(fw, 'FirstName') && !nation)
    return set('organization', 'versus', 0.6);
  // "the Jewish state", "Kurdish fighters": an adjective before a noun, not a name.
  if (
    c.words === 1 &&
    !fw.initial &&
    next &&
    /^\p{Ll}/u.test(next.text) &&
    !SENTENCE_MARK.test(lw.post) &&
    (/(ish|ese|ian)$/.test(fw.lower) || hasTag(fw, 'Adjective', 'Demonym'))
  ) {
    return set(null, 'skip:adjective', 0);
  }
  // "the East Asian nation", "West African leaders": a compass word and a demonym before a noun.
  if (
    c.words === 2 &&
    PLACE_MODIFIERS.has(fw.lower) &&
    /(ian|ean|can|ese|ish)$/.test(lw.lower) &&
    next &&
    /^\p{Ll}/u.test(next.text) &&
    !SENTENCE_MARK.test(lw.post)
  )
    return set(null, 'skip:adjective', 0);
  // "the Westbrook virus", "Lima fever": a disease named after a place or a person is no entity of the story.
  if (c.words === 1 && next && DISEASE_NOUNS.has(next.base) && !SENTENCE_MARK.test(lw.post)) return set(null, 'skip:disease', 0);
  const personTags = hasTag(fw, 'FirstName') || (c.words > 1 && hasTag(fw, 'Person')) || hasTag(lw, 'LastName') || (c.words === 1 && hasTag(fw, 'Person'));
  const placeTags = [fw, lw].some((w) => hasTag(w, 'Place', 'City', 'Region', 'Country')) && !hasTag(fw, 'FirstName');
  const speaker = next !== undefined && (SPEECH_VERBS.has(next.lower) || (/^,\s*$/.test(lw.post) && SPEECH_VERBS.has(next.lower)));
  // "the Harbour Front (HF)", "the Lok Dhara and NDP": people take no article, so a name heading its phrase after
  // "the" is a body ("the Biden plan" uses the name as a modifier and is left alone).
  const modifier = next !== undefined && /^\p{Ll}/u.test(next.text) && !SENTENCE_MARK.test(lw.post) && hasTag(next, 'Noun') && !hasTag(next, 'Pronoun');
  // "the Loyalists", "the Republicans": a plural is a group of people, left to the group rule below.
  const groupWord = c.words === 1 && (GROUP_PLURAL.test(fw.lower) || fw.tags.has('Plural'));
  const afterThe = prev !== undefined && prev.lower === 'the' && !SENTENCE_MARK.test(prev.post) && !lw.possessive && !modifier && !groupWord;
  // "Dynamo Lima", "Air Peru", "Statistics Norway", "Sporting Oslo": a word that is no part of a place name before a
  // city or a country names a body after the place.
  if (c.words === 2 && !c.title && namedAfterPlace(fw, lw)) return set('organization', 'named-after-place', 0.65);
  // "UC Westbrook", "Brightvale GDRs": people's names hold no acronym (initials such as "JD Roe" are not tagged one).
  if (c.words > 1 && !shouted && acronymInside(words, c)) return set('organization', 'acronym-in-name', 0.6);
  // "in Hamilton", "near Jackson": a known city of 10,000+ people after a preposition of place is that city, even
  // when the name is also a surname.
  const city = gazetteerCity(c, words, doc);
  if (city && c.locative && STRONG_LOCATIVES.has(words[prepAt]?.lower ?? '')) return set('place', 'gazetteer-city', 0.75);
  if (personTags && !placeTags && !afterThe) return set('person', 'name-lexicon', 0.8);
  if (placeTags) return set('place', 'place-lexicon', 0.75);
  // One word after "the" may be a place as well ("in the Delta"): it is left to the single-word rules below.
  // "The Clarion described …": one word after "the" that speaks is a body.
  if (afterThe && (c.words > 1 || speaker)) return set('organization', 'after-the', 0.6);
  if (c.words > 1 && [fw, lw].some((w) => hasTag(w, 'Organization'))) return set('organization', 'organization-lexicon', 0.65);
  if (speaker && !afterThe && !(fw.initial && fw.tags.has('Plural'))) return set('person', 'speaker', 0.7);
  // "flights to Port Harcourt", "New Haven police": a known city of two or more words that nothing above explains
  // is that city (one word is judged once the whole story is read: citiesInStory).
  if (city && c.words > 1) return set('place', 'gazetteer-city', 0.7);
  if (c.words > 1) {
    const allAlpha = (() => {
      for (let k = c.first; k <= c.last; k++) if (!/^[\p{L}'.-]+$/u.test((words[k] as Word).base)) return false;
      return true;
    })();
    if (allAlpha && c.words <= 4) return set('person', 'name-shape', 0.6);
    return set('organization', 'name-shape', 0.45);
  }
  // One unknown capitalised word.
  if (next && !next.capitalized && /^\p{Ll}/u.test(next.text) && !SENTENCE_MARK.test(lw.post) && !lw.possessive) {
    if (!fw.initial && (ADJECTIVE_SUFFIX.test(fw.lower) || hasTag(fw, 'Adjective', 'Demonym'))) return set(null, 'skip:adjective', 0);
  }
  if (fw.initial) {
    if (doc.vocab.has(fw.base.toLowerCase()) || /(ing|ly|ed)$/.test(fw.lower) || fw.tags.has('Plural')) return set(null, 'skip:sentence-initial', 0);
    c.weak = true;
  }
  if (hasTag(fw, 'Adjective', 'Demonym') && !hasTag(fw, 'ProperNoun')) return set(null, 'skip:adjective', 0);
  // "Zionists", "Republicans", "Shiites": names of groups of people, not of one body.
  if (GROUP_PLURAL.test(fw.lower)) return set(null, 'skip:group-plural', 0);
  return set(null, 'unknown', 0.45);
}

/** "US President-elect", "Iran's foreign minister", "Iranian President": what a title is held in. */
function titleHolder(title: TitleSpan, words: Word[], candidates: Candidate[], demonyms: DemonymMark[]): Candidate['titleOf'] {
  const before = title.first - 1;
  if (before < 0) return undefined;
  const bw = words[before] as Word;
  if (SENTENCE_MARK.test(bw.post) && !bw.possessive) return undefined;
  const dem = demonyms.find((d) => d.word === before);
  if (dem) return { iso: dem.iso };
  const cand = candidates.find((x) => x.last === before);
  if (cand && (cand.type === 'country' || cand.type === 'organization' || cand.iso)) return { candidate: cand };
  const iso = lookupDemonym(bw.base) ?? lookupCountry(bw.base);
  if (iso) return { iso };
  return undefined;
}
