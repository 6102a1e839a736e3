// What words refer back to across a document: pronouns ("he", "its", "they"), definite nouns that name the kind of
// a body or place named before ("the commission", "the hotel"), and quotations that run over several sentences.
import type { Frame, Referents, SentenceAnalysis } from './clauses.js';
import type { Parsed, Word } from './parse.js';
import { countryByIso, lookupCountry } from './lexicon/countries.js';
import type { MentionSlot } from './predicates.js';

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself']);
const FEMININE = new Set(['she', 'her', 'hers', 'herself']);
const THING_PRONOUNS = new Set(['it', 'its', 'itself']);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'their', 'themselves']);
const PREPOSITION_BEFORE = new Set(['of', 'in', 'at', 'on', 'to', 'for', 'from', 'with', 'by', 'under', 'about', 'against', 'between', 'among']);
/** How far back (in sentences) a definite noun looks for the body it names: a news story keeps its referents. */
const DEFINITE_REACH = 40;
/** Types a definite noun may refer to: "the agency", "the court", "the hotel", "the alliance", "the law". */
const DEFINITE_TYPES = new Set(['organization', 'place', 'program']);

export class Discourse {
  /** People who were subjects, the latest first. */
  private people: MentionSlot[] = [];
  private group: MentionSlot[] = [];
  /** For each sentence, the sentence where the quotation open at its start began (-1 when none is open). */
  private readonly quoteFrom: number[];

  constructor(
    private readonly parsed: Parsed,
    private readonly slots: MentionSlot[][],
    private readonly personBefore: (si: number, word: number) => MentionSlot | null,
  ) {
    this.quoteFrom = openQuotations(parsed);
  }

  /** The referents of sentence si for the clause analysis. */
  referents(si: number): Referents {
    const words = this.parsed.bySentence[si] as Word[];
    return { pronoun: (k) => this.pronoun(words, si, k), definite: (noun, k) => this.definite(si, k, noun), capital: (country) => this.capital(country) };
  }

  /** Remembers who was talked about: the first person subject, and the latest subject naming several. */
  observe(analysis: SentenceAnalysis): void {
    const subjects = analysis.frames.flatMap((f) => (f.subject && !f.subject.pronoun ? [f.subject.heads] : []));
    const person = subjects.flat().find((h) => h.type === 'person' && !h.pronoun);
    if (person) this.people = [person, ...this.people.filter((p) => p.id !== person.id)].slice(0, 8);
    // "they" reaches back one sentence at most: a group named longer ago is rarely what it means.
    const group = subjects.find((hs) => hs.length > 1 && hs.every((h) => !h.pronoun));
    this.group = group ?? [];
  }

  /** Names said earlier in a quotation that an attribution in sentence si closes ("“… Libya … . …,” X said."). */
  quotedBefore(si: number, frame: Frame): MentionSlot[] {
    const from = this.quoteFrom[si] ?? -1;
    if (from < 0 || !frame.content || frame.content.first !== 0) return [];
    const out: MentionSlot[] = [];
    for (let s = from; s < si; s++) for (const slot of this.slots[s] ?? []) if (!slot.modifier) out.push(slot);
    return out;
  }

  /**
   * "he"/"his": a person named earlier in the sentence outside a prepositional phrase ("Lula said he …"), else the
   * person who was last a subject ("Lula described … under President Bolsonaro. He also …" is Lula), else the last
   * person named. "it"/"its": the last organization or country named earlier in the sentence or the one before.
   * "they"/"their": the latest subject that named several. First-person pronouns stay unresolved.
   */
  private pronoun(words: Word[], si: number, k: number): MentionSlot[] {
    const lower = (words[k] as Word).lower;
    if (PERSON_PRONOUNS.has(lower)) {
      // "he" is no woman and "she" no man, when a first name says so.
      const gender = FEMININE.has(lower) ? 'f' : 'm';
      const fits = (s: MentionSlot): boolean => s.gender === undefined || s.gender === gender;
      const here = (this.slots[si] ?? []).filter(
        (s) => s.last < k && s.type === 'person' && fits(s) && !PREPOSITION_BEFORE.has((words[s.first - 1] as Word | undefined)?.lower ?? ''),
      );
      const before = this.personBefore(si, k);
      const found = here[0] ?? this.people.find(fits) ?? (before && fits(before) ? before : null);
      return found ? [found] : [];
    }
    if (PLURAL_PRONOUNS.has(lower)) return this.group;
    if (!THING_PRONOUNS.has(lower)) return [];
    const here = (this.slots[si] ?? []).filter((s) => s.last < k && (s.type === 'organization' || s.type === 'country') && !s.modifier);
    if (here.length > 0) return [here.at(-1) as MentionSlot];
    const before = (this.slots[si - 1] ?? []).filter((s) => (s.type === 'organization' || s.type === 'country') && !s.modifier);
    return before[0] ? [before[0]] : [];
  }

  /** "the Italian capital" → the place the story names that is that country's capital. */
  private capital(country: MentionSlot): MentionSlot | null {
    const iso = lookupCountry(country.name);
    const capitals = new Set((iso ? (countryByIso(iso)?.capitals ?? []) : []).map((c) => c.toLowerCase()));
    if (capitals.size === 0) return null;
    for (const ss of this.slots) for (const s of ss) if (s.type === 'place' && capitals.has(s.name.toLowerCase())) return s;
    return null;
  }

  /** "the commission" → the last body named before whose name ends in "Commission"; "the hotel" → "Hotel Sahafi". */
  private definite(si: number, k: number, noun: string): MentionSlot | null {
    const named = this.byHeadWord().get(noun);
    if (!named) return null;
    for (let i = named.length - 1; i >= 0; i--) {
      const { sentence, slot } = named[i] as { sentence: number; slot: MentionSlot };
      if (sentence > si || (sentence === si && slot.last >= k)) continue;
      return sentence >= si - DEFINITE_REACH ? slot : null;
    }
    return null;
  }

  private headIndex: Map<string, { sentence: number; slot: MentionSlot }[]> | null = null;

  /** Bodies, places and programs of two words or more by the word a definite noun would use: last, or a place's first. */
  private byHeadWord(): Map<string, { sentence: number; slot: MentionSlot }[]> {
    if (this.headIndex) return this.headIndex;
    const index = new Map<string, { sentence: number; slot: MentionSlot }[]>();
    const add = (word: string, sentence: number, slot: MentionSlot): void => {
      const list = index.get(word) ?? [];
      list.push({ sentence, slot });
      index.set(word, list);
    };
    this.slots.forEach((ss, sentence) => {
      for (const slot of ss) {
        if (!DEFINITE_TYPES.has(slot.type) || slot.modifier) continue;
        const words = slot.name.toLowerCase().split(/\s+/);
        if (words.length < 2) continue;
        add(words.at(-1) as string, sentence, slot);
        if (slot.type === 'place' && words[0] !== words.at(-1)) add(words[0] as string, sentence, slot);
      }
    });
    this.headIndex = index;
    return index;
  }
}

/** Per sentence: where the quotation still open at its start began, or -1. Curly quotes open and close; straight ones toggle. */
function openQuotations(parsed: Parsed): number[] {
  const out: number[] = [];
  let openSince = -1;
  for (const s of parsed.sentences) {
    out.push(openSince);
    const text = parsed.text.slice(s.start, s.end);
    for (const ch of text) {
      if (ch === '“') openSince = openSince < 0 ? s.index : openSince;
      else if (ch === '”') openSince = -1;
      else if (ch === '"') openSince = openSince < 0 ? s.index : -1;
    }
  }
  return out;
}
