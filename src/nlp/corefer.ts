// Within-document resolution: groups mentions into entities (surname → full name, acronym ↔ expansion,
// capital → country) and picks canonical names. Pure; deterministic in mention order.
import { countryByIso } from './lexicon/countries.js';
import { ANAPHORIC_HEADS, headType } from './lexicon/heads.js';
import { type Candidate, TEAM_REASONS } from './mentions.js';
import { nameKey } from './slug.js';
import type { EntityType } from './types.js';

export interface Cluster {
  type: EntityType;
  iso?: string;
  members: Candidate[];
  acronym?: string;
}

/** Default type of a single capitalised word that nothing else explains. */
const UNKNOWN_DEFAULT: EntityType = 'organization';
/** Heads of official country names: "the Islamic Republic", "the Kingdom". */
const OFFICIAL_HEADS = /\b(Republic|Kingdom|Federation|Emirates|Commonwealth|Confederation|Sultanate|Emirate)$/;

const initials = (text: string, withConnectors: boolean): string =>
  text
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && (withConnectors || /^\p{Lu}/u.test(w)))
    .map((w) => (w.charAt(0) ?? '').toUpperCase())
    .join('');

export function resolveClusters(candidates: Candidate[]): Cluster[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>(); // `${type}|${key}` → cluster
  const byIso = new Map<string, Cluster>();
  const clusterOf = new Map<Candidate, Cluster>();
  const add = (cl: Cluster, c: Candidate): void => {
    cl.members.push(c);
    clusterOf.set(c, cl);
  };
  const keyed = (type: EntityType, key: string): Cluster => {
    const k = `${type}|${key}`;
    let cl = byKey.get(k);
    if (!cl) {
      cl = { type, members: [] };
      byKey.set(k, cl);
      clusters.push(cl);
    }
    return cl;
  };

  // 1. Countries by ISO code (names, official names, codes and capitals used for governments).
  for (const c of candidates) {
    if (c.type !== 'country' || !c.iso) continue;
    let cl = byIso.get(c.iso);
    if (!cl) {
      cl = { type: 'country', iso: c.iso, members: [] };
      byIso.set(c.iso, cl);
      clusters.push(cl);
    }
    add(cl, c);
  }

  // 1b. "the Islamic Republic": the start or end of the official name of exactly one country named in the text.
  for (const c of candidates) {
    if (clusterOf.has(c) || c.words < 2 || !OFFICIAL_HEADS.test(c.text)) continue;
    const key = nameKey(c.text);
    const matches = [...byIso.values()].filter((cl) => {
      const official = nameKey(countryByIso(cl.iso ?? '')?.official ?? '');
      return official.startsWith(`${key} of `) || official.endsWith(` ${key}`) || official === key;
    });
    if (matches.length === 1) {
      c.type = 'country';
      c.reason = 'official-name-part';
      c.confidence = 0.8;
      add(matches[0] as Cluster, c);
    }
  }

  // 2. People with full names, longest first so that "Ana Maria Silva" absorbs "Maria Silva".
  const fullNames = candidates.filter((c) => c.type === 'person' && c.words > 1).sort((a, b) => b.words - a.words || a.start - b.start);
  const bySurname = new Map<string, Cluster[]>();
  for (const c of fullNames) {
    const words = nameKey(c.text).split(' ');
    const surname = words.at(-1) ?? '';
    const existing = (bySurname.get(surname) ?? []).find((cl) => {
      const longest = nameKey((cl.members[0] as Candidate).text).split(' ');
      return words.every((w) => longest.includes(w));
    });
    const cl = existing ?? keyed('person', nameKey(c.text));
    add(cl, c);
    if (!existing) bySurname.set(surname, [...(bySurname.get(surname) ?? []), cl]);
  }

  // 3. Multi-word names of other types, and acronyms explained by a bracket or by their initials.
  const others = candidates.filter((c) => !clusterOf.has(c) && c.type !== null && c.type !== 'person' && !c.acronym && !c.tieKey);
  for (const c of others) add(keyed(c.type as EntityType, nameKey(c.canonical ?? c.text)), c);
  // Deal phrases join the program the text ties them to ("the 2015 nuclear deal, the Joint Fisheries Plan ...").
  const ties = new Map<string, Cluster>();
  for (const c of candidates) if (c.tieKey && c.apposedTo && clusterOf.has(c.apposedTo)) ties.set(nameKey(c.tieKey), clusterOf.get(c.apposedTo) as Cluster);
  for (const c of candidates) {
    if (!c.tieKey) continue;
    const target = ties.get(nameKey(c.tieKey));
    if (target) add(target, c);
  }
  const expansions = clusters.filter((cl) => cl.type !== 'person' && cl.type !== 'country' && (cl.members[0] as Candidate).words > 1);
  for (const c of candidates) {
    if (!c.acronym || clusterOf.has(c)) continue;
    const parent = c.parenOf ? clusterOf.get(c.parenOf) : undefined;
    const target =
      parent && parent.type !== 'person'
        ? parent
        : expansions.find((cl) => cl.members.some((m) => initials(m.text, true) === c.text || initials(m.text, false) === c.text));
    if (target) {
      target.acronym = c.text;
      add(target, c);
    }
  }
  // Other acronyms cluster with themselves (two mentions of "ACN" are one organization).
  for (const c of candidates) if (c.acronym && !clusterOf.has(c)) add(keyed('organization', nameKey(c.text)), c);

  const byFirstWord = new Map<string, Set<Cluster>>();
  for (const cl of new Set([...bySurname.values()].flat())) {
    for (const m of cl.members) {
      const first = nameKey(m.text).split(' ')[0] ?? '';
      byFirstWord.set(first, (byFirstWord.get(first) ?? new Set()).add(cl));
    }
  }
  const companies = companiesByFirstWord(clusters);
  const heads = organizationsByHead(clusters);
  // 4. Single words: a surname joins the nearest full name before it; a known name joins its entity.
  const anyKey = new Map<string, Cluster>();
  for (const cl of clusters) for (const m of cl.members) if (!anyKey.has(nameKey(m.text))) anyKey.set(nameKey(m.text), cl);
  for (const c of candidates) {
    if (clusterOf.has(c) || c.tieKey) continue;
    const key = nameKey(c.text);
    const people = c.words <= 2 ? bySurname.get(key.split(' ').at(-1) ?? key) : undefined;
    const personLike = c.type === null || c.type === 'person' || c.reason === 'organization-lexicon' || c.reason === 'name-shape';
    if (people && people.length > 0 && personLike) {
      add(nearest(people, c), c);
      continue;
    }
    // "ACN" beside "Acme News", "Brightvale said" beside "Brightvale S.A.": a single word and the same word with an
    // organization head or company suffix are one body, whatever a verb made of the single word.
    if (c.words === 1 && (c.type === null || c.type === 'organization' || (personLike && !c.title))) {
      const org = companies.get(key);
      if (org) {
        add(org, c);
        continue;
      }
    }
    // "Li Wei ... Li said" (family name first), "Jansen Ode ... Jansen won" (a player by first name): the first
    // word of exactly one full name, when no full name ends with it.
    const byFirst = c.words === 1 && personLike ? byFirstWord.get(key) : undefined;
    if (byFirst && byFirst.size === 1) {
      add([...byFirst][0] as Cluster, c);
      continue;
    }
    const known = anyKey.get(key);
    if (known && (c.type === null || c.weak || c.type === known.type)) {
      add(known, c);
      continue;
    }
    // "the Fund" after "the Northern Monetary Fund" is that body; "The Government hopes" with no such body
    // named is no name at all.
    if (c.words === 1 && c.type === null && ANAPHORIC_HEADS.has(key)) {
      const bodies = heads.get(key);
      if (bodies?.size === 1) add([...bodies][0] as Cluster, c);
      continue;
    }
    if (c.weak) continue;
    const type: EntityType = c.type ?? (c.locative ? 'place' : UNKNOWN_DEFAULT);
    if (c.type === null) {
      c.type = type;
      c.reason = c.locative ? 'unknown-after-locative' : 'unknown-default';
      c.confidence = c.locative ? 0.55 : 0.45;
    }
    const cl = keyed(type, key);
    add(cl, c);
    if (!anyKey.has(key)) anyKey.set(key, cl);
  }

  // 5. One name, one type: the same words typed two ways in one article are voted on (capitals used
  //    for a government stay with their country; the literal city is a separate place).
  const byName = new Map<string, Cluster[]>();
  for (const cl of clusters) {
    if (cl.type === 'country' || cl.members.length === 0) continue;
    const k = nameKey(canonicalText(cl));
    byName.set(k, [...(byName.get(k) ?? []), cl]);
  }
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const score = (cl: Cluster): number => cl.members.reduce((s, m) => s + m.confidence, 0);
    const winner = [...group].sort((a, b) => score(b) - score(a))[0] as Cluster;
    // A team named after its town keeps the town apart: what is left typed a place there is "in Northfield".
    const team = winner.type === 'organization' && winner.members.some((m) => TEAM_REASONS.has(m.reason));
    for (const cl of group) {
      if (cl === winner || (team && cl.type === 'place')) continue;
      for (const m of cl.members) winner.members.push(m);
      cl.members = [];
    }
  }
  const live = clusters.filter((cl) => cl.members.length > 0);
  for (const cl of live) cl.members.sort((a, b) => a.start - b.start);
  return live;
}

/** Organizations named "<word> <head>" ("Acme News", "Brightvale S.A."), by that first word; the first found wins. */
function companiesByFirstWord(clusters: Cluster[]): Map<string, Cluster> {
  const out = new Map<string, Cluster>();
  for (const cl of clusters) {
    if (cl.type !== 'organization') continue;
    for (const m of cl.members) {
      const parts = nameKey(m.text).split(' ');
      if (m.words === 2 && parts.length > 1 && headType(m.text.split(' ').at(-1) ?? '') === 'organization' && !out.has(parts[0] as string))
        out.set(parts[0] as string, cl);
    }
  }
  return out;
}

/** Organizations by the head of their names ("fund" → Northern Monetary Fund, "bank" → State Bank of Lima). */
function organizationsByHead(clusters: Cluster[]): Map<string, Set<Cluster>> {
  const out = new Map<string, Set<Cluster>>();
  for (const cl of clusters) {
    if (cl.type !== 'organization') continue;
    for (const m of cl.members) {
      const parts = nameKey(m.text).split(' ');
      if (parts.length < 2) continue;
      const of = parts.findIndex((p, k) => k > 0 && (p === 'of' || p === 'for'));
      const head = of > 0 ? parts[of - 1] : parts.at(-1);
      if (head) out.set(head, (out.get(head) ?? new Set()).add(cl));
    }
  }
  return out;
}

/** The full name whose mention is closest before the candidate (or the first one). */
function nearest(people: Cluster[], c: Candidate): Cluster {
  let best = people[0] as Cluster;
  let bestPos = -1;
  for (const cl of people) {
    for (const m of cl.members)
      if (m.start < c.start && m.start > bestPos) {
        bestPos = m.start;
        best = cl;
      }
  }
  return best;
}

/** The fullest proper form: the country's usual name, else the member with most words (earliest on ties). */
export function canonicalText(cl: Cluster): string {
  if (cl.type === 'country' && cl.iso) return countryByIso(cl.iso)?.name ?? (cl.members[0] as Candidate).text;
  let best = cl.members.find((m) => !m.tieKey) ?? (cl.members[0] as Candidate);
  for (const m of cl.members) {
    if ((m.acronym && !best.acronym) || m.tieKey) continue;
    if ((best.acronym && !m.acronym) || m.words > best.words || (m.words === best.words && m.start < best.start && m.text.length >= best.text.length)) best = m;
  }
  return (best.canonical ?? best.text).replace(/\s+/g, ' ').replace(/^The (?=\S)/, '');
}
