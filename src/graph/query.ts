// GraphIndex, the read side the resolvers call: the graph plus its indexes, lookups and listings; walks, events, names and views live beside it.
import { InvalidInputError, NotFoundError } from '../errors.js';
import { nameKey } from '../nlp/slug.js';
import type { EntityType } from '../nlp/types.js';
import type { AnalyticsResult, CommunityInfo } from './analytics.js';
import type { GraphChange } from './build.js';
import { type EventFilter, eventKey, eventMatcher, eventsOf, participants } from './events.js';
import type { DocumentInfo, EntityNode, KnowledgeGraph, RelationEdge } from './model.js';
import { compareKeys, keysetPage, type Page, type SortKey } from './paging.js';
import { type Direction, type Neighborhood, type Path, neighborhood, paths, shortestPath, type TraversalOptions } from './traverse.js';
import { centrality, communities, type GraphStats, stats } from './views.js';

export type { EventFilter } from './events.js';
export { decodeCursor, type Page, type SortKey } from './paging.js';
export { Deadline, type Direction, type Neighborhood, type Path, type PathResult, type TraversalOptions } from './traverse.js';

export type EntityPage = Page<EntityNode>;
export type RelationPage = Page<RelationEdge>;

export interface SentenceInfo {
  documentId: string;
  index: number;
  start: number;
  end: number;
  entities: string[];
}

export interface EntityFilter {
  type?: EntityType | null;
  nameContains?: string | null;
  document?: string | null;
  minDegree?: number | null;
  minMentions?: number | null;
}

export type EntityOrderField = 'id' | 'name' | 'mentions' | 'degree';

/** Case-, accent-, punctuation-, article- and possessive-insensitive comparison key. */
export const foldKey = (s: string): string =>
  nameKey(s)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');

/** Damerau–Levenshtein distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Typos allowed in a word of this length: none below 4 letters, one up to 7, two from 8. */
const typosFor = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** Every query word matches some word of the name: as a prefix, or within its typo allowance. */
function fuzzyWords(nameWords: string[], queryWords: string[]): boolean {
  return queryWords.every((qw) => {
    const t = typosFor(qw);
    return nameWords.some((w) => w.startsWith(qw) || (t > 0 && editDistance(w, qw, t) <= t));
  });
}

/** One document added to the graph in place: what changed (build.ts addExtraction), the touched entities as they were. */
export interface IndexUpdate {
  change: GraphChange;
  before: Map<string, EntityNode>;
  document: DocumentInfo;
}

/**
 * The graph plus the indexes queries need. Built whole from a graph, or derived from the previous index when one
 * document was added in place (update); the previous index is then not used again.
 */
export class GraphIndex {
  readonly graph: KnowledgeGraph;
  readonly documents: DocumentInfo[];
  /** Set when the analytics worker finishes; null until then. */
  analytics: AnalyticsResult | null = null;
  analyticsError: string | null = null;
  private readonly byAlias: Map<string, string[]> = new Map();
  private readonly bySurname: Map<string, string[]> = new Map();
  private readonly documentsById: Map<string, DocumentInfo>;
  private readonly sorted: Map<string, EntityNode[]> = new Map();
  private readonly statedDegree: Map<string, number> = new Map();
  private readonly adjacencyCache: Map<string, RelationEdge[]> = new Map();

  constructor(graph: KnowledgeGraph, documents: DocumentInfo[], from?: { previous: GraphIndex; update: IndexUpdate }) {
    this.graph = graph;
    this.documents = documents;
    if (from) {
      // Take over the previous index's structures (it is not used again) and bring them up to date.
      const p = from.previous;
      this.documentsById = p.documentsById;
      this.byAlias = p.byAlias;
      this.bySurname = p.bySurname;
      this.sorted = p.sorted;
      this.statedDegree = p.statedDegree;
      this.adjacencyCache = p.adjacencyCache;
      // Until the worker recomputes them, the last analytics answer (entities added since score nothing).
      this.analytics = p.analytics;
      this.analyticsError = p.analyticsError;
      this.apply(from.update);
      return;
    }
    this.documentsById = new Map(documents.map((d) => [d.id, d]));
    graph.forEachEdge((_k, e) => {
      if (e.cooccurrence) return;
      this.statedDegree.set(e.source, (this.statedDegree.get(e.source) ?? 0) + 1);
      this.statedDegree.set(e.target, (this.statedDegree.get(e.target) ?? 0) + 1);
    });
    for (const id of graph.nodes()) this.addNames(id, graph.getNodeAttributes(id));
    for (const list of [...this.byAlias.values(), ...this.bySurname.values()]) this.sortNames(list);
  }

  /** The index after one more document was added to the graph in place (pipeline.addToIndex). */
  update(update: IndexUpdate): GraphIndex {
    const documents = [...this.documents];
    let at = documents.findIndex((d) => d.id > update.document.id);
    if (at < 0) at = documents.length;
    documents.splice(at, 0, update.document);
    return new GraphIndex(this.graph, documents, { previous: this, update });
  }

  private apply({ change, before, document }: IndexUpdate): void {
    this.documentsById.set(document.id, document);
    for (const key of change.newEdges) {
      const e = this.edge(key);
      if (e.cooccurrence) continue;
      this.statedDegree.set(e.source, (this.statedDegree.get(e.source) ?? 0) + 1);
      this.statedDegree.set(e.target, (this.statedDegree.get(e.target) ?? 0) + 1);
    }
    for (const key of [...change.edges, ...change.newEdges]) {
      const e = this.edge(key);
      for (const end of [e.source, e.target]) for (const direction of ['out', 'in', 'both']) this.adjacencyCache.delete(`${direction}|${end}`);
    }
    // Names: out with the old forms, in with the new, and the lists touched sorted again.
    const touched = new Set<string[]>();
    for (const id of change.nodes) {
      const old = before.get(id);
      if (old) this.removeNames(id, old);
    }
    for (const id of change.nodes) for (const list of this.addNames(id, this.node(id))) touched.add(list);
    for (const list of touched) this.sortNames(list);
    // Sorted listings: the touched entities leave and come back at their new place.
    for (const [key, list] of this.sorted) {
      const [field, descending] = key.split(':') as [EntityOrderField, string];
      const keyOf = this.entityKey(field, descending === 'true');
      const kept = list.filter((n) => !change.nodes.has(n.id));
      for (const id of change.nodes) {
        const n = this.node(id);
        const k = keyOf(n);
        let lo = 0;
        let hi = kept.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareKeys(keyOf(kept[mid] as EntityNode), k) < 0) lo = mid + 1;
          else hi = mid;
        }
        kept.splice(lo, 0, n);
      }
      this.sorted.set(key, kept);
    }
  }

  private nameForms(n: EntityNode): { forms: Set<string>; surname: string | null } {
    const forms = new Set([n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])].map(foldKey).filter(Boolean));
    const words = foldKey(n.name).split(' ');
    return { forms, surname: n.type === 'person' && words.length >= 2 ? (words.at(-1) as string) : null };
  }

  /** Files an entity under every form of its name (and a person under the surname); returns the lists it joined. */
  private addNames(id: string, n: EntityNode): string[][] {
    const { forms, surname } = this.nameForms(n);
    const joined: string[][] = [];
    const file = (map: Map<string, string[]>, key: string): void => {
      let list = map.get(key);
      if (!list) {
        list = [];
        map.set(key, list);
      }
      if (!list.includes(id)) list.push(id);
      joined.push(list);
    };
    for (const form of forms) file(this.byAlias, form);
    // A person is also found by surname alone ("Petrov" for "Ivan Petrov") when no name or alias matches.
    if (surname !== null) file(this.bySurname, surname);
    return joined;
  }

  private removeNames(id: string, n: EntityNode): void {
    const { forms, surname } = this.nameForms(n);
    const drop = (map: Map<string, string[]>, key: string): void => {
      const list = map.get(key);
      if (!list) return;
      const i = list.indexOf(id);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) map.delete(key);
    };
    for (const form of forms) drop(this.byAlias, form);
    if (surname !== null) drop(this.bySurname, surname);
  }

  /** Most-mentioned first, so "Doe" finds the person before a rarely named namesake. */
  private sortNames(list: string[]): void {
    list.sort((a, b) => this.node(b).mentionCount - this.node(a).mentionCount || (a < b ? -1 : 1));
  }

  node(id: string): EntityNode {
    return this.graph.getNodeAttributes(id);
  }

  hasNode(id: string): boolean {
    return this.graph.hasNode(id);
  }

  edge(id: string): RelationEdge {
    return this.graph.getEdgeAttributes(id);
  }

  hasEdge(id: string): boolean {
    return this.graph.hasEdge(id);
  }

  document(id: string): DocumentInfo | null {
    return this.documentsById.get(id) ?? null;
  }

  /** By id, or by name/alias (case, accents, punctuation, leading article and possessive ignored). */
  findEntity(ref: { id?: string | null; name?: string | null }): EntityNode | null {
    if (ref.id) return this.graph.hasNode(ref.id) ? this.node(ref.id) : null;
    if (ref.name) {
      const key = foldKey(ref.name);
      const ids = this.byAlias.get(key) ?? this.bySurname.get(key);
      return ids?.[0] ? this.node(ids[0]) : null;
    }
    throw new InvalidInputError('query.entity: give an id or a name, for example entity(name: "Iran").');
  }

  /** An id or a name → the entity, or NOT_FOUND naming what was asked for. */
  resolve(ref: string, argument: string): EntityNode {
    const node = this.graph.hasNode(ref) ? this.node(ref) : this.findEntity({ name: ref });
    if (!node) throw new NotFoundError(`${argument}: no entity with id or name "${ref}". Try search(text: "${ref.slice(0, 30)}").`);
    return node;
  }

  private sortedBy(field: EntityOrderField, descending: boolean): EntityNode[] {
    const key = `${field}:${descending}`;
    let list = this.sorted.get(key);
    if (!list) {
      const keyOf = this.entityKey(field, descending);
      list = this.graph
        .nodes()
        .map((id) => this.node(id))
        .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
      this.sorted.set(key, list);
    }
    return list;
  }

  private entityKey(field: EntityOrderField, descending: boolean): (n: EntityNode) => SortKey {
    const sign = descending ? -1 : 1;
    switch (field) {
      case 'name':
        // Descending by name: keyset on the negated code points would be awkward, so name order is ascending only.
        return (n) => [foldKey(n.name), n.id];
      case 'mentions':
        return (n) => [sign * n.mentionCount, n.id];
      case 'degree':
        return (n) => [sign * this.degree(n.id), n.id];
      default:
        return (n) => [n.id];
    }
  }

  listEntities(filter: EntityFilter, order: { field: EntityOrderField; descending: boolean }, first: number, after: string | null): EntityPage {
    const needle = filter.nameContains ? foldKey(filter.nameContains) : null;
    const matches = (n: EntityNode): boolean => {
      if (filter.type && n.type !== filter.type) return false;
      if (filter.document && !n.documents.includes(filter.document)) return false;
      if (filter.minMentions && n.mentionCount < filter.minMentions) return false;
      if (filter.minDegree && this.degree(n.id) < filter.minDegree) return false;
      if (needle && ![n.name, ...n.aliases].some((a) => foldKey(a).includes(needle))) return false;
      return true;
    };
    const descending = order.descending && order.field !== 'name' && order.field !== 'id';
    const orderName = `${order.field}${descending ? '-desc' : ''}`;
    return keysetPage(this.sortedBy(order.field, descending), this.entityKey(order.field, descending), orderName, matches, first, after);
  }

  /** Ranked: exact name or alias, prefix, word, substring, then near misses (one or two typos); ties by mentions, then id. */
  search(text: string, types: readonly EntityType[] | null, first: number): EntityNode[] {
    const q = foldKey(text);
    if (!q) throw new InvalidInputError('query.search: the search text is empty. Give at least one letter or digit.');
    const qWords = q.split(' ');
    const scored: { id: string; score: number }[] = [];
    this.graph.forEachNode((id, n) => {
      if (types && types.length > 0 && !types.includes(n.type)) return;
      let score = 0;
      for (const form of [n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])]) {
        const f = foldKey(form);
        let s = 0;
        if (f === q) s = 5;
        else if (f.startsWith(q)) s = 4;
        else if (f.split(' ').includes(q)) s = 3;
        else if (f.includes(q)) s = 2;
        else if (fuzzyWords(f.split(' '), qWords)) s = 1;
        if (s > score) score = s;
        if (score === 5) break;
      }
      if (score > 0) scored.push({ id, score });
    });
    scored.sort((a, b) => b.score - a.score || this.node(b.id).mentionCount - this.node(a.id).mentionCount || (a.id < b.id ? -1 : 1));
    return scored.slice(0, first).map((s) => this.node(s.id));
  }

  private edgeAllowed(e: RelationEdge, options: TraversalOptions): boolean {
    if (e.cooccurrence && !options.includeCooccurrence) return false;
    if (options.relationTypes && options.relationTypes.length > 0 && !options.relationTypes.includes(e.type)) return false;
    return true;
  }

  private static relationKey(e: RelationEdge): SortKey {
    return [e.cooccurrence ? 1 : 0, -e.weight, -Math.round(e.confidence * 1000), e.id];
  }

  /** A node's edges in one direction, strongest first; sorted once per node and kept (the graph does not change). */
  private adjacency(id: string, direction: Direction): RelationEdge[] {
    const key = `${direction}|${id}`;
    let list = this.adjacencyCache.get(key);
    if (!list) {
      const keys = direction === 'out' ? this.graph.outEdges(id) : direction === 'in' ? this.graph.inEdges(id) : this.graph.edges(id);
      list = keys.map((k) => this.edge(k)).sort((a, b) => compareKeys(GraphIndex.relationKey(a), GraphIndex.relationKey(b)));
      this.adjacencyCache.set(key, list);
    }
    return list;
  }

  relationsOf(id: string, direction: Direction, options: TraversalOptions = {}): RelationEdge[] {
    return this.adjacency(id, direction).filter((e) => this.edgeAllowed(e, options));
  }

  relationsPage(id: string, direction: Direction, options: TraversalOptions, first: number, after: string | null): RelationPage {
    return keysetPage(this.relationsOf(id, direction, options), GraphIndex.relationKey, `relations-${direction}`, () => true, first, after);
  }

  /** Entities one stated relation away, strongest relation first. */
  neighbors(id: string, first: number, types: readonly EntityType[] | null): EntityNode[] {
    const seen = new Set<string>();
    const out: EntityNode[] = [];
    for (const e of this.relationsOf(id, 'both')) {
      const other = e.source === id ? e.target : e.source;
      if (seen.has(other)) continue;
      seen.add(other);
      const n = this.node(other);
      if (types && types.length > 0 && !types.includes(n.type)) continue;
      out.push(n);
      if (out.length >= first) break;
    }
    return out;
  }

  degree(id: string, includeCooccurrence = false): number {
    return includeCooccurrence ? this.graph.degree(id) : (this.statedDegree.get(id) ?? 0);
  }

  /** Who took part in an event, and how (agents, targets, …; the place as "location"). */
  participants(eventId: string): { entity: EntityNode; role: string }[] {
    return participants(this, eventId);
  }

  /** Events an entity takes part in (or that happened there), in date order. */
  eventsOf(id: string): EntityNode[] {
    return eventsOf(this, id);
  }

  events(filter: EventFilter, order: 'date' | 'id', first: number, after: string | null): EntityPage {
    const participant = filter.participant ? this.resolve(filter.participant, 'events.filter.participant').id : null;
    const location = filter.location ? this.resolve(filter.location, 'events.filter.location').id : null;
    const matches = eventMatcher(this, filter, participant, location);
    const key = order === 'date' ? eventKey : (n: EntityNode): SortKey => [n.id];
    const cacheKey = `events:${order}`;
    let sorted = this.sorted.get(cacheKey);
    if (!sorted) {
      sorted = this.graph
        .filterNodes((_id, n) => n.type === 'event')
        .map((id) => this.node(id))
        .sort((a, b) => compareKeys(key(a), key(b)));
      this.sorted.set(cacheKey, sorted);
    }
    return keysetPage(sorted, key, `events-${order}`, matches, first, after);
  }

  /** Breadth-first, ignoring direction, up to `hops` away and `limit` nodes. */
  neighborhood(id: string, hops: number, limit: number, options: TraversalOptions = {}): Neighborhood {
    return neighborhood(this, id, hops, limit, options);
  }

  /**
   * Fewest hops between two entities (ignoring direction unless `directed`). Stated relations are tried first;
   * only when they do not connect the two within maxHops are co-occurrence edges allowed.
   */
  shortestPath(from: string, to: string, maxHops: number, options: TraversalOptions = {}): Path | null {
    return shortestPath(this, from, to, maxHops, options);
  }

  /** Simple paths of stated relations up to maxHops, shortest first (then by edge ids), at most `first`. */
  paths(from: string, to: string, maxHops: number, first: number, options: TraversalOptions = {}): Path[] {
    return paths(this, from, to, maxHops, first, options);
  }

  sentences(documentId: string): SentenceInfo[] {
    const d = this.document(documentId);
    if (!d) return [];
    return d.sentences.map((s) => ({
      documentId,
      index: s.index,
      start: s.start,
      end: s.end,
      entities: (d.mentionsBySentence[s.index] ?? []).filter((id) => this.hasNode(id)),
    }));
  }

  centrality(metric: 'degree' | 'pagerank' | 'betweenness', type: EntityType | null, first: number): { entity: EntityNode; score: number }[] {
    return centrality(this, metric, type, first);
  }

  communities(first: number): CommunityInfo[] {
    return communities(this, first);
  }

  stats(): GraphStats {
    return stats(this, this.documents.length);
  }
}
