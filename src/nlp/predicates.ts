// Events and action relations from trigger words: who acts (agent), on whom (object), where, when — from the words
// around the trigger in its sentence. Rules are data (rules/predicates.ts); this file only finds their arguments.
import { findDates } from './dates.js';
import { LIGHT_VERBS } from './lexicon/events.js';
import type { Parsed, Word } from './parse.js';
import { PREDICATE_RULES, type PredicateRule, QUAD_CLASS } from './rules/predicates.js';
import { slugify } from './slug.js';
import type { EntityType, ExtractedEvent, Participant, Sentence } from './types.js';

export interface MentionSlot {
  id: string;
  name: string;
  type: EntityType;
  first: number;
  last: number;
  possessive: boolean;
  /** "Iran" in "Peru-backed Vanguard": a name inside a modifier compound, never an argument itself. */
  modifier?: boolean;
  /** Where the title before the name starts ("by President-elect Doe"): an argument may begin there. */
  titleFirst?: number;
  /** A pronoun resolved to this entity ("he", "its"). */
  pronoun?: boolean;
  /** Resolved from "it"/"they", which may stand for nothing ("it was a struggle"): never a topic of speech. */
  weakReference?: boolean;
  /** A platform something was posted on ("on X"): the object of posting, never a speaker or a topic. */
  platform?: boolean;
  /** A person's gender when a first name in the story says it ("Maria Lopez"): for "he"/"she". */
  gender?: 'f' | 'm';
  /** A demonym standing for its country ("French scientist"): a modifier, never a phrase's head. */
  demonym?: boolean;
}

export interface PredicateContext {
  docId: string;
  text: string;
  publishedAt: string | null;
  parsed: Parsed;
  /** Entity mentions of each sentence, in word order. */
  slots: MentionSlot[][];
  /** ISO codes of demonyms ("Israeli"), by sentence then word index. */
  demonyms: Map<number, Map<number, string>>;
  /** The country a demonym points at, as a mention-like slot. */
  countryFor: (iso: string, sentence: number, word: number) => MentionSlot;
  /** The person a "he"/"she" at this position refers to: the last person named before it. */
  personBefore: (sentence: number, word: number) => MentionSlot | null;
  /** Whether word k of sentence si belongs to a verb group of the clause layer, which owns verbs. */
  inVerbGroup: (sentence: number, word: number) => boolean;
  /** The lemma of the verb group word k of sentence si belongs to, if any. */
  verbAt: (sentence: number, word: number) => string | undefined;
  addRelation: (source: string, type: string, target: string, reason: string, sentence: number, confidence: number) => void;
}

const RULE_BY_TRIGGER = new Map<string, PredicateRule>();
for (const rule of PREDICATE_RULES) for (const t of rule.triggers) RULE_BY_TRIGGER.set(t, rule);

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
  'over',
  'under',
  'between',
  'among',
  'toward',
  'towards',
  'across',
  'than',
  'like',
  'as',
]);
/** A sentence's mentions by word index, and by the first word of the title before them ("President-elect Doe"). */
class SlotMap extends Map<number, MentionSlot> {
  readonly titleAt = new Map<number, MentionSlot>();
}

const SKIPPABLE = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'both', 'all', 'two', 'three', 'several', 'other', 'some', 'key', 'major']);
const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'nor', 'refuse', 'refused', 'refuses', 'rejected', 'rejects', 'out']);
const BE_FORMS = new Set(['is', 'was', 'were', 'are', 'been', 'be', 'being']);
const ACTOR_TYPES = new Set<EntityType>(['person', 'country', 'organization']);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you']);
/** Words just before a trigger that make it unreal: planned, wished, denied or hypothetical ("will negotiate", "ready for talks"). */
/**
 * Rules whose relation says a deed was done (an attack, a killing, a delivery, a sanction): "plans to assassinate
 * Doe" must not become "killed Doe". Talk ("wants to negotiate with") keeps its relation, as the stance it is.
 */
const claimsDeed = (rule: PredicateRule): boolean => {
  const quad = rule.eventType ? QUAD_CLASS[rule.eventType] : null;
  return quad === 'material_conflict' || quad === 'material_cooperation' || rule.eventType === 'sanction' || rule.eventType === 'withdrawal';
};

const IRREALIS = new Set([
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'must',
  'can',
  'ready',
  'willing',
  'want',
  'wants',
  'if',
  'any',
  'new',
  'future',
  'possible',
  'potential',
  'restart',
  'resume',
  'resumed',
  'revive',
]);
/** Nouns that name a kind of event rather than one that happened, unless the sentence anchors them. */
/** Modals of possibility: "Iran may withdraw" states no withdrawal, so no relation either. */
const POSSIBILITY = new Set(['may', 'might', 'could', 'would', 'should', 'if']);
const NOMINAL = new Set([
  'talks',
  'negotiations',
  'dialogue',
  'attacks',
  'statement',
  'remarks',
  'interview',
  'address',
  'meeting',
  'sanctions',
  'support',
  'pressure',
]);

const clauseBreak = (w: Word): boolean => /[;:—–]|["“”]/.test(w.post) || /^\s*-\s+$/.test(w.post);

export function findPredicates(ctx: PredicateContext): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  const seen = new Set<string>();
  ctx.parsed.bySentence.forEach((words, si) => {
    const slots = ctx.slots[si] ?? [];
    const slotAt = new SlotMap();
    for (const s of slots) {
      for (let k = s.first; k <= s.last; k++) slotAt.set(k, s);
      if (s.titleFirst !== undefined) slotAt.titleAt.set(s.titleFirst, s);
    }
    const sentence = ctx.parsed.sentences[si] as Sentence;
    const dates = findDates(ctx.text.slice(sentence.start, sentence.end), ctx.publishedAt);
    for (let t = 0; t < words.length; t++) {
      const w = words[t] as Word;
      if (slotAt.has(t) || ctx.inVerbGroup(si, t)) continue;
      const two = t + 1 < words.length ? `${w.lower} ${(words[t + 1] as Word).lower}` : '';
      let rule = RULE_BY_TRIGGER.get(two);
      let tEnd = t + 1;
      if (!rule) {
        rule = RULE_BY_TRIGGER.get(w.base.toLowerCase());
        tEnd = t;
      }
      if (!rule) continue;
      // A capitalised trigger inside a name ("Strike Force") is not an event.
      if (w.capitalized && !w.initial) continue;
      const args = findArguments(ctx, words, si, t, tEnd, rule, slotAt);
      if (rule.context && !words.some((x) => rule.context?.includes(x.lower))) continue;
      // "provided the talks address ...": a conjunction, not a delivery.
      if (w.lower === 'provided' && (t === 0 || /,\s*$/.test((words[t - 1] as Word).post))) continue;
      if (rule.objectTypes) args.objects = args.objects.filter((o) => rule.objectTypes?.includes(o.type as never));
      if (rule.needsObject && args.objects.length === 0) continue;
      // One event of a type per sentence: "strike" and "attack" in one sentence are usually the same event.
      const key = `${si}|${rule.eventType ?? rule.reason}`;
      if (args.possible) {
        // A possibility is neither an event nor a relation.
      } else if (rule.relation && args.agent && !args.negated && !(args.irrealis && claimsDeed(rule))) {
        for (const o of args.objects) emitRelation(ctx, rule, rule.relation, args.agent, o, si);
      } else if (rule.negated && args.agent && args.negated) {
        for (const o of args.objects) emitRelation(ctx, rule, rule.negated, args.agent, o, si);
      }
      if (!rule.eventType || seen.has(key)) continue;
      // Only events that happened: not negated, not planned or wished for, and a bare noun needs an anchor.
      if (args.negated || args.irrealis || args.possible) continue;
      // An event with nobody and nowhere attached ("the population explosion") is a word, not an event.
      if (!args.agent && args.objects.length === 0 && !args.location) continue;
      if (NOMINAL.has(w.lower) && !args.location && !nearestDate(dates, w.start - sentence.start) && !(args.agent && args.objects.length > 0)) continue;
      seen.add(key);
      const triggerStart = w.start;
      const triggerEnd = (words[tEnd] as Word).baseEnd;
      const participants: Participant[] = [];
      if (args.agent) participants.push({ entity: args.agent.id, role: 'agent' });
      for (const o of args.objects) if (o.id !== args.agent?.id) participants.push({ entity: o.id, role: rule.objectRole });
      if (args.location && !participants.some((p) => p.entity === args.location?.id)) participants.push({ entity: args.location.id, role: 'location' });
      const date = nearestDate(dates, triggerStart - sentence.start);
      const triggerText = ctx.text.slice(triggerStart, triggerEnd);
      events.push({
        id: `event:${slugify(`${ctx.docId} ${si} ${triggerText} ${triggerStart}`)}`,
        eventType: rule.eventType,
        quadClass: QUAD_CLASS[rule.eventType] ?? null,
        name: eventName(triggerText, args),
        trigger: { start: triggerStart, end: triggerEnd, text: triggerText },
        date: date ? { text: date.text, value: date.value } : null,
        location: args.location?.id ?? null,
        participants,
        evidence: { start: sentence.start, end: sentence.end, text: ctx.text.slice(sentence.start, sentence.end), sentence: si },
        confidence: Math.min(0.95, rule.confidence + (args.agent ? 0.05 : 0) + (args.objects.length > 0 ? 0.05 : 0)),
        rule: rule.reason,
      });
    }
  });
  return events;
}

function emitRelation(ctx: PredicateContext, rule: PredicateRule, relation: string, agent: MentionSlot, object: MentionSlot, si: number): void {
  if (agent.id === object.id) return;
  if (!ACTOR_TYPES.has(agent.type)) return;
  if (object.type === 'place' && relation !== 'attacked') return;
  // An interview is given by the person to the outlet: the outlet interviewed the speaker.
  if (relation === 'interviewed') ctx.addRelation(object.id, relation, agent.id, rule.reason, si, rule.confidence);
  else ctx.addRelation(agent.id, relation, object.id, rule.reason, si, rule.confidence);
}

interface Arguments {
  agent: MentionSlot | null;
  objects: MentionSlot[];
  location: MentionSlot | null;
  negated: boolean;
  irrealis: boolean;
  possible: boolean;
}

/** The mention starting at word k after skipping determiners and modifiers, if any. */
function mentionFrom(words: Word[], k: number, slotAt: SlotMap, maxSkip = 3): MentionSlot | null {
  for (let x = k, skipped = 0; x < words.length && skipped <= maxSkip; x++, skipped++) {
    const s = slotAt.get(x);
    if (s?.modifier) continue;
    if (s) return s.first === x ? s : null;
    const titled = slotAt.titleAt.get(x);
    if (titled) return titled;
    const w = words[x] as Word;
    if (!(SKIPPABLE.has(w.lower) || w.tags.has('Adjective') || w.tags.has('Value')) || clauseBreak(w)) return null;
  }
  return null;
}

/** "with A and B", "with A, B and C": the mentions coordinated with the first object. */
function coordinated(words: Word[], first: MentionSlot, slotAt: SlotMap): MentionSlot[] {
  const out = [first];
  // "A, B and C": names after a bare comma count only once an "and"/"or" closes the list.
  let pending: MentionSlot[] = [];
  let at = first.last;
  while (out.length + pending.length < 6) {
    const w = words[at] as Word;
    const next = words[at + 1];
    let k = -1;
    let closes = false;
    if (next && (next.lower === 'and' || next.lower === 'or') && !clauseBreak(w)) {
      k = at + 2;
      closes = true;
    } else if (/^,\s*$/.test(w.post)) {
      closes = next !== undefined && (next.lower === 'and' || next.lower === 'or');
      k = closes ? at + 2 : at + 1;
    }
    if (k < 0) break;
    const m = mentionFrom(words, k, slotAt, 2);
    if (!m || [...out, ...pending].some((o) => o.id === m.id && o.first === m.first)) break;
    if (closes) {
      out.push(...pending, m);
      pending = [];
    } else pending.push(m);
    at = m.last;
  }
  return out;
}

function findArguments(ctx: PredicateContext, words: Word[], si: number, t: number, tEnd: number, rule: PredicateRule, slotAt: SlotMap): Arguments {
  const args: Arguments = { agent: null, objects: [], location: null, negated: false, irrealis: false, possible: false };
  for (let k = Math.max(0, t - 3); k < t; k++) {
    const lower = (words[k] as Word).lower;
    if (IRREALIS.has(lower)) args.irrealis = true;
    if (POSSIBILITY.has(lower)) args.possible = true;
  }
  // "to negotiate": an infinitive is a purpose or a plan, not a fact.
  if (t > 0 && (words[t - 1] as Word).lower === 'to' && (words[t] as Word).tags.has('Verb')) args.irrealis = true;
  for (let k = Math.max(0, t - 4); k < t; k++) {
    const w = words[k] as Word;
    if (NEGATIONS.has(w.lower) && !(w.lower === 'out' && (words[k - 1] as Word | undefined)?.lower !== 'ruled')) args.negated = true;
  }
  // "has been (repeatedly) criticized by": a form of "be" before the trigger, adverbs allowed between.
  let b = t - 1;
  while (b >= 0 && (words[b] as Word).tags.has('Adverb')) b--;
  const passive = b >= 0 && BE_FORMS.has((words[b] as Word).lower);
  // Object: after a listed preposition (or directly after the trigger), within reach.
  for (let k = tEnd + 1; k <= tEnd + rule.reach && k < words.length; k++) {
    const w = words[k] as Word;
    if (rule.objectPreps.includes('') && k === tEnd + 1) {
      const direct = mentionFrom(words, k, slotAt);
      if (direct) {
        args.objects = coordinated(words, direct, slotAt);
        break;
      }
    }
    if (rule.objectPreps.includes(w.lower) && w.lower !== 'by') {
      const m = mentionFrom(words, k + 1, slotAt);
      if (m) {
        args.objects = coordinated(words, m, slotAt);
        break;
      }
    }
    if (clauseBreak(w) && k > tEnd + 1) break;
  }
  if (args.objects.length === 0 && rule.fallbackPreps) {
    for (let k = tEnd + 1; k <= tEnd + rule.reach && k < words.length; k++) {
      const w = words[k] as Word;
      if (rule.fallbackPreps.includes(w.lower)) {
        const m = mentionFrom(words, k + 1, slotAt);
        if (m?.type === 'country') args.objects = [m];
        break;
      }
      if (clauseBreak(w)) break;
    }
  }
  // Agent: "by X" after the trigger (passives and nominals: "attack by Vanguard", "criticized by Doe").
  for (let k = tEnd + 1; k <= tEnd + 4 && k < words.length; k++) {
    const w = words[k] as Word;
    if (w.lower === 'by' || (w.lower === 'from' && rule.reason === 'criticism-trigger')) {
      const m = mentionFrom(words, k + 1, slotAt);
      if (m && ACTOR_TYPES.has(m.type)) {
        args.agent = m;
        // "X has been criticized by Y", "X's comments drew criticism from Y": the subject is the one acted on.
        if (passive || (w.lower === 'from' && args.objects.every((o) => o.id === m.id))) {
          args.objects = [];
          const subject = subjectBefore(ctx, words, si, t, slotAt);
          if (subject && subject.id !== m.id) args.objects = [subject];
        }
      }
      break;
    }
    if (clauseBreak(w)) break;
  }
  if (!args.agent) {
    // "Russia's invasion", "Iran's direct attack", "Israeli strike": a possessive or demonym just before the trigger.
    for (let k = t - 1; k >= Math.max(0, t - 4); k--) {
      const s = slotAt.get(k);
      if (s?.possessive && ACTOR_TYPES.has(s.type)) {
        args.agent = s;
        break;
      }
      const dem = ctx.demonyms.get(si)?.get(k);
      if (dem) {
        args.agent = ctx.countryFor(dem, si, k);
        break;
      }
      const w = words[k] as Word;
      if (
        s ||
        !(w.tags.has('Adjective') || w.tags.has('Adverb') || w.tags.has('Value') || w.tags.has('Noun') || SKIPPABLE.has(w.lower) || w.lower === 'and') ||
        clauseBreak(w)
      )
        break;
    }
  }
  // The subject of the clause acts ("Iran held talks with X") — but a violent deed named by a noun is not done by the
  // subject of another verb ("X visits victims of pager explosions").
  const violent = rule.eventType ? QUAD_CLASS[rule.eventType] === 'material_conflict' : false;
  if (!args.agent) {
    const subject = subjectBefore(ctx, words, si, t, slotAt);
    // A light verb hands the deed to its subject: "Russia launched a missile strike".
    let verbBetween = false;
    for (let k = (subject?.last ?? t) + 1; k < t && violent; k++) {
      const lemma = ctx.verbAt(si, k);
      if (lemma !== undefined && !LIGHT_VERBS.has(lemma)) verbBetween = true;
    }
    if (subject && !verbBetween && !args.objects.some((o) => o.id === subject.id)) args.agent = subject;
  }
  // Location: "in Vienna", "at Casa-de-Lago" — after the trigger first, then before it.
  const locationAt = (k: number): MentionSlot | null => {
    const w = words[k] as Word;
    if (w.lower !== 'in' && w.lower !== 'at') return null;
    const m = mentionFrom(words, k + 1, slotAt, 2);
    return m && (m.type === 'place' || m.type === 'country') && !args.objects.some((o) => o.id === m.id) && m.id !== args.agent?.id ? m : null;
  };
  for (let k = tEnd + 1; k < words.length && !args.location; k++) args.location = locationAt(k);
  for (let k = t - 1; k >= 0 && !args.location; k--) args.location = locationAt(k);
  return args;
}

/** The nearest mention before the trigger that is not the object of a preposition; "he"/"she" resolve to the last person. */
function subjectBefore(ctx: PredicateContext, words: Word[], si: number, t: number, slotAt: SlotMap): MentionSlot | null {
  let fallback: MentionSlot | null = null;
  for (let k = t - 1; k >= 0; k--) {
    const w = words[k] as Word;
    if (k < t - 1 && clauseBreak(w)) break;
    const s = slotAt.get(k);
    if (s) {
      k = s.first;
      const before = words[k - 1];
      const governed = before !== undefined && PREPOSITIONS.has(before.lower);
      if (!governed && ACTOR_TYPES.has(s.type)) {
        if (!s.possessive) return s;
        fallback ??= s;
      }
      continue;
    }
    if (PRONOUNS.has(w.lower)) return w.lower === 'he' || w.lower === 'she' ? (ctx.personBefore(si, k) ?? fallback) : fallback;
  }
  return fallback;
}

function nearestDate(dates: ReturnType<typeof findDates>, offset: number) {
  let best: (typeof dates)[number] | null = null;
  for (const d of dates) if (!best || Math.abs(d.start - offset) < Math.abs(best.start - offset)) best = d;
  return best;
}

function eventName(trigger: string, args: Arguments): string {
  let name = trigger;
  if (args.agent) name = `${args.agent.name} ${name}`;
  if (args.objects[0]) name += ` — ${args.objects.map((o) => o.name).join(', ')}`;
  if (args.location) name += ` in ${args.location.name}`;
  return name;
}
