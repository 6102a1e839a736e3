// Clause analysis over compromise's tags: verb groups, noun phrases, and the subject and objects of every predicate
// in a sentence (ReVerb-style: a verb, optional nouns, a preposition), with passives, relative clauses, appositions,
// coordination and reported speech. Pure and cheap: it reads the one parse, never calls compromise again.
import { lemmaOf, type Word } from './parse.js';
import type { MentionSlot } from './predicates.js';

export type Modality = 'asserted' | 'planned' | 'hypothetical' | 'negated' | 'purpose';

export interface VerbGroup {
  /** Word range of the group, auxiliaries and particles included. */
  first: number;
  last: number;
  /** The main verb (the copula when there is no other). */
  head: number;
  /** Infinitive of the head ("fined" → "fine"). */
  lemma: string;
  /** The head as written, lower case, with its particle ("pulled out"). */
  form: string;
  particle: string | null;
  passive: boolean;
  copula: boolean;
  /** Starts with a gerund ("saying that …") or a bare participle ("an effort orchestrated by …"). */
  nonFinite: 'gerund' | 'participle' | 'infinitive' | null;
  modality: Modality;
}

export interface NounPhrase {
  first: number;
  last: number;
  /** The mentions that head the phrase: one, or several coordinated ("A and B", "A, B and C"). */
  heads: MentionSlot[];
  /** Mentions inside the phrase before its head ("IMF economist Reza Baqir": IMF). */
  mods: MentionSlot[];
  /** Common nouns of the phrase, lower case, in order; the head noun last when no mention heads it. */
  nouns: string[];
  /** The phrase ends in a common noun, not a mention. */
  headNoun: string | null;
  /** A pronoun stands for the phrase ("he", "its"). */
  pronoun: string | null;
  /** The conjuncts of a coordinated phrase ("A and the French scientist B"), each with its own modifiers. */
  parts?: NounPhrase[];
}

export interface Argument {
  np: NounPhrase;
  /** Governing preposition, "" for a direct object. */
  prep: string;
  /** Head nouns between the verb and the preposition ("won seats in": seats). */
  via: string[];
}

export interface Frame {
  sentence: number;
  verb: VerbGroup;
  /** Who does it (after passives are undone: the "by" phrase of a passive is the subject here). */
  subject: NounPhrase | null;
  /** The subject was found through a relative pronoun, a shared coordination or a controlling clause. */
  subjectVia: 'plain' | 'relative' | 'shared' | 'control' | 'inverted' | 'passive-by';
  /** What it is done to or with, in order. For a passive, the grammatical subject comes first with prep "". */
  objects: Argument[];
  /** Reported content for speech verbs: the word range the speaker talks about. */
  content: { first: number; last: number } | null;
  /** A bare participle describing the phrase before it ("actions taken by Brazil"): a description, not a happening. */
  reduced?: boolean;
  /** Roles the verb gives its object (or its passive subject): "appointed X as the governor of Y". */
  roles: { noun: NounPhrase; holder: MentionSlot[]; prep: string }[];
}

/** Resolves words that refer back: pronouns, and definite nouns ("the agency") to a named body of that kind. */
export interface Referents {
  pronoun: (k: number) => MentionSlot[];
  definite: (noun: string, k: number) => MentionSlot | null;
  /** "the Italian capital": the capital of the demonym's country, when the story names it. */
  capital: (country: MentionSlot, k: number) => MentionSlot | null;
}

export interface SentenceAnalysis {
  words: Word[];
  /** The verb group of each word that is in one. */
  groupAt: (VerbGroup | undefined)[];
  /** Element index of each word. */
  elements: Element[];
  elementAt: number[];
  phrases: NounPhrase[];
  groups: VerbGroup[];
  frames: Frame[];
}

export type Element =
  | { kind: 'np'; first: number; last: number; np: NounPhrase }
  | { kind: 'vg'; first: number; last: number; vg: VerbGroup }
  | { kind: 'prep' | 'conj' | 'sub' | 'rel' | 'adv' | 'other'; first: number; last: number; word: string };

const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", 'am']);
/** Verbs that link a subject to what it is, like "be": "became the leader of", "remains a member of". */
const LINKING = new Set(['become', 'remain']);
const GET = new Set(['get', 'gets', 'got', 'gotten', 'getting']);
const NEGATIVE = new Set(['not', "n't", 'never', 'no']);
const FUTURE = new Set(['will', 'shall', "'ll", 'wo']);
const HYPOTHETICAL = new Set(['would', 'could', 'might', 'may', 'should', 'can', 'must', "'d", 'ca']);
/** Verbs that put the verb after them in the future or in intention: "plans to visit", "is expected to sign". */
const PLANNING = new Set([
  'plan',
  'schedule',
  'expect',
  'set',
  'aim',
  'intend',
  'seek',
  'want',
  'hope',
  'prepare',
  'propose',
  'go',
  'promise',
  'pledge',
  'vow',
  'threaten',
  'agree',
  'offer',
  'decide',
  'try',
  'attempt',
  'wish',
  'need',
  'like',
  'love',
  'consider',
]);
/** Control verbs whose complement did not happen: "refused to sign", "failed to win". */
/** Control verbs that hedge what follows: "is thought to", "were believed to", "is alleged to", "appears to". */
const HEDGING = new Set(['think', 'believe', 'fear', 'allege', 'suspect', 'rumour', 'rumor', 'seem', 'appear', 'presume', 'suppose', 'claim', 'say', 'report']);
const NEGATING = new Set(['refuse', 'fail', 'decline', 'reject', 'deny', 'stop', 'cease', 'avoid', 'forget']);
/** Nouns that say what kind of body a name is: "the Al Arabiya channel", "the Islamist group". */
const CLASSIFIERS = new Set([
  'newspaper',
  'paper',
  'daily',
  'weekly',
  'magazine',
  'channel',
  'network',
  'broadcaster',
  'station',
  'agency',
  'website',
  'group',
  'party',
  'company',
  'firm',
  'movement',
  'militia',
  'coalition',
  'club',
  'team',
  'side',
  'platform',
  'app',
  'outlet',
  'bank',
  'carrier',
  'airline',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'these', 'those']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** Past participles that do not end in -ed/-en and that compromise may not tag as verbs. */
const PARTICIPLES = new Set([
  'born',
  'borne',
  'held',
  'sold',
  'built',
  'bought',
  'brought',
  'caught',
  'fought',
  'kept',
  'led',
  'fled',
  'met',
  'paid',
  'sent',
  'spent',
  'struck',
  'taught',
  'won',
  'shot',
  'hit',
  'cut',
  'put',
  'set',
  'told',
  'found',
  'left',
  'lost',
]);
/** Verbs of headlines and news English that compromise often tags as nouns ("Spain beat Italy", "will pressure"). */
const VERBISH = new Set([
  'beat',
  'cut',
  'hit',
  'quit',
  'bid',
  'ban',
  'back',
  'head',
  'lead',
  'top',
  'host',
  'name',
  'face',
  'target',
  'fund',
  'force',
  'press',
  'pressure',
  'slam',
  'hail',
  'probe',
  'vow',
  'sue',
  'fine',
  'sign',
  'join',
  'visit',
  'meet',
  'attack',
  'support',
  'oppose',
  'criticize',
  'criticise',
]);
/** Adverbs compromise sometimes tags otherwise ("later obtained", "also said"). */
const ALWAYS_ADVERBS = new Set([
  'overnight',
  'today',
  'yesterday',
  'tomorrow',
  'tonight',
  'later',
  'then',
  'also',
  'soon',
  'recently',
  'still',
  'already',
  'again',
  'earlier',
  'previously',
  'subsequently',
  'separately',
  'meanwhile',
  'currently',
  'now',
]);
const TIME_NOUNS = new Set([
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'time',
  'times',
  'hour',
  'hours',
  'decade',
  'decades',
  'morning',
  'evening',
  'night',
  'weekend',
]);
const TIME_DETERMINERS = new Set(['this', 'last', 'next', 'every', 'each', 'early', 'late']);
const RELATIVES = new Set(['who', 'whom', 'whose', 'which']);
const SUBORDINATORS = new Set(['while', 'whereas', 'although', 'though', 'because', 'unless', 'if', 'whether', 'when', 'once', 'where', 'so']);
/** Prepositions that also open clauses: a noun phrase right after them, before a finite verb, is that verb's subject. */
const DUAL = new Set(['as', 'after', 'before', 'since', 'until', 'till', 'that']);
const COORDINATORS = new Set(['and', 'or', 'but', 'nor']);
const PARTICLES = new Set(['out', 'up', 'off', 'down', 'away', 'back', 'over', 'in', 'on', 'through', 'forward', 'ahead']);
const PREPOSITIONS = new Set([
  'of',
  'to',
  'in',
  'at',
  'on',
  'for',
  'from',
  'with',
  'by',
  'about',
  'against',
  'into',
  'onto',
  'over',
  'under',
  'between',
  'among',
  'amid',
  'toward',
  'towards',
  'across',
  'through',
  'throughout',
  'during',
  'despite',
  'without',
  'within',
  'behind',
  'beyond',
  'near',
  'outside',
  'inside',
  'around',
  'alongside',
  'upon',
  'via',
  'per',
  'like',
  'as',
  'after',
  'before',
  'since',
  'until',
  'till',
  'than',
  'above',
  'below',
  'off',
  'following',
  'including',
  'regarding',
  'concerning',
  'versus',
  'v',
  'vs',
]);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'it', 'its', 'they', 'them', 'their', 'i', 'we', 'you', 'me', 'us', 'our', 'my']);
/** Speech and report verbs (lemmas): their subject is a speaker and what follows is what was said. */
export const SPEECH_LEMMAS = new Set([
  'say',
  'tell',
  'add',
  'state',
  'explain',
  'note',
  'write',
  'argue',
  'warn',
  'insist',
  'claim',
  'announce',
  'declare',
  'stress',
  'emphasize',
  'emphasise',
  'confirm',
  'deny',
  'report',
  'tweet',
  'post',
  'contend',
  'assert',
  'maintain',
  'acknowledge',
  'admit',
  'reply',
  'respond',
  'suggest',
  'predict',
  'remark',
  'comment',
  'observe',
  'recall',
  'signal',
  'describe',
  'estimate',
  'reveal',
  'disclose',
  'allege',
  'caution',
  'indicate',
  'advocate',
  'propose',
  'demand',
  'reiterate',
  'welcome',
  'question',
  'find',
  'conclude',
]);

const boundaryAfter = (w: Word): boolean => /[;:—–()[\]"“”]/.test(w.post) || /^\s*-\s+$/.test(w.post);
const commaAfter = (w: Word): boolean => /,/.test(w.post);
/** Any punctuation after the word that separates phrases. */
const breakAfter = (w: Word): boolean => /[,;:—–()[\]"“”.!?]/.test(w.post) || /^\s*-\s+$/.test(w.post);
const has = (w: Word, ...tags: string[]): boolean => tags.some((t) => w.tags.has(t));

function isVerbWord(words: Word[], k: number, slotAt: Map<number, MentionSlot>): boolean {
  const w = words[k] as Word;
  const next = words[k + 1];
  const before = words[k - 1];
  // "Spain beat Italy", "Acme Corp cut prices", "Trump will pressure China": headline verbs compromise reads as nouns,
  // between a name (or a modal) and what they act on.
  if (
    !has(w, 'Verb') &&
    VERBISH.has(w.lower) &&
    before &&
    (slotAt.has(k - 1) || has(before, 'Modal') || before.lower === 'to') &&
    !breakAfter(before) &&
    next &&
    !breakAfter(w)
  ) {
    if (
      slotAt.has(k + 1) ||
      has(next, 'Determiner', 'Value', 'Possessive') ||
      POSSESSIVE_PRONOUNS.has(next.lower) ||
      (has(next, 'Plural') && !has(next, 'Verb'))
    )
      return true;
  }
  if (!has(w, 'Verb', 'Auxiliary', 'Modal', 'Copula')) return false;
  // "ruled out talks", "pounded military targets": a present-tense form in -s right after a verb (and its
  // adjectives) is its plural object.
  let v = k - 1;
  while (v > 0 && v >= k - 2 && has(words[v] as Word, 'Adjective', 'Noun') && !(words[v] as Word).capitalized && !has(words[v] as Word, 'Verb', 'Pronoun')) v--;
  const verbBefore = words[v];
  if (
    verbBefore &&
    has(verbBefore, 'Verb', 'Particle') &&
    !has(verbBefore, 'Auxiliary', 'Modal', 'Copula') &&
    has(w, 'PresentTense') &&
    /[^s]s$/.test(w.lower) &&
    !has(w, 'Auxiliary', 'Copula')
  )
    return false;
  // "the counting", "his visit", "a 1-0 win": after a determiner or possessive (and numbers or adjectives) a verb
  // form is a noun.
  let b = k - 1;
  while (b >= 0 && has(words[b] as Word, 'Value', 'Adjective', 'Date') && !has(words[b] as Word, 'Verb')) b--;
  const prev = words[b];
  if (prev && (has(prev, 'Determiner', 'Possessive') || prev.possessive) && !has(w, 'Auxiliary', 'Modal', 'Copula')) return false;
  // "8 Assembly seats", "two vehicles": after a number (and a name or two) a verb form in -s is a plural noun.
  if (/s$/.test(w.lower) && !has(w, 'Auxiliary', 'Modal', 'Copula', 'PastTense')) {
    for (let c = k - 1; c >= 0 && c >= k - 3; c--) {
      const x = words[c] as Word;
      if (has(x, 'Value') && !has(x, 'Date')) return false;
      if (!x.capitalized && !has(x, 'Adjective')) break;
    }
  }
  // A capitalised word in mid-sentence is a name, not a verb ("Strike Force").
  if (w.capitalized && !w.initial && !w.allCaps) return false;
  // "ballooning budget": a gerund right before a noun is an adjective, unless a form of "be" or "have" leads it
  // ("is also providing emergency assistance").
  let a = k - 1;
  while (a >= 0 && has(words[a] as Word, 'Adverb')) a--;
  const lead = words[a];
  if (
    has(w, 'Gerund') &&
    next &&
    has(next, 'Noun') &&
    !has(next, 'Pronoun', 'ProperNoun', 'Determiner') &&
    !next.capitalized &&
    !(lead && has(lead, 'Auxiliary', 'Copula'))
  )
    return false;
  return true;
}

/** Analyses one sentence: elements, verb groups, noun phrases, frames. `slotAt` maps word index → mention. */
export function analyseSentence(
  input: Word[],
  sentence: number,
  slotAt: Map<number, MentionSlot>,
  refer: Referents,
  /** Word ranges of titles ("Minister of Health"): noun-phrase material whatever their words. */
  titles: readonly { first: number; last: number }[] = [],
): SentenceAnalysis {
  const inTitle = new Set<number>();
  for (const t of titles) {
    // "spokesman for": a preposition ending a title still introduces what the title is held in.
    let last = t.last;
    while (last > t.first && PREPOSITIONS.has((input[last] as Word).lower)) last--;
    for (let k = t.first; k <= last; k++) inTitle.add(k);
  }
  // Punctuation between two words sits partly after one and partly before the next ("Management (Cenad)"): join it.
  const words = input.map((w, k) => {
    const pre = input[k + 1]?.pre ?? '';
    return pre ? { ...w, post: w.post + pre } : w;
  });
  // 1. Word classes.
  const cls: string[] = words.map((w, k) => {
    if (slotAt.has(k) || inTitle.has(k)) return 'n';
    const next = words[k + 1];
    const lower = w.lower;
    if (RELATIVES.has(lower) && !w.allCaps) return 'rel';
    // "including X" lists members of what came before; compromise often tags it a verb.
    if (lower === 'including') return 'prep';
    if (COORDINATORS.has(lower)) return 'conj';
    if (lower === 'that') {
      // "that deal" is a determiner; "said that …", "the law that …" open a clause.
      if (next && has(next, 'Noun', 'Adjective') && !has(next, 'Pronoun', 'Determiner') && !next.capitalized && !has(next, 'Verb')) return 'n';
      return 'sub';
    }
    if (SUBORDINATORS.has(lower)) return 'sub';
    if (lower === 'to') {
      if (next && !slotAt.has(k + 1) && (has(next, 'Infinitive') || (has(next, 'Verb') && !has(next, 'Noun', 'PastTense', 'Gerund'))) && !next.capitalized)
        return 'vmod';
      // "threatened to sue Acme": a verb compromise took for a name or a noun, right after "to".
      if (next && !slotAt.has(k + 1) && VERBISH.has(next.lower) && words[k + 2] !== undefined && (slotAt.has(k + 2) || has(words[k + 2] as Word, 'Determiner')))
        return 'vmod';
      return 'prep';
    }
    // "was born in": a participle compromise may tag as an adjective.
    if (PARTICIPLES.has(lower) && k > 0 && (BE.has((words[k - 1] as Word).lower) || /,\s*$/.test((words[k - 1] as Word).post))) return 'v';
    if (NEGATIVE.has(lower) && lower !== 'no') return 'vmod';
    if (ALWAYS_ADVERBS.has(lower)) return 'adv';
    if (isVerbWord(words, k, slotAt)) return 'v';
    if (PREPOSITIONS.has(lower) || (has(w, 'Preposition') && !has(w, 'Noun'))) return 'prep';
    if (has(w, 'Adverb') && !has(w, 'Noun', 'Adjective')) return 'adv';
    return 'n';
  });
  // "according to X": a report, not a preposition phrase.
  for (let k = 0; k + 1 < words.length; k++) if ((words[k] as Word).lower === 'according' && (words[k + 1] as Word).lower === 'to') cls[k] = 'v';

  // 2. Verb groups: [aux/modal/adverb/not/to]* verb (to verb)* particle?
  const groups: VerbGroup[] = [];
  const groupAt: (VerbGroup | undefined)[] = [];
  for (let k = 0; k < words.length; k++) {
    if (cls[k] !== 'v' && !(cls[k] === 'vmod' && (words[k] as Word).lower === 'to')) continue;
    let j = k;
    let last = cls[k] === 'v' ? k : -1;
    while (j + 1 < words.length && !breakAfter(words[j] as Word)) {
      const c = cls[j + 1];
      if (c === 'v') {
        last = j + 1;
        j++;
        continue;
      }
      if (c === 'vmod' || c === 'adv') {
        // adverbs and "not" join only when a verb follows within the group: "has recently visited".
        let x = j + 1;
        while (x < words.length && (cls[x] === 'vmod' || cls[x] === 'adv') && !breakAfter(words[x - 1] as Word)) x++;
        if (x < words.length && cls[x] === 'v' && !breakAfter(words[x - 1] as Word)) {
          j = x;
          last = x;
          continue;
        }
      }
      break;
    }
    if (last < 0) continue;
    // "pulled out": compromise tags the particle as part of the phrasal verb; the head is the verb before it.
    if (last > k && has(words[last] as Word, 'Particle') && PARTICLES.has((words[last] as Word).lower) && cls[last - 1] === 'v') last--;
    // "is not the capital", "was never a member": a negation after a copula or auxiliary belongs to its group.
    let negatedAfter = false;
    {
      let x = last + 1;
      while (
        x < words.length &&
        !breakAfter(words[x - 1] as Word) &&
        (cls[x] === 'adv' || cls[x] === 'vmod' || (words[x] as Word).lower === 'no' || (words[x] as Word).lower === 'longer')
      ) {
        const lw = (words[x] as Word).lower;
        if (NEGATIVE.has(lw) || (lw === 'no' && (words[x + 1] as Word | undefined)?.lower === 'longer')) negatedAfter = true;
        x++;
      }
    }
    // "no longer owns": negation before the head.
    for (let x = Math.max(0, k - 2); x < k; x++)
      if ((words[x] as Word).lower === 'no' && (words[x + 1] as Word | undefined)?.lower === 'longer') negatedAfter = true;
    // A particle after the head: "pulled out of", "blown up by", "carried out a reshuffle", "sworn in".
    let particle: string | null = null;
    const p = words[last + 1];
    if (
      p &&
      !breakAfter(words[last] as Word) &&
      !slotAt.has(last + 1) &&
      PARTICLES.has(p.lower) &&
      (has(p, 'Particle') || (p.lower !== 'in' && p.lower !== 'on' && p.lower !== 'over'))
    ) {
      particle = p.lower;
      cls[last + 1] = 'v';
    }
    const end = particle ? last + 1 : last;
    const vg = makeGroup(words, k, end, last, particle);
    if (negatedAfter && (vg.copula || BE.has((words[last] as Word).lower) || has(words[last] as Word, 'Auxiliary') || words[k - 1]?.lower === 'longer'))
      vg.modality = 'negated';
    groups.push(vg);
    for (let x = k; x <= end; x++) groupAt[x] = vg;
    k = end;
  }

  // 3. Noun phrases: runs of the remaining words, broken by punctuation (never inside a mention).
  const elements: Element[] = [];
  const elementAt: number[] = [];
  let k = 0;
  while (k < words.length) {
    const vg = groupAt[k];
    if (vg) {
      elements.push({ kind: 'vg', first: vg.first, last: vg.last, vg });
      for (let x = vg.first; x <= vg.last; x++) elementAt[x] = elements.length - 1;
      k = vg.last + 1;
      continue;
    }
    const c = cls[k];
    if (c === 'n' || c === 'vmod') {
      let j = k;
      const inner = (x: number): boolean =>
        cls[x] === 'n' ||
        (cls[x] === 'vmod' && (words[x] as Word).lower === 'no') ||
        // "their first ever major trophy", "the most immediate task": an adverb between noun-phrase words.
        (cls[x] === 'adv' && cls[x + 1] === 'n' && !slotAt.has(x + 1) && has(words[x + 1] as Word, 'Adjective', 'Noun') && !breakAfter(words[x] as Word));
      while (j + 1 < words.length && inner(j + 1) && !groupAt[j + 1]) {
        const w = words[j] as Word;
        // "won Roma their first trophy": a determiner or possessive pronoun after a noun starts a new phrase.
        const nw = words[j + 1] as Word;
        if (
          !slotAt.has(j + 1) &&
          (DETERMINERS.has(nw.lower) || POSSESSIVE_PRONOUNS.has(nw.lower)) &&
          has(w, 'Noun') &&
          !has(w, 'Determiner', 'Value', 'Pronoun')
        )
          break;
        const inSlot = slotAt.get(j);
        const sameSlot = inSlot !== undefined && slotAt.get(j + 1) === inSlot;
        // "International Monetary Fund (IMF) economist Reza Baqir": a bracketed acronym does not end the phrase.
        const bracketed = /^\s*\($/.test(w.post) && /^\)\s*(,\s*)?$/.test((words[j + 1] as Word).post) && slotAt.has(j + 1) && inSlot !== undefined;
        const closing = /^\)\s*$/.test(w.post) && /\($/.test((words[j - 1] as Word | undefined)?.post ?? '') && slotAt.has(j) && cls[j + 1] === 'n';
        if (!sameSlot && !bracketed && !closing && (breakAfter(w) || (w.possessive === false && /['’]$/.test(w.text)))) break;
        // "in Colombia this week", "Pakistan last month": a time expression is its own phrase; so is an amount after
        // a name ("fined Acme $2 billion").
        const nxw = words[j + 1] as Word;
        if (inSlot && !sameSlot && has(nxw, 'Money', 'Value') && !has(nxw, 'Ordinal')) break;
        // "named Maria Lopez chief executive": nothing common follows a person's name in one phrase.
        if (inSlot?.type === 'person' && !sameSlot && !slotAt.has(j + 1) && /^\p{Ll}/u.test(nxw.text) && !inSlot.possessive) break;
        if (
          inSlot &&
          !sameSlot &&
          (has(nxw, 'Date') || (TIME_DETERMINERS.has(nxw.lower) && words[j + 2] !== undefined && has(words[j + 2] as Word, 'Date', 'Duration')))
        )
          break;
        j++;
      }
      const np = makePhrase(words, k, j, slotAt, refer);
      elements.push({ kind: 'np', first: k, last: j, np });
      for (let x = k; x <= j; x++) elementAt[x] = elements.length - 1;
      k = j + 1;
      continue;
    }
    const kind = (c === 'v' ? 'other' : c) as 'prep' | 'conj' | 'sub' | 'rel' | 'adv' | 'other';
    elements.push({ kind, first: k, last: k, word: (words[k] as Word).lower });
    elementAt[k] = elements.length - 1;
    k++;
  }
  coordinate(words, elements, elementAt);
  const phrases = elements.flatMap((e) => (e.kind === 'np' ? [e.np] : []));

  // 4. Frames.
  const frames: Frame[] = [];
  const frameOf = new Map<VerbGroup, Frame>();
  for (let e = 0; e < elements.length; e++) {
    const el = elements[e] as Element;
    if (el.kind !== 'vg') continue;
    const vg = el.vg;
    const frame: Frame = { sentence, verb: vg, subject: null, subjectVia: 'plain', objects: [], content: null, roles: [] };
    findSubject(words, elements, e, frame, frames);
    findObjects(words, elements, e, frame);
    // A passive: what was done is done to the grammatical subject, by the "by" phrase.
    if (vg.passive) {
      const by = frame.objects.findIndex((o) => o.prep === 'by');
      const patient = frame.subject;
      if (by >= 0) {
        frame.subject = (frame.objects[by] as Argument).np;
        frame.subjectVia = 'passive-by';
        frame.objects.splice(by, 1);
      } else frame.subject = null;
      if (patient) frame.objects.unshift({ np: patient, prep: '', via: [] });
    }
    if (SPEECH_LEMMAS.has(vg.lemma) || vg.form === 'according') frame.content = speechContent(words, elements, e, frame);
    // "even if she appeals", "whether it lasts": a condition is not a fact.
    for (let y = e - 1; y >= 0; y--) {
      const prev = elements[y] as Element;
      if (prev.kind === 'vg') break;
      if (prev.kind === 'sub' && CONDITIONAL.has(prev.word)) {
        if (vg.modality === 'asserted' || vg.modality === 'planned') vg.modality = 'hypothetical';
        break;
      }
      if (prev.kind === 'sub' || prev.kind === 'rel') break;
    }
    frames.push(frame);
    frameOf.set(vg, frame);
  }
  return { words, groupAt, elements, elementAt, phrases, groups, frames };
}

function makeGroup(words: Word[], first: number, end: number, last: number, particle: string | null): VerbGroup {
  const head = words[last] as Word;
  const lowers = [];
  for (let x = first; x <= end; x++) lowers.push((words[x] as Word).lower);
  let passive = false;
  let copula = BE.has(head.lower) || LINKING.has(lemmaOf(head));
  // be/get + past participle, with only adverbs or "not" between: "was (unexpectedly) removed".
  for (let x = last - 1; x >= first; x--) {
    const w = words[x] as Word;
    if (has(w, 'Adverb') || NEGATIVE.has(w.lower)) continue;
    if (
      (BE.has(w.lower) || GET.has(w.lower)) &&
      (has(head, 'PastTense', 'Participle', 'Passive') || /(ed|en|wn|ght)$/.test(head.lower) || PARTICIPLES.has(head.lower)) &&
      !has(head, 'Gerund')
    )
      passive = true;
    break;
  }
  if (passive) copula = false;
  const lemma = head.lower === 'according' ? 'according' : lemmaOf(head);
  // Modality: the words of the group, then the control verbs before "to".
  let modality: VerbGroup['modality'] = 'asserted';
  const firstWord = words[first] as Word;
  for (let x = first; x <= last; x++) {
    const w = words[x] as Word;
    if (NEGATIVE.has(w.lower)) modality = 'negated';
  }
  if (modality !== 'negated') {
    for (let x = first; x < last; x++) {
      const w = words[x] as Word;
      if (FUTURE.has(w.lower)) modality = 'planned';
      else if (HYPOTHETICAL.has(w.lower)) modality = 'hypothetical';
      else if ((words[x + 1] as Word | undefined)?.lower === 'to' && x + 1 < last) {
        const l = lemmaOf(w);
        if (NEGATING.has(l)) modality = 'negated';
        // "were thought to have been killed", "is believed to have fled": hearsay, not a stated fact.
        else if (HEDGING.has(l)) modality = 'hypothetical';
        else if (PLANNING.has(l) || BE.has(w.lower) || l === 'due') modality = modality === 'asserted' ? 'planned' : modality;
      }
    }
  }
  let nonFinite: VerbGroup['nonFinite'] = null;
  if (firstWord.lower === 'to') {
    nonFinite = 'infinitive';
    if (modality === 'asserted') modality = 'purpose';
  } else if (has(firstWord, 'Gerund') && !has(firstWord, 'Auxiliary')) nonFinite = 'gerund';
  else if (first === last && has(firstWord, 'Participle') && !has(firstWord, 'PastTense')) nonFinite = 'participle';
  const form = particle ? `${head.lower} ${particle}` : head.lower;
  return { first, last: end, head: last, lemma, form, particle, passive, copula, nonFinite, modality };
}

function makePhrase(words: Word[], first: number, last: number, slotAt: Map<number, MentionSlot>, refer: Referents): NounPhrase {
  const heads: MentionSlot[] = [];
  const mods: MentionSlot[] = [];
  const nouns: string[] = [];
  let pron: string | null = null;
  const lastSlot = slotAt.get(last);
  for (let k = first; k <= last; k++) {
    const s = slotAt.get(k);
    const w = words[k] as Word;
    if (s) {
      if (s !== lastSlot && !mods.includes(s)) mods.push(s);
      k = Math.max(k, s.last);
      continue;
    }
    if (PERSONAL_PRONOUNS.has(w.lower)) {
      for (const ref of refer.pronoun(k)) {
        const slot: MentionSlot = {
          ...ref,
          first: k,
          last: k,
          possessive: /^(his|her|its|their|our|my)$/.test(w.lower),
          pronoun: true,
          // "it was a struggle": an impersonal "it" often stands for nothing; he/she always for someone.
          ...(/^(it|its|they|them|their)$/.test(w.lower) ? { weakReference: true } : {}),
        };
        if (k === last && !slot.possessive) heads.push(slot);
        else mods.push(slot);
      }
      pron = w.lower;
      continue;
    }
    if (has(w, 'Noun') && !has(w, 'Pronoun', 'Value', 'Date') && /^\p{L}/u.test(w.text)) nouns.push(w.base.toLowerCase());
  }
  if (lastSlot && !lastSlot.possessive) heads.push(lastSlot);
  else if (lastSlot) mods.push(lastSlot);
  const lw = words[last] as Word;
  // "the commission said", "taken the hotel", "the court's president": a definite noun naming the kind of a body or
  // place named before; "the Italian capital": the capital of that country, when the story names it.
  if (heads.length === 0 && (words[first] as Word).lower === 'the' && last > first) {
    let end = last;
    for (let k = first + 1; k < last; k++) if ((words[k] as Word).possessive && !slotAt.has(k)) end = k;
    const ew = words[end] as Word;
    let plain = has(ew, 'Noun') && !has(ew, 'Plural') && !slotAt.has(end);
    for (let k = first + 1; k < end; k++) if (!has(words[k] as Word, 'Adjective') || slotAt.has(k)) plain = false;
    const demonym = mods.length === 1 && mods[0]?.demonym ? mods[0] : undefined;
    const ref = plain ? refer.definite(ew.base.toLowerCase(), end) : demonym && ew.lower === 'capital' && end === last ? refer.capital(demonym, end) : null;
    if (ref) {
      const slot: MentionSlot = { ...ref, first: end, last: end, possessive: ew.possessive, pronoun: true };
      if (end === last && !ew.possessive) heads.push(slot);
      else mods.push(slot);
    }
  }
  // "the Al Arabiya channel", "the Dawn newspaper": a name with the kind of body it is after it is that body.
  const before = slotAt.get(last - 1);
  if (heads.length === 0 && before && !before.possessive && !before.demonym && before.type === 'organization' && CLASSIFIERS.has(lw.base.toLowerCase())) {
    heads.push(before);
    mods.splice(mods.indexOf(before), 1);
  }
  // The head noun: the phrase's last word, also when compromise tagged it a verb ("airstrikes", "his meeting").
  const nounLike = has(lw, 'Noun') || (/^\p{Ll}[\p{L}-]*$/u.test(lw.base) && !has(lw, 'Pronoun', 'Determiner', 'Value', 'Adverb', 'Preposition'));
  const headNoun = heads.length === 0 && nounLike && !slotAt.has(last) ? lw.base.toLowerCase() : null;
  return { first, last, heads, mods, nouns, headNoun, pronoun: pron };
}

/** "A and B", "A, B and C": noun phrases headed by mentions, joined into one phrase with several heads. */
function coordinate(words: Word[], elements: Element[], elementAt: number[]): void {
  for (let e = 0; e < elements.length; e++) {
    const a = elements[e] as Element;
    if (a.kind !== 'np' || a.np.heads.length === 0) continue;
    const members: number[] = [e];
    let x = e;
    let closed = false;
    for (;;) {
      const cur = elements[x] as Element;
      const sep = elements[x + 1];
      const nxt = elements[x + 2];
      // "A, B": a comma after A and a mention-headed phrase.
      const lastWord = words[cur.last] as Word;
      if (
        sep?.kind === 'np' &&
        /^,\s*$/.test(lastWord.post) &&
        sep.np.heads.length > 0 &&
        sep.np.heads.every((h) => sameKind(h, a.np.heads[0] as MentionSlot))
      ) {
        // Only a list if an "and"/"or" closes it later: checked below.
        members.push(x + 1);
        x = x + 1;
        continue;
      }
      // "The U.S. and other wealthy nations": the named conjunct stands for the pair.
      if (
        sep?.kind === 'conj' &&
        sep.word === 'and' &&
        nxt?.kind === 'np' &&
        nxt.np.heads.length === 0 &&
        nxt.np.headNoun &&
        OTHERS.test(
          words
            .slice(nxt.first, nxt.last + 1)
            .map((w) => w.lower)
            .join(' '),
        ) &&
        !breakAfter(lastWord)
      ) {
        members.push(x + 2);
        x = x + 2;
        closed = true;
        continue;
      }
      if (sep?.kind === 'conj' && (sep.word === 'and' || sep.word === 'or') && nxt?.kind === 'np' && nxt.np.heads.length > 0 && !breakAfter(lastWord)) {
        members.push(x + 2);
        x = x + 2;
        closed = true;
        // "A, B and C" ends here; "A and B and C" may go on.
        continue;
      }
      // ", and C"
      if (
        /^,\s*$/.test(lastWord.post) &&
        sep?.kind === 'conj' &&
        (sep.word === 'and' || sep.word === 'or') &&
        nxt?.kind === 'np' &&
        nxt.np.heads.length > 0 &&
        nxt.np.heads.every((h) => sameKind(h, a.np.heads[0] as MentionSlot))
      ) {
        members.push(x + 2);
        x = x + 2;
        closed = true;
        continue;
      }
      break;
    }
    if (members.length < 2) continue;
    // Drop trailing comma-joined members that no "and" closes ("Iran, Russia said": not a list).
    let end = members.length;
    if (!closed) end = 1;
    else {
      while (end > 1) {
        const m = members[end - 1] as number;
        const before = elements[m - 1] as Element;
        if (before.kind === 'conj') break;
        end--;
      }
    }
    if (end < 2) continue;
    const used = members.slice(0, end);
    const lastEl = elements[used.at(-1) as number] as Element & { kind: 'np' };
    const merged: NounPhrase = {
      first: a.first,
      last: lastEl.last,
      heads: used.flatMap((m) => (elements[m] as Element & { kind: 'np' }).np.heads),
      mods: used.flatMap((m) => (elements[m] as Element & { kind: 'np' }).np.mods),
      nouns: used.flatMap((m) => (elements[m] as Element & { kind: 'np' }).np.nouns),
      headNoun: null,
      pronoun: null,
      parts: used.map((m) => (elements[m] as Element & { kind: 'np' }).np),
    };
    const span = (used.at(-1) as number) - e + 1;
    elements.splice(e, span, { kind: 'np', first: merged.first, last: merged.last, np: merged });
    // Re-index.
    elementAt.length = 0;
    elements.forEach((el, i) => {
      for (let w = el.first; w <= el.last; w++) elementAt[w] = i;
    });
  }
}

/** "other wealthy nations", "its allies", "several partners": a common noun joined to a name in one subject. */
const OTHERS = /^(other|its|their|several|some|many|various|fellow)\b/;

/** Members of one list are the same kind of thing: places with places, people with people, bodies with states. */
const sameKind = (a: MentionSlot, b: MentionSlot): boolean =>
  a.type === b.type ||
  ((a.type === 'country' || a.type === 'organization') && (b.type === 'country' || b.type === 'organization')) ||
  ((a.type === 'place' || a.type === 'country') && (b.type === 'place' || b.type === 'country'));

const FINITE_STOP = new Set(['sub', 'rel']);

/** The subject of the verb group at element e. */
function findSubject(words: Word[], elements: Element[], e: number, frame: Frame, done: Frame[]): void {
  const vg = frame.verb;
  let x = e - 1;
  while (x >= 0 && (elements[x] as Element).kind === 'adv') x--;
  const before = elements[x];
  // "X, who leads Y": the relative pronoun's antecedent.
  if (before?.kind === 'rel') {
    const y = x - 1;
    const ante = elements[y];
    if (ante?.kind === 'np') {
      frame.subject = appositionHead(words, elements, y);
      frame.subjectVia = 'relative';
    }
    void y;
    return;
  }
  // Non-finite groups: a gerund after a comma shares the main clause's subject ("…, saying that …");
  // a bare participle after a noun phrase describes it ("an effort orchestrated by Z").
  if (vg.nonFinite === 'participle' || (vg.nonFinite === null && !vg.passive && has(words[vg.first] as Word, 'PastTense') && followedByBy(words, vg))) {
    if (before?.kind === 'np' && vg.first === before.last + 1) {
      frame.subject = appositionHead(words, elements, x);
      frame.verb.passive = true;
      frame.subjectVia = 'relative';
      frame.reduced = true;
      return;
    }
  }
  // "accused Israel of targeting X", "blamed Y for killing Z": the object before the preposition does it.
  if (vg.nonFinite === 'gerund' && before?.kind === 'prep' && (before.word === 'of' || before.word === 'for')) {
    const obj = elements[x - 1];
    if (obj?.kind === 'np' && obj.np.heads.length > 0) {
      frame.subject = obj.np;
      frame.subjectVia = 'control';
      return;
    }
  }
  if (vg.nonFinite === 'gerund' || vg.nonFinite === 'infinitive') {
    // "X sealed deals … to prompt …", "X said …, saying …": the subject of the clause it hangs from.
    const host = [...done].reverse().find((f) => f.subject && f.verb.nonFinite === null);
    const touching = before?.kind === 'np' && vg.first === before.last + 1 && !commaAfter(words[before.last] as Word);
    // "airstrikes targeting Iran's ally": a gerund right after a noun describes that noun, named or not.
    if (touching && vg.nonFinite === 'gerund' && before.np.heads.length === 0) {
      frame.subjectVia = 'relative';
      return;
    }
    const adjacent = touching && before.np.heads.length > 0;
    if (host && !adjacent) {
      frame.subject = host.subject;
      frame.subjectVia = 'control';
      // "will be in Recife to visit X": the purpose of a plan is planned too; so is what a subject "is set to",
      // "is on course to", "is likely to" do.
      if ((host.verb.modality === 'planned' || (host.verb.copula && vg.first - host.verb.last - 1 <= 3)) && vg.modality === 'purpose') vg.modality = 'planned';
    } else if (adjacent) {
      // "allies including X and Y pledging their support", "urged Iran to stop": the phrase right before it.
      frame.subject = subjectPhrase(elements, x);
      frame.subjectVia = 'control';
    } else if (before?.kind === 'vg') {
      const f = done.find((d) => d.verb === before.vg);
      if (f?.subject) {
        frame.subject = f.subject;
        frame.subjectVia = 'control';
      }
    }
    return;
  }
  // "X defeated Y and won Z": a verb after "and" shares the subject of the verb before.
  if (before?.kind === 'conj') {
    const prevFrame = [...done].reverse().find((f) => f.verb.last < vg.first && f.verb.nonFinite === null);
    if (prevFrame?.subject) {
      frame.subject = prevFrame.subject;
      frame.subjectVia = 'shared';
    }
    return;
  }
  // Walk left over prepositional phrases to the nearest noun phrase that no preposition governs.
  while (x >= 0) {
    const el = elements[x] as Element;
    if (el.kind === 'np') {
      const gov = elements[x - 1];
      // A comma right before the verb closes an apposition or a relative clause: "X, a spokesman for Y, said".
      if (gov?.kind === 'prep' && !DUAL.has(gov.word) && !commaAfter(words[el.last] as Word)) {
        x -= 2;
        continue;
      }
      if (commaAfter(words[el.last] as Word) && x === e - 1) {
        const found = skipApposition(words, elements, x);
        frame.subject = found ? withAppositiveConjuncts(words, elements, x, found) : null;
        return;
      }
      // "the E3 countries—France, Britain, and Germany—held": a dashed or bracketed insert is not the subject.
      if (boundaryAfter(words[el.last] as Word) && x === e - 1) {
        let y = x - 1;
        while (y >= 0 && !boundaryAfter(words[(elements[y] as Element).last] as Word)) y--;
        if (y < 0) return;
        x = y;
        continue;
      }
      // "The minister who visited Kenya met X": the phrase before the verb ends a restrictive relative clause; the
      // subject is what the clause describes.
      const relVerb = elements[x - 1];
      const rel = elements[x - 2];
      if (relVerb?.kind === 'vg' && rel?.kind === 'rel' && elements[x - 3]?.kind === 'np' && !commaAfter(words[(elements[x - 3] as Element).last] as Word)) {
        frame.subject = subjectPhrase(elements, x - 3);
        return;
      }
      frame.subject = subjectPhrase(elements, x);
      // "The party, which Lindqvist leads, won": after an object relative pronoun the phrase is the subject and the
      // antecedent is the object.
      const pron = elements[x - 1];
      const ante = elements[x - 2];
      if (pron?.kind === 'rel' && (pron.word === 'which' || pron.word === 'whom' || pron.word === 'that') && ante?.kind === 'np' && ante.np.heads.length > 0)
        frame.objects.push({ np: ante.np, prep: '', via: [] });
      return;
    }
    if (el.kind === 'adv') {
      x--;
      continue;
    }
    if (el.kind === 'rel' || FINITE_STOP.has(el.kind) || el.kind === 'vg' || el.kind === 'conj') return;
    if (el.kind === 'prep') return;
    return;
  }
}

function followedByBy(words: Word[], vg: VerbGroup): boolean {
  for (let k = vg.last + 1; k <= vg.last + 3 && k < words.length; k++) {
    if ((words[k] as Word).lower === 'by') return true;
    if (breakAfter(words[k - 1] as Word)) return false;
  }
  return false;
}

/**
 * The noun phrase at x stands right before the verb and ends with a comma: something was inserted between the
 * subject and its verb. "X, who leads Y, said": the relative clause's antecedent. "X, a spokesman for Y, told" and
 * "The court's president, X, said": of the name and the description set side by side, the name.
 */
function skipApposition(words: Word[], elements: Element[], x: number): NounPhrase | null {
  // The inserted piece runs from the comma before it (y - 1 ends with that comma) to x.
  let y = x;
  while (y > 0 && !commaAfter(words[(elements[y - 1] as Element).last] as Word)) y--;
  const headOf = (from: number, to: number): number => {
    // The first noun phrase of a stretch that no preposition governs: "the director of PAHO" → "the director".
    for (let z = from; z <= to; z++) {
      const el = elements[z] as Element;
      if (el.kind === 'np' && (z === from || (elements[z - 1] as Element).kind !== 'prep')) return z;
      if (el.kind === 'vg' || el.kind === 'rel' || el.kind === 'sub') break;
    }
    return -1;
  };
  const pieceStart = elements[y] as Element;
  const nearIdx = pieceStart.kind === 'rel' ? -1 : headOf(y, x);
  const near = nearIdx >= 0 ? subjectPhrase(elements, nearIdx) : null;
  if (y === 0) return near?.heads.length ? near : null;
  // The phrase before the piece: the head of its own stretch back to the comma or clause start before it.
  let z = y - 1;
  while (z > 0 && !commaAfter(words[(elements[z - 1] as Element).last] as Word) && (elements[z - 1] as Element).kind !== 'vg') z--;
  const farIdx = headOf(z, y - 1);
  const far = farIdx >= 0 ? subjectPhrase(elements, farIdx) : null;
  if (pieceStart.kind === 'rel') return far?.heads.length ? far : null;
  for (let w = y; w <= x; w++) {
    const el = elements[w] as Element;
    if (el.kind === 'vg' && el.vg.nonFinite === null) return near?.heads.length ? near : null;
  }
  const named = (p: NounPhrase | null): boolean => (p?.heads.length ?? 0) > 0;
  // "The court's president, Bénédicte de Perthuis, said": the name; "Abid Qamar, a spokesman for Y, told": the name.
  if (named(near) && !named(far)) return near;
  if (named(far) && !named(near)) return far;
  if (named(near) && named(far)) return near?.heads.every((h) => h.type === 'person') && !far?.heads.every((h) => h.type === 'person') ? near : far;
  return null;
}

/**
 * "The head of X, A, and the director of Y, B, are meeting": the people named in coordinated appositions are all
 * subjects. Only for people, and only when nothing but noun and preposition phrases lies between them.
 */
function withAppositiveConjuncts(words: Word[], elements: Element[], x: number, found: NounPhrase): NounPhrase {
  if (!found.heads.every((h) => h.type === 'person')) return found;
  const heads = [...found.heads];
  for (let y = x - 1; y > 0; y--) {
    const el = elements[y] as Element;
    if (el.kind === 'conj' && el.word === 'and') {
      const prev = elements[y - 1];
      if (prev?.kind === 'np' && commaAfter(words[prev.last] as Word) && prev.np.heads.length > 0 && prev.np.heads.every((h) => h.type === 'person'))
        heads.unshift(...prev.np.heads);
      break;
    }
    if (el.kind !== 'np' && el.kind !== 'prep') break;
  }
  return heads.length === found.heads.length ? found : { ...found, heads };
}

const PARTITIVE = new Set([
  'member',
  'members',
  'one',
  'group',
  'leader',
  'leaders',
  'official',
  'officials',
  'representative',
  'representatives',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'head',
  'chief',
  'forces',
  'troops',
  'supporters',
  'fighters',
  'militants',
  'government',
  'administration',
  'team',
  'delegation',
  'board',
  'boards',
]);
/** Groups of people that speak for their country when a demonym names it: "Chinese officials said". */
const STATE_PEOPLE = new Set([
  'official',
  'officials',
  'authorities',
  'government',
  'forces',
  'troops',
  'police',
  'military',
  'army',
  'navy',
  'leaders',
  'diplomats',
  'regulators',
  'prosecutors',
  'lawmakers',
  'ministry',
  'media',
  'negotiators',
  'delegation',
]);

/** The noun phrase at x as a subject: its mentions, or what a partitive or a demonym points at. */
function subjectPhrase(elements: Element[], x: number): NounPhrase | null {
  const el = elements[x] as Element & { kind: 'np' };
  const np = el.np;
  if (np.heads.length > 0) return np;
  // "members of the Islamist group al-Shabaab", "one of the key figures": the group named after "of".
  const of = elements[x + 1];
  const inner = elements[x + 2];
  if (np.headNoun && PARTITIVE.has(np.headNoun) && of?.kind === 'prep' && of.word === 'of' && inner?.kind === 'np' && inner.np.heads.length > 0)
    return inner.np;
  // "Iran's government", "the Chinese officials": the possessor or the country of the demonym.
  const owner = np.mods.find((m) => m.possessive || m.demonym);
  if (np.headNoun && owner && STATE_PEOPLE.has(np.headNoun)) return { ...np, heads: [owner], mods: np.mods.filter((m) => m !== owner) };
  return np.heads.length > 0 || np.pronoun ? np : null;
}

/** The phrase before a relative pronoun or a participle: itself, or the mention it is an apposition of. */
function appositionHead(words: Word[], elements: Element[], x: number): NounPhrase | null {
  const el = elements[x] as Element & { kind: 'np' };
  if (el.np.heads.length > 0) return el.np;
  // "…Partnerships, an effort orchestrated by Z": the effort is the partnerships.
  const prev = elements[x - 1];
  if (prev?.kind === 'np' && commaAfter(words[prev.last] as Word) && prev.np.heads.length > 0) return prev.np;
  return subjectPhrase(elements, x);
}

/** Objects: the phrases after the verb up to the end of its clause, each with its preposition. */
function findObjects(words: Word[], elements: Element[], e: number, frame: Frame): void {
  let prep = '';
  let lastPrep = '';
  const via: string[] = [];
  let pps = 0;
  for (let x = e + 1; x < elements.length; x++) {
    const el = elements[x] as Element;
    const prevWord = words[el.first - 1] as Word;
    // A comma ends the clause, unless "including X" goes on listing what came before it.
    if (commaAfter(prevWord)) {
      if (x > e + 1 && el.kind === 'prep' && LISTING.has(el.word)) {
        prep = lastPrep;
        continue;
      }
      break;
    }
    if (boundaryAfter(prevWord)) break;
    if (el.kind === 'np') {
      const np = el.np;
      lastPrep = prep;
      // "said on Tuesday it had hired X", "after the minister was asked to resign": a phrase right before a finite
      // verb is that verb's subject, not an object.
      const nx = elements[x + 1];
      if (nx?.kind === 'vg' && nx.vg.nonFinite === null && ((prep === '' && x > e + 1 && !nx.vg.passive) || DUAL.has(prep))) break;
      if (np.heads.length > 0) frame.objects.push({ np, prep, via: [...via] });
      else if (np.headNoun && !/^\d/.test(np.headNoun)) {
        // "appointed X as its new governor", "was appointed as the Governor of Y": a role the verb gives.
        if (prep === 'as' || (prep === '' && frame.verb.passive && via.length === 0 && frame.objects.length === 0)) {
          const of = elements[x + 1];
          const holder = elements[x + 2];
          const owner = np.mods.find((m) => m.possessive);
          if (of?.kind === 'prep' && ROLE_PREPS.has(of.word) && holder?.kind === 'np' && holder.np.heads.length > 0)
            frame.roles.push({ noun: np, holder: holder.np.heads, prep: of.word });
          else if (owner) frame.roles.push({ noun: np, holder: [owner], prep: '' });
        }
        // "Acme named Maria Lopez chief executive (of Y)": an appointing verb, its object, and the role right after.
        const prevEl = elements[x - 1];
        if (
          prep === '' &&
          APPOINTING.has(frame.verb.lemma) &&
          prevEl?.kind === 'np' &&
          prevEl.np.heads.some((h) => h.type === 'person') &&
          frame.objects.length > 0
        ) {
          const of = elements[x + 1];
          const holder = elements[x + 2];
          if (of?.kind === 'prep' && ROLE_PREPS.has(of.word) && holder?.kind === 'np' && holder.np.heads.length > 0)
            frame.roles.push({ noun: np, holder: holder.np.heads, prep: of.word });
          else {
            const namer = (frame.subject?.heads ?? []).filter((h) => h.type === 'organization' || h.type === 'country');
            if (namer.length > 0) frame.roles.push({ noun: np, holder: namer, prep: '' });
          }
        }
        // "met with top Brazilian officials": officials of a country stand for it.
        const state = np.mods.find((m) => m.demonym);
        if (state && STATE_PEOPLE.has(np.headNoun))
          frame.objects.push({ np: { ...np, heads: [state], mods: np.mods.filter((m) => m !== state) }, prep, via: [...via] });
        // "in recent years", "on Monday": a time is no part of the predicate.
        if (!has(words[np.last] as Word, 'Date', 'Duration') && !TIME_NOUNS.has(np.headNoun)) via.push(np.headNoun);
      }
      prep = '';
      continue;
    }
    if (el.kind === 'prep') {
      prep = LISTING.has(el.word) ? lastPrep : el.word;
      pps++;
      if (pps > 4) break;
      continue;
    }
    if (el.kind === 'adv') continue;
    if (el.kind === 'conj') {
      // "and" followed by a verb starts a new predicate.
      const nx = elements[x + 1];
      if (nx?.kind === 'vg') break;
      continue;
    }
    break;
  }
}

/** Words that go on listing members of what came before: "officials, including the minister". */
const LISTING = new Set(['including', 'notably', 'especially', 'particularly']);

/** What a speech verb reports: after it ("said that …", "told Reuters …"), or before it ("“…,” X said."). */
function speechContent(words: Word[], elements: Element[], e: number, frame: Frame): Frame['content'] {
  const vg = frame.verb;
  const lead = words[vg.first - 1];
  const afterQuoteOrComma = lead !== undefined && /[,"”’]\s*$/.test(lead.post);
  // Inverted attribution: "“…,” said Shell CEO Ben van Beurden."
  if (!frame.subject && afterQuoteOrComma) {
    const nx = elements[e + 1];
    const titleThenName = nx?.kind === 'np' && nx.np.heads.length === 0 && commaAfter(words[nx.last] as Word) && elements[e + 2]?.kind === 'np';
    if (nx?.kind === 'np' && (nx.np.heads.length > 0 || titleThenName)) {
      frame.subject = nx.np;
      // "said Shell CEO, Ben van Beurden": the name after the comma.
      const after = elements[e + 2];
      const afterNp = after?.kind === 'np' ? after.np : null;
      if (commaAfter(words[nx.last] as Word) && afterNp?.heads.some((h) => h.type === 'person')) frame.subject = afterNp;
      frame.subjectVia = 'inverted';
      frame.objects = frame.objects.filter((o) => o.np !== nx.np && o.np !== afterNp);
    }
  }
  if (vg.form === 'according') {
    // "according to X": X is the speaker; no subject of its own.
    frame.subject = null;
    return { first: 0, last: words.length - 1 };
  }
  // What follows the verb (and an inverted speaker, and the addressee of "told"): content if a clause is there.
  let k = vg.last + 1;
  if (frame.subjectVia === 'inverted' && frame.subject) k = Math.max(k, frame.subject.last + 1);
  const nx = elements[e + 1];
  if (vg.lemma === 'tell' && nx?.kind === 'np') k = nx.last + 1;
  let clauseAfter = false;
  for (let x = k; x < words.length; x++) {
    const w = words[x] as Word;
    if (w.lower === 'that' || /["“‘]/.test(w.pre) || (elements[0] !== undefined && has(w, 'Verb') && !has(w, 'Gerund') && x > k)) {
      clauseAfter = true;
      break;
    }
  }
  const subjectStart = frame.subject && frame.subjectVia !== 'inverted' ? frame.subject.first : vg.first;
  // "“…,” said X, an adviser who …" and "“…,” X said": what was said stands before the attribution.
  const before = elements.slice(
    0,
    elements.findIndex((el) => el.last >= subjectStart),
  );
  const saysSomething =
    before.some((el) => el.kind === 'vg') ||
    /["“”]/.test(
      words
        .slice(0, subjectStart)
        .map((w) => w.pre + w.post)
        .join(''),
    );
  if (subjectStart > 0 && saysSomething && /[,"”’:]\s*$/.test((words[subjectStart - 1] as Word).post) && (frame.subjectVia === 'inverted' || !clauseAfter))
    return { first: 0, last: subjectStart - 1 };
  if (!clauseAfter) return null;
  // What was said ends where another clause joins on ("…, while Y said …") or the sentence ends.
  let last = words.length - 1;
  for (let x = k; x < words.length - 1; x++) {
    const w = words[x] as Word;
    const nx = words[x + 1] as Word;
    if (/;/.test(w.post) || (/,/.test(w.post) && (CONTRAST.has(nx.lower) || ADJUNCT_OPENERS.has(nx.lower)))) {
      last = x;
      break;
    }
  }
  return { first: k, last };
}

/** Verbs that give their object a role named right after it: "named X chief executive", "elected X president". */
const APPOINTING = new Set(['name', 'appoint', 'elect', 're-elect', 'make', 'choose', 'pick', 'tap', 'hire', 'nominate', 'install', 'promote']);
const ROLE_PREPS = new Set(['of', 'at', 'for', 'to']);
const CONDITIONAL = new Set(['if', 'unless', 'whether']);
/** ", during a summit …", ", after talks …": an adjunct after a comma says when or where, not what was said. */
const ADJUNCT_OPENERS = new Set(['during', 'after', 'before', 'amid', 'despite', 'following', 'ahead']);
const CONTRAST = new Set(['while', 'whereas', 'but', 'although', 'though', 'meanwhile']);
