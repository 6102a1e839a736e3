// extract(document) → Extraction: the pure NLP pass. Same text, same output, byte for byte; no I/O (but the gazetteer's
// one read per process), no globals mutated.
import type { Document } from '../ingest/document.js';
import { linkPlaces } from '../geo/link.js';
import { type Cluster, canonicalText, resolveClusters } from './corefer.js';
import { countryByIso } from './lexicon/countries.js';
import { type Candidate, findMentions, lowercaseVocabulary } from './mentions.js';
import { parseText, type Word } from './parse.js';
import { analyseSentence, type SentenceAnalysis } from './clauses.js';
import { type MentionSlot, findPredicates } from './predicates.js';
import { relateNamesToPlaces, relateSentence } from './relate.js';
import { Discourse } from './discourse.js';
import { frameEvents } from './events.js';
import type { TitleInfo } from './lexicon/titles.js';
import { ruleByReason } from './rules/relations.js';
import { findStructure } from './structure.js';
import { entityId } from './slug.js';
import type { Evidence, ExtractedEntity, ExtractedEvent, ExtractedRelation, Extraction, Role, Sentence } from './types.js';

/** Bump when rules change: stored extractions record it, and `reindex` re-runs older ones. */
export const EXTRACTOR_VERSION = 'newsgraph-nlp/0.4.0';

export type ExtractInput = Pick<Document, 'id' | 'title' | 'publishedAt' | 'text'>;

/** Co-occurrence pairs are skipped in sentences naming more entities than this (lists, not statements). */
const MAX_COOCCURRING = 8;

export function extract(doc: ExtractInput): Extraction {
  const parsed = parseText(doc.text);
  const vocab = lowercaseVocabulary(parsed);
  const perSentence = findMentions(parsed, vocab);
  const candidates = perSentence.flatMap((s) => s.candidates);
  const clusters = resolveClusters(candidates);

  const idOf = new Map<Candidate, string>();
  const entities = new Map<string, ExtractedEntity>();
  const clusterOfId = new Map<string, Cluster>();
  for (const cl of clusters) {
    const name = canonicalText(cl);
    const id = entityId(cl.type, name);
    let entity = entities.get(id);
    if (!entity) {
      entity = { id, type: cl.type, name, aliases: [], mentions: [], confidence: 0, attributes: {} };
      if (cl.iso) entity.attributes.iso = cl.iso;
      entities.set(id, entity);
      clusterOfId.set(id, cl);
    }
    if (cl.acronym && cl.acronym !== name) entity.attributes.acronym = cl.acronym;
    for (const m of cl.members) {
      idOf.set(m, id);
      entity.mentions.push({ start: m.start, end: m.end, text: m.text, sentence: m.sentence });
      entity.confidence = Math.max(entity.confidence, m.confidence);
    }
  }
  const countryId = (iso: string): string => {
    const info = countryByIso(iso);
    const name = info?.name ?? iso;
    const id = entityId('country', name);
    if (!entities.has(id)) {
      // Named only through a demonym ("Israeli Prime Minister ..."): the country exists, with no name mention.
      entities.set(id, { id, type: 'country', name, aliases: [], mentions: [], confidence: 0.7, attributes: { iso } });
    }
    return id;
  };

  const sentenceEvidence = (index: number): Evidence => {
    const s = parsed.sentences[index] as Sentence;
    return { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), sentence: index };
  };
  const relations = new Map<string, ExtractedRelation>();
  const addRelation = (
    source: string,
    type: string,
    target: string,
    reason: string,
    sentence: number,
    confidence?: number,
    extra?: { predicate?: string; modality?: 'planned' },
  ): void => {
    if (source === target) return;
    const id = `${source}|${type}|${target}`;
    let r = relations.get(id);
    if (!r) {
      r = { id, type, source, target, confidence: confidence ?? ruleByReason(reason).confidence, rule: reason, evidence: [] };
      if (extra?.predicate) r.predicate = extra.predicate;
      if (extra?.modality) r.modality = extra.modality;
      relations.set(id, r);
    }
    if (!r.evidence.some((e) => e.sentence === sentence)) r.evidence.push(sentenceEvidence(sentence));
  };

  // Roles from titles: "Iran's foreign minister Jane Roe" → foreign_minister_of.
  const aliasExtra = new Map<string, string[]>();
  const assignRole = (personId: string, title: TitleInfo, holder: string | null, reason: string, sentence: number, confidence?: number): void => {
    const entity = entities.get(personId);
    if (entity?.type !== 'person' || !title.relation) return;
    const role: Role = { title: title.title, of: holder };
    let roles = entity.attributes.roles ?? [];
    // A title with a known holder makes the same title without one redundant.
    if (role.of) roles = roles.filter((r) => !(r.title === role.title && r.of === null));
    if (!roles.some((r) => r.title === role.title && (r.of === role.of || role.of === null))) roles.push(role);
    entity.attributes.roles = roles;
    if (holder) addRelation(personId, title.relation, holder, reason, sentence, confidence);
  };
  for (const c of candidates) {
    const id = idOf.get(c);
    if (!id || !c.title || entities.get(id)?.type !== 'person') continue;
    let holder: string | null = null;
    if (c.titleOf?.iso) holder = countryId(c.titleOf.iso);
    else if (c.titleOf?.candidate) holder = idOf.get(c.titleOf.candidate) ?? null;
    assignRole(id, c.title.info, holder, 'title-apposition', c.sentence);
    const holderStart = c.titleOf?.candidate?.start ?? c.title.start;
    const forms = aliasExtra.get(id) ?? [];
    forms.push(doc.text.slice(c.title.start, c.end), doc.text.slice(Math.min(holderStart, c.title.start), c.end));
    aliasExtra.set(id, forms);
  }
  // "British rival Acme Group", "Dutch dominance": a country named only by its demonym is still in the story.
  for (const s of perSentence) for (const d of s.demonyms) countryId(d.iso);
  findStructure({ parsed, perSentence, idOf, entities, countryId, addRelation, assignRole });

  // "Cedar Bay, Oregon": a place, a comma, and the place or country that contains it.
  for (const { candidates: cs } of perSentence) {
    for (let k = 0; k + 1 < cs.length; k++) {
      const a = cs[k] as Candidate;
      const b = cs[k + 1] as Candidate;
      const words = parsed.bySentence[a.sentence] as Word[];
      const aw = words[a.last] as Word;
      const ida = idOf.get(a);
      const idb = idOf.get(b);
      if (!ida || !idb || b.first !== a.last + 1 || !/^,\s*$/.test(aw.post)) continue;
      const ta = entities.get(ida)?.type;
      const tb = entities.get(idb)?.type;
      const bw = words[b.last] as Word;
      const container =
        tb === 'country' ||
        (tb === 'place' && (bw.tags.has('Region') || /^head:(region|province|district|county|governorate|oblast|prefecture|state)/.test(b.reason)));
      const next = words[b.last + 1];
      const enumeration = next !== undefined && (next.lower === 'and' || next.lower === 'or' || /^\s*(and|or)\b/.test(bw.post));
      // "in Vienna, Iran will engage": the second name starts a clause, it does not contain the first.
      const clauseSubject = next !== undefined && !/[^\s]/.test(bw.post) && (next.tags.has('Verb') || next.tags.has('Modal') || next.tags.has('Auxiliary'));
      if (ta === 'place' && container && !enumeration && !clauseSubject) addRelation(ida, 'located_in', idb, 'place-comma-container', a.sentence);
    }
  }

  // Each sentence's entity mentions as the predicate layers see them. A platform ("a post on X") is where something
  // was said, never who said it or what about: the clause layer sees it, flagged; the trigger layer does not.
  // A person's gender, when the story writes a first name that says it ("Maria", "David") and never one that does not.
  const genderOf = new Map<string, 'f' | 'm' | null>();
  for (const c of candidates) {
    const id = idOf.get(c);
    // Only a first name in its place ("Maria Lopez"): a name alone ("Lula") may be a surname.
    if (!id || entities.get(id)?.type !== 'person' || c.words < 2) continue;
    const w = parsed.bySentence[c.sentence]?.[c.first];
    const g = w?.tags.has('FemaleName') ? 'f' : w?.tags.has('MaleName') ? 'm' : undefined;
    if (g === undefined) continue;
    const known = genderOf.get(id);
    genderOf.set(id, known === undefined || known === g ? g : null);
  }
  const allSlots: MentionSlot[][] = perSentence.map(({ candidates: cs }) =>
    cs.flatMap((c) => {
      const id = idOf.get(c);
      const e = id ? entities.get(id) : undefined;
      const w = parsed.bySentence[c.sentence]?.[c.last];
      const modifier = w !== undefined && c.end < w.end && !w.possessive;
      const titleFirst = c.title && c.title.last === c.first - 1 ? c.title.first : undefined;
      const slot: MentionSlot = {
        id: id ?? '',
        name: e?.name ?? '',
        type: e?.type ?? 'organization',
        first: c.first,
        last: c.last,
        possessive: w?.possessive ?? false,
        modifier,
      };
      if (titleFirst !== undefined) slot.titleFirst = titleFirst;
      if (c.reason === 'platform') slot.platform = true;
      const gender = id ? genderOf.get(id) : undefined;
      if (gender) slot.gender = gender;
      return id && e ? [slot] : [];
    }),
  );
  const slots = allSlots.map((ss) => ss.filter((s) => !s.platform));
  const people = slots.flatMap((ss, si) => ss.filter((s) => s.type === 'person').map((s) => ({ si, s })));
  const personBefore = (si: number, word: number): MentionSlot | null => {
    let found: MentionSlot | null = null;
    for (const p of people) {
      if (p.si > si || (p.si === si && p.s.first >= word)) break;
      found = p.s;
    }
    return found;
  };

  // Relations and events from clause structure: every predicate between the names of a sentence.
  const discourse = new Discourse(parsed, slots, personBefore);
  const frameEventList: ExtractedEvent[] = [];
  const analyses: SentenceAnalysis[] = [];
  parsed.bySentence.forEach((words, si) => {
    const slotAt = new Map<number, MentionSlot>();
    for (const s of allSlots[si] ?? []) for (let k = s.first; k <= s.last; k++) slotAt.set(k, s);
    for (const d of perSentence[si]?.demonyms ?? []) {
      if (slotAt.has(d.word)) continue;
      const id = countryId(d.iso);
      slotAt.set(d.word, {
        id,
        name: (entities.get(id) as ExtractedEntity).name,
        type: 'country',
        first: d.word,
        last: d.word,
        possessive: false,
        demonym: true,
      });
    }
    const analysis = analyseSentence(words, si, slotAt, discourse.referents(si), perSentence[si]?.titles ?? []);
    discourse.observe(analysis);
    analyses.push(analysis);
    frameEventList.push(...frameEvents({ docId: doc.id, text: doc.text, publishedAt: doc.publishedAt, sentence: parsed.sentences[si] as Sentence, analysis }));
    relateSentence({
      text: doc.text,
      sentence: si,
      words: analysis.words,
      analysis,
      titles: perSentence[si]?.titles ?? [],
      slotAt,
      quotedBefore: (frame) => discourse.quotedBefore(si, frame),
      emit: (source, type, target, reason, confidence, predicate, modality) =>
        addRelation(source.id, type, target.id, reason, si, round(confidence), { predicate, ...(modality ? { modality } : {}) }),
    });
  });
  relateNamesToPlaces(
    [...entities.values()]
      .filter((e) => e.mentions.length > 0)
      .map((e) => ({ id: e.id, type: e.type, name: e.name, firstSentence: Math.min(...e.mentions.map((m) => m.sentence)) })),
    (source, type, target, reason, sentence, confidence) =>
      addRelation(source, type, target, reason, sentence, confidence, { predicate: (entities.get(source) as ExtractedEntity).name }),
  );
  const demonyms = new Map<number, Map<number, string>>(perSentence.map(({ demonyms: ds }, si) => [si, new Map(ds.map((d) => [d.word, d.iso]))]));
  const triggerEvents = findPredicates({
    docId: doc.id,
    text: doc.text,
    publishedAt: doc.publishedAt,
    parsed,
    slots,
    demonyms,
    countryFor: (iso, _sentence, word) => {
      const id = countryId(iso);
      return { id, name: (entities.get(id) as ExtractedEntity).name, type: 'country', first: word, last: word, possessive: false };
    },
    personBefore,
    // A verb is the clause layer's to judge ("is expected to be sworn in" is planned: no event, no relation); the
    // trigger layer reads nouns ("talks", "the attack").
    inVerbGroup: (si, k) => analyses[si]?.groupAt[k] !== undefined,
    verbAt: (si, k) => analyses[si]?.groupAt[k]?.lemma,
    addRelation: (source, type, target, reason, sentence, confidence) => addRelation(source, type, target, reason, sentence, confidence),
  });
  // "Russia launched a missile strike": the verb's event and the noun's are one happening when they share the
  // sentence, the type and the one who acts; the noun names it ("strike").
  const agentOf = (e: ExtractedEvent): string | undefined => e.participants.find((p) => p.role === 'agent')?.entity;
  const namedByNoun = (f: ExtractedEvent): boolean =>
    triggerEvents.some(
      (t) => t.evidence.sentence === f.evidence.sentence && t.eventType === f.eventType && agentOf(t) !== undefined && agentOf(t) === agentOf(f),
    );
  const events = [...frameEventList.filter((f) => !namedByNoun(f)), ...triggerEvents].sort((a, b) => a.trigger.start - b.trigger.start);

  // Same-sentence co-occurrence, kept apart from stated relations.
  for (const { candidates: cs } of perSentence) {
    const ids = [...new Set(cs.map((c) => idOf.get(c)).filter((x): x is string => x !== undefined))].sort();
    if (ids.length < 2 || ids.length > MAX_COOCCURRING) continue;
    const sentence = (cs[0] as Candidate).sentence;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) addRelation(ids[x] as string, 'co_occurs_with', ids[y] as string, 'same-sentence', sentence);
    }
  }

  // Aliases: every surface form besides the name, then title forms; mentions in text order.
  for (const entity of entities.values()) {
    entity.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    const seen = new Set<string>([entity.name]);
    const aliases: string[] = [];
    for (const form of [...entity.mentions.map((m) => m.text), ...(aliasExtra.get(entity.id) ?? [])]) {
      const f = form.replace(/\s+/g, ' ').trim();
      if (f && !seen.has(f)) {
        seen.add(f);
        aliases.push(f);
      }
    }
    entity.aliases = aliases;
    const n = entity.mentions.length;
    entity.confidence = round(Math.min(0.99, entity.confidence + 0.02 * Math.max(0, n - 1)));
  }

  const sortedEntities = [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = (a: ExtractedRelation, b: ExtractedRelation): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const all = [...relations.values()];
  // Places and countries get their gazetteer readings; a place that is not the usual city of its name is renamed.
  return linkPlaces(
    {
      id: doc.id,
      document: { id: doc.id, title: doc.title, publishedAt: doc.publishedAt, chars: doc.text.length },
      extractor: EXTRACTOR_VERSION,
      sentences: parsed.sentences,
      entities: sortedEntities,
      relations: all.filter((r) => r.type !== 'co_occurs_with').sort(byId),
      cooccurrences: all.filter((r) => r.type === 'co_occurs_with').sort(byId),
      events,
    },
    doc.text,
  );
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export type { EntityType } from './types.js';
