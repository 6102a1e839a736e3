// Cross-document resolution: one node per real-world thing across articles. A short name that is an alias of
// exactly one longer-named entity of the same type ("Doe" → "John Doe", "NBGC" → "Islamic Revolutionary
// Guard Corps") is merged into it; two people whose first names differ are never merged. Deterministic: the
// mapping depends on the set of entities, not on the order documents arrived in.
import { nameKey } from '../nlp/slug.js';
import type { ExtractedRelation, Extraction } from '../nlp/types.js';

interface EntityRef {
  id: string;
  type: string;
  name: string;
  keys: Set<string>;
}

/** Which entity ids should become which: short names into the one longer entity that carries them. */
export function crossDocumentMerges(extractions: Iterable<Extraction>): Map<string, string> {
  const refs = new Map<string, EntityRef>();
  for (const x of extractions) {
    for (const e of x.entities) {
      if (e.type === 'event') continue;
      let ref = refs.get(e.id);
      if (!ref) {
        ref = { id: e.id, type: e.type, name: e.name, keys: new Set() };
        refs.set(e.id, ref);
      }
      for (const form of [e.name, ...e.aliases, ...(e.attributes.acronym ? [e.attributes.acronym] : [])]) ref.keys.add(nameKey(form));
    }
  }
  const words = (s: string): string[] => nameKey(s).split(' ').filter(Boolean);
  const initials = (s: string): string =>
    s
      .split(/[\s-]+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w.charAt(0))
      .join('');
  const all = [...refs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const wordsOf = new Map(all.map((r) => [r.id, words(r.name)]));
  // Indexes, so that each entity looks only at its possible partners (linear in the number of entities):
  // people by the words their names end with, others by initials and by every name they carry.
  const byEnding = new Map<string, EntityRef[]>();
  const byInitials = new Map<string, EntityRef[]>();
  const byKey = new Map<string, EntityRef[]>();
  const push = (map: Map<string, EntityRef[]>, key: string, ref: EntityRef): void => {
    const list = map.get(key);
    if (list) list.push(ref);
    else map.set(key, [ref]);
  };
  for (const ref of all) {
    const w = wordsOf.get(ref.id) as string[];
    if (ref.type === 'person') for (let k = 1; k < w.length; k++) push(byEnding, `${w.slice(-k).join(' ')}`, ref);
    else {
      push(byInitials, `${ref.type}|${initials(ref.name)}`, ref);
      for (const key of ref.keys) push(byKey, `${ref.type}|${key}`, ref);
    }
  }
  const merges = new Map<string, string>();
  for (const ref of all) {
    const mine = wordsOf.get(ref.id) as string[];
    let candidates: EntityRef[];
    if (ref.type === 'person') {
      // People: the short name is the end of the full one ("Silva" of "Ana Maria Silva").
      candidates = byEnding.get(mine.join(' ')) ?? [];
    } else {
      // Acronyms: the initials of the full name ("NBGC"), or an alias the full name already carries.
      const acronym = /^[\p{Lu}\d&]{2,8}$/u.test(ref.name);
      candidates = [...(acronym ? (byInitials.get(`${ref.type}|${ref.name}`) ?? []) : []), ...(byKey.get(`${ref.type}|${nameKey(ref.name)}`) ?? [])];
    }
    const longer = new Set(
      candidates.filter((other) => other.id !== ref.id && other.type === ref.type && (wordsOf.get(other.id) as string[]).length > mine.length),
    );
    if (longer.size === 1) merges.set(ref.id, ([...longer][0] as EntityRef).id);
  }
  return followChains(merges);
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
