// GraphIndex, the read side the resolvers call: the graph plus its indexes, lookups and listings; walks, events, names and views live beside it.
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { EntityType } from '../nlp/types.js';
import { AdjacencyTable, compareRelations } from './adjacency.js';
import type { AnalyticsResult, CommunityInfo } from './analytics.js';
import type { GraphChange } from './build.js';
import { DocumentIndex, type DocumentFilter, type DocumentOrder, type DocumentPage, type Trending } from './documents.js';
import { type EventFilter, eventKey, eventMatcher, eventsOf, participants } from './events.js';
import { countryCodeOf, GeoIndex, type NearHit } from './geo.js';
import type { DocumentInfo, EntityNode, EvidenceRef, KnowledgeGraph, RelationEdge } from './model.js';
import { foldKey, NameIndex } from './names.js';
import { compareKeys, keysetPage, keysetPageWithin, lowerBoundBy, type Page, pageAt, type SortKey, startAfter } from './paging.js';
import { type Direction, type Neighborhood, type Path, neighborhood, paths, shortestPath, type TraversalOptions } from './traverse.js';
import { type Activity, activity, type Bucket, type Day, dayText, inPeriod as inPeriodOf, type Period, relationWithin } from './time.js';
import { centrality, communities, type GraphStats, stats } from './views.js';

export type { EventFilter } from './events.js';
export type { GeoPoint, NearHit } from './geo.js';
export { foldKey } from './names.js';
export { decodeCursor, type Page, type SortKey } from './paging.js';
export { Deadline, type Direction, type Neighborhood, type Path, type PathResult, type TraversalOptions } from './traverse.js';

export type EntityPage = Page<EntityNode>;
export type RelationPage = Page<RelationEdge>;
export type { Activity, Bucket, Period } from './time.js';
export type { DocumentFilter, DocumentOrder, DocumentPage, Trend, Trending } from './documents.js';
export type { Activity as ActivityResult } from './time.js';
export type { Trend as TrendResult, Trending as TrendingResult } from './documents.js';

export type SentencePage = Page<SentenceInfo>;
export type EvidencePage = Page<EvidenceRef>;

/** Filters of the relation listing (source and target already resolved to ids). */
export interface RelationFilter {
  type?: string | null;
  source?: string | null;
  target?: string | null;
  minConfidence?: number | null;
  includeCooccurrence?: boolean | null;
}

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
  /** Documents by id and by date, and what each contributed. */
  private readonly docs: DocumentIndex;
  /** Every relation strongest first (the relation listing without an end given): sorted when first asked for. */
  private allRelations: readonly RelationEdge[] | null = null;
  private readonly sorted: Map<string, EntityNode[]> = new Map();
  private readonly eventListings: Map<'date' | 'id', EntityNode[]> = new Map();
  /** positions(): per sorted listing, each entity's place in it by name-index number. */
  private readonly placeIn: Map<string, Int32Array> = new Map();
  private readonly statedDegree: Map<string, number> = new Map();
  /** Every entity's relations strongest first, built with the index (entities changed in place since: see adjacency()). */
  private readonly table: AdjacencyTable;
  /** Per direction, the relations of hubs strongest first (all, and stated only): listed once when first asked for. */
  private readonly adjacencyCache: Record<Direction, Map<string, Adjacency>> = { out: new Map(), in: new Map(), both: new Map() };
  /** Located entities for near and within: built on the first geo query, then kept up to date in place. */
  private geoIndex: GeoIndex | null = null;

  constructor(graph: KnowledgeGraph, documents: DocumentInfo[], from?: { previous: GraphIndex; update: IndexUpdate | null }) {
    this.graph = graph;
    this.documents = documents;
    if (from) {
      // Take over the previous index's structures (it is not used again) and bring them up to date.
      const p = from.previous;
      this.docs = p.docs;
      this.names = p.names;
      this.sorted = p.sorted;
      this.eventListings = p.eventListings;
      this.placeIn = p.placeIn;
      this.statedDegree = p.statedDegree;
      this.adjacencyCache = p.adjacencyCache;
      this.table = p.table;
      this.allRelations = p.allRelations;
      this.geoIndex = p.geoIndex;
      // Until the worker recomputes them, the last analytics answer (entities added since score nothing).
      this.analytics = p.analytics;
      this.analyticsError = p.analyticsError;
      if (from.update) this.apply(from.update);
      return;
    }
    this.docs = new DocumentIndex(graph, documents);
    this.table = new AdjacencyTable(graph);
    this.allRelations = this.table.ordered;
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

  /**
   * The same graph and documents under a new identity, after something the index does not itself hold changed (a
   * story gained a source: pipeline.addToIndex); answers kept for this index (keyed by it) are then not served again.
   */
  renewed(): GraphIndex {
    return new GraphIndex(this.graph, this.documents, { previous: this, update: null });
  }

  private apply({ change, document }: IndexUpdate): void {
    this.docs.apply(document, change, this.documents);
    this.allRelations = null;
    for (const key of change.newEdges) {
      const e = this.edge(key);
      if (e.cooccurrence) continue;
      this.statedDegree.set(e.source, (this.statedDegree.get(e.source) ?? 0) + 1);
      this.statedDegree.set(e.target, (this.statedDegree.get(e.target) ?? 0) + 1);
    }
    for (const key of [...change.edges, ...change.newEdges]) {
      const e = this.edge(key);
      for (const end of [e.source, e.target]) {
        for (const cached of Object.values(this.adjacencyCache)) cached.delete(end);
        this.table.forget(end);
      }
    }
    // Names: the touched entities are filed again under their current names, aliases and acronym.
    this.names.apply(change.nodes);
    // Places: the touched entities (and the events at touched places) are filed again at their current point.
    this.geoIndex?.apply(change.nodes);
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
    return this.docs.get(id);
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
   * A node's edges in one direction, strongest first, from the table built with the index, or from the graph for an
   * entity added or changed in place since. Lists of hubs (ADJACENCY_KEPT_FROM edges or more) are listed once and
   * kept until an ingest touches them; small ones are listed on each call. Keeping every list a query touched made a
   * walk-heavy load on a million entities spend its time collecting them: each kept list outlives the young
   * generation, and on a heap of a few GB every full collection takes seconds.
   */
  private adjacency(id: string, direction: Direction): Adjacency {
    const cached = this.adjacencyCache[direction];
    let lists = cached.get(id);
    if (lists) return lists;
    const i = this.table.numberOf(id);
    const all = i >= 0 ? this.table.relations(i, direction, true) : this.fromGraph(id, direction);
    lists = { all, stated: all.some((e) => e.cooccurrence) ? all.filter((e) => !e.cooccurrence) : all };
    if (all.length >= ADJACENCY_KEPT_FROM) cached.set(id, lists);
    return lists;
  }

  private fromGraph(id: string, direction: Direction): RelationEdge[] {
    const keys = direction === 'out' ? this.graph.outEdges(id) : direction === 'in' ? this.graph.inEdges(id) : this.graph.edges(id);
    return keys.map((k) => this.edge(k)).sort(compareRelations);
  }

  /** neighborhood()'s walk on the adjacency table (see AdjacencyTable.walk). */
  walk(center: string, hops: number, limit: number, withCooccurrence: boolean, step: () => void): ReturnType<AdjacencyTable['walk']> {
    return this.table.walk(center, hops, limit, withCooccurrence, step);
  }

  /** A node's relations strongest first, as kept: the caller must not change the list. */
  relationsOf(id: string, direction: Direction, options: TraversalOptions = {}): readonly RelationEdge[] {
    const withCooccurrence = options.includeCooccurrence === true;
    const kept = this.adjacencyCache[direction].get(id);
    const i = kept ? -1 : this.table.numberOf(id);
    // A small list straight from the table; hubs, and entities changed since the table was built, through adjacency().
    const list =
      i >= 0 && this.table.count(i, direction, true) < ADJACENCY_KEPT_FROM
        ? this.table.relations(i, direction, withCooccurrence)
        : withCooccurrence
          ? (kept ?? this.adjacency(id, direction)).all
          : (kept ?? this.adjacency(id, direction)).stated;
    const types = options.relationTypes;
    const typed = types && types.length > 0 ? list.filter((e) => types.includes(e.type)) : list;
    const period = options.period;
    if (!period) return typed;
    const within: RelationEdge[] = [];
    for (const e of typed) {
      const seen = relationWithin(e, period, this.docs.dayOf);
      if (seen) within.push(seen);
    }
    return within;
  }

  /** A document's publication day (null when undated). */
  readonly dayOf = (documentId: string): Day | null => this.docs.dayOf(documentId);

  /**
   * Keyset page of relations, strongest first. With a period, a relation is listed when some of its evidence is
   * inside it, and shown with that evidence only (the order stays that of all its evidence, so cursors hold).
   */
  private relationPage(
    list: readonly RelationEdge[],
    order: string,
    matches: (e: RelationEdge) => boolean,
    period: Period | null,
    first: number,
    after: string | null,
  ): RelationPage {
    if (!period) return keysetPage(list, GraphIndex.relationKey, order, matches, first, after);
    const dayOf = this.docs.dayOf;
    const page = keysetPage(list, GraphIndex.relationKey, order, (e) => matches(e) && relationWithin(e, period, dayOf) !== null, first, after);
    return { ...page, items: page.items.map((it) => ({ cursor: it.cursor, node: relationWithin(it.node, period, dayOf) as RelationEdge })) };
  }

  relationsPage(id: string, direction: Direction, options: TraversalOptions, first: number, after: string | null): RelationPage {
    const list = this.relationsOf(id, direction, { ...options, period: null });
    return this.relationPage(list, `relations-${direction}`, () => true, options.period ?? null, first, after);
  }

  /** The relation listing: every relation (or those of one end) matching the filter, strongest first. */
  relations(filter: RelationFilter, period: Period | null, first: number, after: string | null, check: () => void): RelationPage {
    const options = { includeCooccurrence: filter.includeCooccurrence ?? false };
    let list: readonly RelationEdge[];
    if (filter.source) list = this.relationsOf(filter.source, 'out', options);
    else if (filter.target) list = this.relationsOf(filter.target, 'in', options);
    else {
      this.allRelations ??= this.graph.mapEdges((_k, e) => e).sort(compareRelations);
      list = this.allRelations;
    }
    const minConfidence = filter.minConfidence ?? null;
    const matches = (e: RelationEdge): boolean => {
      check();
      if (e.cooccurrence && !filter.includeCooccurrence) return false;
      if (filter.type && e.type !== filter.type) return false;
      if (filter.target && e.target !== filter.target) return false;
      return minConfidence === null || e.confidence >= minConfidence;
    };
    return this.relationPage(list, 'relations', matches, period, first, after);
  }

  /** A relation's evidence in document and sentence order, as a keyset page. */
  evidencePage(e: RelationEdge, first: number, after: string | null): EvidencePage {
    return keysetPage(
      e.evidence,
      (ev) => [ev.documentId, ev.sentence],
      'evidence',
      () => true,
      first,
      after,
    );
  }

  /** Documents matching the filter, oldest or newest first, or by id. */
  documentsPage(filter: DocumentFilter, order: DocumentOrder, first: number, after: string | null): DocumentPage {
    return this.docs.page(filter, order, first, after, this.documents);
  }

  /** The first and last publication dates (null when no document has a date). */
  publishedRange(): { first: string; last: string } | null {
    const range = this.docs.datedRange(this.documents);
    return range ? { first: dayText(range.first), last: dayText(range.last) } : null;
  }

  /** How many documents have no publication date. */
  get undatedDocuments(): number {
    return this.docs.undated;
  }

  /** The entities (or, with `events`, the events) a document names, as a keyset page by id. */
  documentEntities(documentId: string, events: boolean, types: readonly EntityType[] | null, first: number, after: string | null): EntityPage {
    const nodes = this.docs
      .nodes(documentId)
      .filter((id) => this.hasNode(id))
      .map((id) => this.node(id));
    const matches = (n: EntityNode): boolean => (events ? n.type === 'event' : n.type !== 'event' && (!types || types.length === 0 || types.includes(n.type)));
    return keysetPage(nodes, (n) => [n.id], 'document-entities', matches, first, after);
  }

  /** The relations a document is evidence for (only that document's evidence shown), strongest first. */
  documentRelations(documentId: string, includeCooccurrence: boolean, first: number, after: string | null): RelationPage {
    const list = this.docs
      .edges(documentId)
      .filter((k) => this.hasEdge(k))
      .map((k) => this.edge(k))
      .sort(compareRelations);
    const page = keysetPage(list, GraphIndex.relationKey, 'document-relations', (e) => includeCooccurrence || !e.cooccurrence, first, after);
    const own = (e: RelationEdge): RelationEdge => {
      const evidence = e.evidence.filter((ev) => ev.documentId === documentId);
      return { ...e, evidence, weight: evidence.length };
    };
    return { ...page, items: page.items.map((it) => ({ cursor: it.cursor, node: own(it.node) })) };
  }

  /** Mentions and documents per day, week or month (see time.ts activity). */
  activity(id: string, period: Period | null, bucket: Bucket): Activity {
    const docs = this.node(id)
      .documents.map((d) => this.document(d))
      .filter((d): d is DocumentInfo => d !== null);
    return activity(id, docs, period, bucket);
  }

  /** Entities whose mentions rose most in a period (see documents.ts trending). */
  trending(period: Period | null, compareTo: Period | null, type: EntityType | null, first: number, check: () => void): Trending {
    return this.docs.trending(period, compareTo, type, first, this.documents, check);
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

  /** Whether some document that tells of the entity (an event) is inside the period. */
  private toldWithin(period: Period | null): (n: EntityNode) => boolean {
    if (!period) return () => true;
    const dayOf = this.docs.dayOf;
    return (n) => n.documents.some((d) => inPeriodOf(dayOf(d), period));
  }

  /** The events an entity takes part in, in date order, as a keyset page; with a period, those told of in it. */
  timeline(id: string, period: Period | null, first: number, after: string | null): EntityPage {
    return keysetPage(this.eventsOf(id), eventKey, 'events-date', this.toldWithin(period), first, after);
  }

  events(filter: EventFilter, order: 'date' | 'id', first: number, after: string | null, period: Period | null = null): EntityPage {
    const participant = filter.participant ? this.resolve(filter.participant, 'events.filter.participant').id : null;
    const location = filter.location ? this.resolve(filter.location, 'events.filter.location').id : null;
    const filtered = eventMatcher(this, filter, participant, location);
    const told = this.toldWithin(period);
    const matches = period ? (n: EntityNode) => filtered(n) && told(n) : filtered;
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

  /** The geo index, built on first use. */
  get geo(): GeoIndex {
    this.geoIndex ??= new GeoIndex(this.graph);
    return this.geoIndex;
  }

  /** The test near and within apply: one of the types (all when none given) and, with a period, told of in it. */
  private geoMatcher(types: readonly EntityType[] | null, period: Period | null): (n: EntityNode) => boolean {
    const told = this.toldWithin(period);
    const typed = types && types.length > 0 ? new Set(types) : null;
    return (n) => (typed === null || typed.has(n.type)) && told(n);
  }

  /** Located entities (events at their location's point) within `km` of a point, nearest first, ties by id (see geo.ts). */
  near(
    lat: number,
    lon: number,
    km: number,
    types: readonly EntityType[] | null,
    period: Period | null,
    first: number,
    check: () => void = () => {},
  ): NearHit[] {
    return this.geo.near(lat, lon, km, first, this.geoMatcher(types, period), check);
  }

  /**
   * Located entities in a country given by ISO 3166-1 alpha-2 code or name (or the name of a country entity of the
   * graph), with the events at places in it: most mentioned first, then by id, as a keyset page.
   */
  within(country: string, types: readonly EntityType[] | null, period: Period | null, first: number, after: string | null): EntityPage {
    let code = countryCodeOf(country);
    if (code === null) {
      const named = country.trim() ? this.findEntity({ name: country }) : null;
      if (named?.type === 'country') code = named.iso ?? named.geo?.countryCode ?? null;
    }
    if (code === null)
      throw new InvalidInputError(
        `within.country: "${country.slice(0, 60)}" is neither an ISO 3166-1 alpha-2 code nor a country name. Give a code such as "LY" or a name such as "Libya".`,
      );
    const listing = this.geo.inCountry(code);
    return keysetPage(listing, (n) => [-n.mentionCount, n.id], 'within', this.geoMatcher(types, period), first, after);
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

  sentencesPage(documentId: string, first: number, after: string | null): SentencePage {
    return keysetPage(
      this.sentences(documentId),
      (s) => [s.index],
      'sentences',
      () => true,
      first,
      after,
    );
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

  centrality(
    metric: 'degree' | 'pagerank' | 'betweenness',
    type: EntityType | null,
    first: number,
    period: Period | null = null,
  ): { entity: EntityNode; score: number }[] {
    return centrality(this, metric, type, first, period);
  }

  communities(first: number): CommunityInfo[] {
    return communities(this, first);
  }

  stats(): GraphStats {
    return stats(this, this.documents.length);
  }
}
