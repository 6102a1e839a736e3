// GraphIndex, the read side the resolvers call: the graph plus its indexes, lookups and listings; walks, events, names and views live beside it.
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { EntityType } from '../nlp/types.js';
import type { AnalyticsResult, CommunityInfo } from './analytics.js';
import type { GraphChange } from './build.js';
import { type EventFilter, eventKey, eventMatcher, eventsOf, participants } from './events.js';
import type { DocumentInfo, EntityNode, KnowledgeGraph, RelationEdge } from './model.js';
import { foldKey, NameIndex } from './names.js';
import { compareKeys, keysetPage, keysetPageWithin, lowerBoundBy, type Page, pageAt, type SortKey, startAfter } from './paging.js';
import { type Direction, type Neighborhood, type Path, neighborhood, paths, shortestPath, type TraversalOptions } from './traverse.js';
import { centrality, communities, type GraphStats, stats } from './views.js';

export type { EventFilter } from './events.js';
export { foldKey } from './names.js';
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

/** A node's relations in one direction: all of them, and the stated ones (the same list when it has no co-occurrence). */
interface Adjacency {
  all: RelationEdge[];
  stated: RelationEdge[];
}

/** Relation lists at least this long are kept sorted (see adjacency()). */
const ADJACENCY_KEPT_FROM = 32;

/** The order of relationKey (stated first, heavier, surer, then by id) without building the keys. */
function compareRelations(a: RelationEdge, b: RelationEdge): number {
  if (!a.cooccurrence !== !b.cooccurrence) return a.cooccurrence ? 1 : -1;
  if (a.weight !== b.weight) return b.weight - a.weight;
  const ca = Math.round(a.confidence * 1000);
  const cb = Math.round(b.confidence * 1000);
  if (ca !== cb) return cb - ca;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

const eventOrder = (order: 'date' | 'id'): ((n: EntityNode) => SortKey) => (order === 'date' ? eventKey : (n) => [n.id]);

/** A sorted listing with the changed entities taken out and `back` (their current selves) put in at their place. */
function replaced(list: readonly EntityNode[], changed: ReadonlySet<string>, back: readonly EntityNode[], keyOf: (n: EntityNode) => SortKey): EntityNode[] {
  const kept = list.filter((n) => !changed.has(n.id));
  for (const n of back) kept.splice(lowerBoundBy(kept, keyOf, keyOf(n)), 0, n);
  return kept;
}

/** One document added to the graph in place: what changed (build.ts addExtraction) and the document. */
export interface IndexUpdate {
  change: GraphChange;
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
  /** Names, aliases and acronyms: exact lookups, search and nameContains. */
  private readonly names: NameIndex;
  private readonly documentsById: Map<string, DocumentInfo>;
  private readonly sorted: Map<string, EntityNode[]> = new Map();
  private readonly eventListings: Map<'date' | 'id', EntityNode[]> = new Map();
  /** positions(): per sorted listing, each entity's place in it by name-index number. */
  private readonly placeIn: Map<string, Int32Array> = new Map();
  private readonly statedDegree: Map<string, number> = new Map();
  /** Per direction, the relations of hubs strongest first (all, and stated only): sorted once when first asked for. */
  private readonly adjacencyCache: Record<Direction, Map<string, Adjacency>> = { out: new Map(), in: new Map(), both: new Map() };

  constructor(graph: KnowledgeGraph, documents: DocumentInfo[], from?: { previous: GraphIndex; update: IndexUpdate }) {
    this.graph = graph;
    this.documents = documents;
    if (from) {
      // Take over the previous index's structures (it is not used again) and bring them up to date.
      const p = from.previous;
      this.documentsById = p.documentsById;
      this.names = p.names;
      this.sorted = p.sorted;
      this.eventListings = p.eventListings;
      this.placeIn = p.placeIn;
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
    this.names = new NameIndex(graph);
  }

  /** The index after one more document was added to the graph in place (pipeline.addToIndex). */
  update(update: IndexUpdate): GraphIndex {
    const documents = [...this.documents];
    let at = documents.findIndex((d) => d.id > update.document.id);
    if (at < 0) at = documents.length;
    documents.splice(at, 0, update.document);
    return new GraphIndex(this.graph, documents, { previous: this, update });
  }

  private apply({ change, document }: IndexUpdate): void {
    this.documentsById.set(document.id, document);
    for (const key of change.newEdges) {
      const e = this.edge(key);
      if (e.cooccurrence) continue;
      this.statedDegree.set(e.source, (this.statedDegree.get(e.source) ?? 0) + 1);
      this.statedDegree.set(e.target, (this.statedDegree.get(e.target) ?? 0) + 1);
    }
    for (const key of [...change.edges, ...change.newEdges]) {
      const e = this.edge(key);
      for (const end of [e.source, e.target]) for (const cached of Object.values(this.adjacencyCache)) cached.delete(end);
    }
    // Names: the touched entities are filed again under their current names, aliases and acronym.
    this.names.apply(change.nodes);
    // Sorted listings: the touched entities leave and come back at their new place.
    const touched = [...change.nodes].map((id) => this.node(id));
    for (const [key, list] of this.sorted) {
      const [field, descending] = key.split(':') as [EntityOrderField, string];
      this.sorted.set(key, replaced(list, change.nodes, touched, this.entityKey(field, descending === 'true')));
    }
    // Places in the listings moved and touched entities have new numbers: positions() starts again when asked.
    this.placeIn.clear();
    const events = touched.filter((n) => n.type === 'event');
    for (const [order, list] of this.eventListings) this.eventListings.set(order, replaced(list, change.nodes, events, eventOrder(order)));
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
      const id = this.names.find(ref.name);
      return id === null ? null : this.node(id);
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
      // Each key computed once, not once per comparison.
      list = this.graph
        .nodes()
        .map((id) => ({ n: this.node(id), k: keyOf(this.node(id)) }))
        .sort((a, b) => compareKeys(a.k, b.k))
        .map((x) => x.n);
      this.sorted.set(key, list);
    }
    return list;
  }

  private entityKey(field: EntityOrderField, descending: boolean): (n: EntityNode) => SortKey {
    const sign = descending ? -1 : 1;
    switch (field) {
      case 'name':
        // Descending by name: keyset on the negated code points would be awkward, so name order is ascending only.
        return (n) => [this.names.foldedName(n.id), n.id];
      case 'mentions':
        return (n) => [sign * n.mentionCount, n.id];
      case 'degree':
        return (n) => [sign * this.degree(n.id), n.id];
      default:
        return (n) => [n.id];
    }
  }

  listEntities(filter: EntityFilter, order: { field: EntityOrderField; descending: boolean }, first: number, after: string | null): EntityPage {
    const other = (n: EntityNode): boolean => {
      if (filter.type && n.type !== filter.type) return false;
      if (filter.document && !n.documents.includes(filter.document)) return false;
      if (filter.minMentions && n.mentionCount < filter.minMentions) return false;
      if (filter.minDegree && this.degree(n.id) < filter.minDegree) return false;
      return true;
    };
    const descending = order.descending && order.field !== 'name' && order.field !== 'id';
    const orderName = `${order.field}${descending ? '-desc' : ''}`;
    const keyOf = this.entityKey(order.field, descending);
    const needle = filter.nameContains ? foldKey(filter.nameContains) : '';
    if (!needle) return keysetPage(this.sortedBy(order.field, descending), keyOf, orderName, other, first, after);
    const listing = this.sortedBy(order.field, descending);
    let hits: number[] | null = null;
    const matched = (): number[] => {
      hits ??= this.names.containing(needle);
      return hits;
    };
    const total = (): number => matched().filter((e) => other(this.node(this.names.idOf(e) as string))).length;
    // A needle held by many names is met every few steps of the listing; give it a few thousand.
    const page = keysetPageWithin(
      listing,
      keyOf,
      orderName,
      (n) => other(n) && this.names.nameContains(n.id, needle),
      first,
      after,
      64 * (first + 1) + 2048,
      total,
    );
    if (page) return page;
    // A rarer one (or one whose holders cluster far down the listing): take the holders from the name index and
    // keep the first + 1 of them nearest after the cursor, by their place in the listing.
    const place = this.positions(order.field, descending);
    const from = startAfter(listing, keyOf, orderName, after);
    const best: number[] = [];
    for (const e of matched()) {
      const p = place[e] as number;
      if (p < from || (best.length > first && p >= (best[best.length - 1] as number))) continue;
      if (!other(listing[p] as EntityNode)) continue;
      let i = best.length;
      best.push(p);
      while (i > 0 && (best[i - 1] as number) > p) {
        best[i] = best[i - 1] as number;
        i--;
      }
      best[i] = p;
      if (best.length > first + 1) best.pop();
    }
    return pageAt(listing, keyOf, orderName, best, first, total);
  }

  /** Each entity's place in a sorted listing, by its name-index number; rebuilt after the numbers change. */
  private positions(field: EntityOrderField, descending: boolean): Int32Array {
    const key = `${field}:${descending}`;
    let place = this.placeIn.get(key);
    if (!place || place.length !== this.names.capacity) {
      place = new Int32Array(this.names.capacity).fill(-1);
      const listing = this.sortedBy(field, descending);
      for (let i = 0; i < listing.length; i++) {
        const e = this.names.number((listing[i] as EntityNode).id);
        if (e !== undefined) place[e] = i;
      }
      this.placeIn.set(key, place);
    }
    return place;
  }

  /** Ranked: exact name or alias, prefix, word, substring, then near misses (one or two typos); ties by mentions, then id. */
  search(text: string, types: readonly EntityType[] | null, first: number): EntityNode[] {
    return this.names.search(text, types, first).map((id) => this.node(id));
  }

  private static relationKey(e: RelationEdge): SortKey {
    return [e.cooccurrence ? 1 : 0, -e.weight, -Math.round(e.confidence * 1000), e.id];
  }

  /**
   * A node's edges in one direction, strongest first. Lists of hubs (ADJACENCY_KEPT_FROM edges or more) are sorted once
   * and kept until an ingest touches them; small ones are built on each call. Keeping every list a query touched
   * made a walk-heavy load on a million entities spend its time collecting them: each kept list outlives the young
   * generation, and on a heap of a few GB every full collection takes seconds.
   */
  private adjacency(id: string, direction: Direction): Adjacency {
    const cached = this.adjacencyCache[direction];
    let lists = cached.get(id);
    if (lists) return lists;
    const keys = direction === 'out' ? this.graph.outEdges(id) : direction === 'in' ? this.graph.inEdges(id) : this.graph.edges(id);
    const all = keys.map((k) => this.edge(k)).sort(compareRelations);
    lists = { all, stated: all.some((e) => e.cooccurrence) ? all.filter((e) => !e.cooccurrence) : all };
    if (all.length >= ADJACENCY_KEPT_FROM) cached.set(id, lists);
    return lists;
  }

  /** A node's relations strongest first, as kept: the caller must not change the list. */
  relationsOf(id: string, direction: Direction, options: TraversalOptions = {}): readonly RelationEdge[] {
    const lists = this.adjacency(id, direction);
    const list = options.includeCooccurrence ? lists.all : lists.stated;
    const types = options.relationTypes;
    return types && types.length > 0 ? list.filter((e) => types.includes(e.type)) : list;
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
    const key = eventOrder(order);
    let sorted = this.eventListings.get(order);
    if (!sorted) {
      sorted = this.graph
        .filterNodes((_id, n) => n.type === 'event')
        .map((id) => this.node(id))
        .sort((a, b) => compareKeys(key(a), key(b)));
      this.eventListings.set(order, sorted);
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
