// Cross-document resolution: one node per real-world thing across articles. A short name that is an alias of
// exactly one longer-named entity of the same type ("Doe" → "John Doe", "NBGC" → "Islamic Revolutionary
// Guard Corps") is merged into it; two people whose first names differ are never merged. Deterministic: the
// mapping depends on the set of entities, not on the order documents arrived in.
import { nameKey } from '../nlp/slug.js';
import type { ExtractedRelation, Extraction } from '../nlp/types.js';

interface EntityRef {
  id: string;
  type: string;
  /** The name in the earliest document (by id) that has the entity, and its words. */
  name: string;
  nameDoc: string;
  words: string[];
  keys: Set<string>;
}

const words = (s: string): string[] => nameKey(s).split(' ').filter(Boolean);
const initials = (s: string): string =>
  s
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.charAt(0))
    .join('');
const isAcronym = (name: string): boolean => /^[\p{Lu}\d&]{2,8}$/u.test(name);

function push(map: Map<string, EntityRef[]>, key: string, ref: EntityRef): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
}

/**
 * The cross-document merge decisions and the indexes behind them, so that each entity looks only at its possible
 * partners: people by the words their names end with, others by initials and by every name they carry. Built
 * once from all extractions, then kept up to date one document at a time (add), which says when a document
 * changed a decision taken before (then the graph has to be rebuilt, since documents already in it move).
 */
export class MergeIndex {
  private readonly refs = new Map<string, EntityRef>();
  private readonly byEnding = new Map<string, EntityRef[]>();
  private readonly byInitials = new Map<string, EntityRef[]>();
  private readonly byKey = new Map<string, EntityRef[]>();
  /** Reverse lookups: who might now have a new partner. */
  private readonly byWords = new Map<string, EntityRef[]>();
  private readonly byName = new Map<string, EntityRef[]>();
  private readonly byNameKey = new Map<string, EntityRef[]>();
  /** Short id → the one longer entity it becomes (before chains are followed). */
  private readonly decisions = new Map<string, string>();

  constructor(extractions: Iterable<Extraction> = []) {
    const added: EntityRef[] = [];
    for (const x of extractions) this.collect(x, added, []);
    for (const ref of this.refs.values()) this.index(ref, ref.keys, true);
    for (const ref of this.refs.values()) this.decide(ref);
    this.built = true;
  }

  /**
   * Takes one more document in. Returns false when it changes the decision of an entity that was there before
   * (or the name it is known by), and then the index is no longer usable: rebuild it with the graph.
   */
  add(x: Extraction): boolean {
    const added: EntityRef[] = [];
    const grown: { ref: EntityRef; keys: Set<string> }[] = [];
    if (!this.collect(x, added, grown)) return false;
    for (const ref of added) this.index(ref, ref.keys, true);
    for (const { ref, keys } of grown) this.index(ref, keys, false);
    // Whose candidates may have changed: the new entities, and every entity a new entity or name could partner.
    const affected = new Set<EntityRef>(added);
    for (const ref of added) {
      if (ref.type === 'person') {
        for (let k = 1; k < ref.words.length; k++) for (const r of this.byWords.get(ref.words.slice(-k).join(' ')) ?? []) affected.add(r);
      } else for (const r of this.byName.get(`${ref.type}|${initials(ref.name)}`) ?? []) affected.add(r);
    }
    for (const { ref, keys } of [...grown, ...added.map((ref) => ({ ref, keys: ref.keys }))]) {
      if (ref.type === 'person') continue;
      for (const key of keys) for (const r of this.byNameKey.get(`${ref.type}|${key}`) ?? []) affected.add(r);
    }
    const fresh = new Set(added);
    let same = true;
    for (const ref of affected) {
      const before = this.decisions.get(ref.id);
      this.decide(ref);
      if (!fresh.has(ref) && this.decisions.get(ref.id) !== before) same = false;
    }
    return same;
  }

  /** Where an id ends up, chains followed ("Silva" → "Maria Silva" → "Ana Maria Silva"). */
  target(id: string): string {
    return followOne(this.decisions, id);
  }

  /** Every decision, chains followed. */
  merges(): Map<string, string> {
    return followChains(this.decisions);
  }

  private built = false;

  private collect(x: Extraction, added: EntityRef[], grown: { ref: EntityRef; keys: Set<string> }[]): boolean {
    const docId = x.document.id;
    for (const e of x.entities) {
      if (e.type === 'event') continue;
      const forms = [e.name, ...e.aliases, ...(e.attributes.acronym ? [e.attributes.acronym] : [])].map(nameKey);
      let ref = this.refs.get(e.id);
      if (!ref) {
        ref = { id: e.id, type: e.type, name: e.name, nameDoc: docId, words: words(e.name), keys: new Set(forms) };
        this.refs.set(e.id, ref);
        added.push(ref);
        continue;
      }
      if (docId < ref.nameDoc) {
        // An earlier document names it differently: its decision may change, and with it documents already placed.
        if (this.built && e.name !== ref.name) return false;
        ref.name = e.name;
        ref.nameDoc = docId;
        ref.words = words(e.name);
      }
      const keys = new Set(forms.filter((k) => !ref.keys.has(k)));
      for (const k of keys) ref.keys.add(k);
      if (keys.size > 0 && this.built) grown.push({ ref, keys });
    }
    return true;
  }

  private index(ref: EntityRef, keys: Set<string>, isNew: boolean): void {
    if (isNew) {
      if (ref.type === 'person') {
        for (let k = 1; k < ref.words.length; k++) push(this.byEnding, ref.words.slice(-k).join(' '), ref);
        push(this.byWords, ref.words.join(' '), ref);
      } else {
        push(this.byInitials, `${ref.type}|${initials(ref.name)}`, ref);
        push(this.byName, `${ref.type}|${ref.name}`, ref);
        push(this.byNameKey, `${ref.type}|${nameKey(ref.name)}`, ref);
      }
    }
    if (ref.type !== 'person') for (const key of keys) push(this.byKey, `${ref.type}|${key}`, ref);
  }

  private decide(ref: EntityRef): void {
    let candidates: EntityRef[];
    if (ref.type === 'person') {
      // People: the short name is the end of the full one ("Silva" of "Ana Maria Silva").
      candidates = this.byEnding.get(ref.words.join(' ')) ?? [];
    } else {
      // Acronyms: the initials of the full name ("NBGC"), or an alias the full name already carries.
      candidates = [
        ...(isAcronym(ref.name) ? (this.byInitials.get(`${ref.type}|${ref.name}`) ?? []) : []),
        ...(this.byKey.get(`${ref.type}|${nameKey(ref.name)}`) ?? []),
      ];
    }
    const longer = new Set(candidates.filter((other) => other.id !== ref.id && other.type === ref.type && other.words.length > ref.words.length));
    if (longer.size === 1) this.decisions.set(ref.id, ([...longer][0] as EntityRef).id);
    else this.decisions.delete(ref.id);
  }
}

/** Which entity ids should become which: short names into the one longer entity that carries them. */
export function crossDocumentMerges(extractions: Iterable<Extraction>): Map<string, string> {
  return new MergeIndex(extractions).merges();
}

/** Where one id ends up through a merge map, as followChains does for all of them. */
export function followOne(merges: { get(id: string): string | undefined; has(id: string): boolean }, from: string): string {
  if (!merges.has(from)) return from;
  let to = merges.get(from) as string;
  const seen = new Set([from]);
  while (merges.has(to) && !seen.has(to)) {
    seen.add(to);
    to = merges.get(to) as string;
  }
  return to;
}

/** Follows chains ("Silva" → "Maria Silva" → "Ana Maria Silva") to their end; cycles stop where they close. */
export function followChains(merges: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [from] of merges) {
    let to = merges.get(from) as string;
    const seen = new Set([from]);
    while (merges.has(to) && !seen.has(to)) {
      seen.add(to);
      to = merges.get(to) as string;
    }
    if (to !== from) out.set(from, to);
  }
  return out;
}

/** Rewrites one extraction's ids through the merge map (entities, relations, co-occurrences, events). */
export function applyMerges(x: Extraction, merges: Map<string, string>): Extraction {
  if (merges.size === 0) return x;
  const id = (v: string): string => merges.get(v) ?? v;
  const entities = new Map<string, Extraction['entities'][number]>();
  for (const e of x.entities) {
    const target = id(e.id);
    const existing = entities.get(target);
    if (!existing) {
      entities.set(target, {
        ...e,
        id: target,
        attributes: { ...e.attributes, roles: e.attributes.roles?.map((r) => ({ ...r, of: r.of ? id(r.of) : null })) },
      });
      continue;
    }
    existing.mentions = [...existing.mentions, ...e.mentions].sort((a, b) => a.start - b.start);
    existing.aliases = [...new Set([...existing.aliases, e.name, ...e.aliases])].filter((a) => a !== existing.name);
    existing.confidence = Math.max(existing.confidence, e.confidence);
  }
  const relink = (rs: ExtractedRelation[]): ExtractedRelation[] => {
    const out = new Map<string, ExtractedRelation>();
    for (const r of rs) {
      const source = id(r.source);
      const target = id(r.target);
      if (source === target) continue;
      const rid = `${source}|${r.type}|${target}`;
      const prev = out.get(rid);
      if (prev) {
        for (const ev of r.evidence) if (!prev.evidence.some((p) => p.sentence === ev.sentence)) prev.evidence.push(ev);
      } else out.set(rid, { ...r, id: rid, source, target, evidence: [...r.evidence] });
    }
    return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  };
  return {
    ...x,
    entities: [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    relations: relink(x.relations),
    cooccurrences: relink(x.cooccurrences ?? []),
    events: x.events.map((ev) => ({
      ...ev,
      location: ev.location ? id(ev.location) : null,
      participants: ev.participants.map((p) => ({ ...p, entity: id(p.entity) })),
    })),
  };
}
