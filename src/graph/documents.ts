// The documents beside the graph: by id, by publication date, what each one contributed, and what was said when.
import type { EntityType } from '../nlp/types.js';
import type { GraphChange } from './build.js';
import type { DocumentInfo, EntityNode, KnowledgeGraph } from './model.js';
import { foldKey } from './names.js';
import { keysetPage, lowerBoundBy, type Page, type SortKey } from './paging.js';
import { type Day, dayText, inPeriod, type Period, publishedDay } from './time.js';

export type DocumentOrder = 'published' | 'published-desc' | 'id';

export interface DocumentFilter {
  /** The source as stored, or its beginning (a folder, a JSONL file without its `:line`). */
  source?: string | null;
  titleContains?: string | null;
  /** Only documents that mention this entity (an id). */
  entity?: string | null;
  /** Only these documents (found by the store's text search), when set. */
  ids?: ReadonlySet<string> | null;
  period?: Period | null;
}

export type DocumentPage = Page<DocumentInfo> & {
  /** Documents that match everything but the period and have no date. */
  undated: () => number;
};

export interface Trend {
  entity: EntityNode;
  mentions: number;
  previousMentions: number;
  documents: number;
  /** Mentions (sentences naming it) in the period less those of the comparison period, scaled to the period's length. */
  rise: number;
}

export interface Trending {
  /** The periods compared; null when no document has a date. */
  from: string | null;
  to: string | null;
  compareFrom: string | null;
  compareTo: string | null;
  documents: number;
  previousDocuments: number;
  /** Documents without a date, in no period. */
  undatedDocuments: number;
  entities: Trend[];
}

/** Dated documents first, then undated ones; ties by id. Descending reverses the dates only. */
function documentKey(descending: boolean, dayOfDoc: (id: string) => Day | null): (d: DocumentInfo) => SortKey {
  return (d) => {
    const day = dayOfDoc(d.id);
    return day === null ? [1, 0, d.id] : [0, descending ? -day : day, d.id];
  };
}

/** Documents in the order of their keys (documentKey), each key computed once. */
function sortedByDate(docs: readonly DocumentInfo[], descending: boolean, dayOfDoc: (id: string) => Day | null): DocumentInfo[] {
  const key = documentKey(descending, dayOfDoc);
  return docs
    .map((d) => ({ d, k: key(d) }))
    .sort((a, b) => (a.k[0] as number) - (b.k[0] as number) || (a.k[1] as number) - (b.k[1] as number) || (a.d.id < b.d.id ? -1 : 1))
    .map((x) => x.d);
}

/** A period's days when one end is open: clamped to the dated documents there are. */
function span(p: Period, first: Day, last: Day): { from: Day; to: Day } {
  return { from: Number.isFinite(p.from) ? p.from : first, to: Number.isFinite(p.to) ? p.to : last };
}

/**
 * The documents of one graph. Listings sorted by date and the per-document contributions are built when first
 * asked for and kept up to date as documents are added in place (update); a rebuilt graph gets a new one.
 */
export class DocumentIndex {
  private readonly byId: Map<string, DocumentInfo>;
  private readonly days: Map<string, Day | null> = new Map();
  private readonly listings: Map<DocumentOrder, DocumentInfo[]> = new Map();
  /** Per document, the entities (events too) it names, and the relations it is evidence for: built when first used. */
  private nodesOf: Map<string, string[]> | null = null;
  private edgesOf: Map<string, string[]> | null = null;
  private undatedCount = 0;

  constructor(
    private readonly graph: KnowledgeGraph,
    documents: readonly DocumentInfo[],
  ) {
    this.byId = new Map(documents.map((d) => [d.id, d]));
    for (const d of documents) this.setDay(d);
  }

  private setDay(d: DocumentInfo): void {
    const day = publishedDay(d);
    this.days.set(d.id, day);
    if (day === null) this.undatedCount++;
  }

  get(id: string): DocumentInfo | null {
    return this.byId.get(id) ?? null;
  }

  /** A document's publication day; null when it has none (or is not in the graph). */
  readonly dayOf = (id: string): Day | null => this.days.get(id) ?? null;

  get undated(): number {
    return this.undatedCount;
  }

  /** One more document, added in place: listings and contributions take it in at its place. */
  apply(document: DocumentInfo, change: GraphChange, ids: readonly DocumentInfo[]): void {
    this.byId.set(document.id, document);
    this.setDay(document);
    for (const [order, list] of this.listings) {
      if (order === 'id') {
        this.listings.set(order, ids as DocumentInfo[]);
        continue;
      }
      const key = documentKey(order === 'published-desc', this.dayOf);
      list.splice(lowerBoundBy(list, key, key(document)), 0, document);
    }
    if (this.nodesOf) {
      const named = [...change.nodes].filter((id) => this.graph.hasNode(id) && this.graph.getNodeAttribute(id, 'documents').includes(document.id));
      this.nodesOf.set(document.id, named.sort());
    }
    if (this.edgesOf) {
      const cited: string[] = [];
      for (const key of [...change.edges, ...change.newEdges]) {
        if (this.graph.hasEdge(key) && this.graph.getEdgeAttribute(key, 'evidence').some((ev) => ev.documentId === document.id)) cited.push(key);
      }
      this.edgesOf.set(document.id, [...new Set(cited)].sort());
    }
  }

  private listing(order: DocumentOrder, byIdList: readonly DocumentInfo[]): DocumentInfo[] {
    if (order === 'id') return byIdList as DocumentInfo[];
    let list = this.listings.get(order);
    if (!list) {
      list = sortedByDate(byIdList, order === 'published-desc', this.dayOf);
      this.listings.set(order, list);
    }
    return list;
  }

  /** The first and last publication days (null when no document has a date): the ends of the date listing. */
  datedRange(byIdList: readonly DocumentInfo[]): { first: Day; last: Day } | null {
    const list = this.listing('published', byIdList);
    const first = list.length > 0 ? this.dayOf((list[0] as DocumentInfo).id) : null;
    if (first === null) return null;
    // Undated documents sort last: the last dated one is the last before them.
    for (let i = list.length - 1; i >= 0; i--) {
      const last = this.dayOf((list[i] as DocumentInfo).id);
      if (last !== null) return { first, last };
    }
    return null;
  }

  /** Documents matching the filter, in the order asked for, as a keyset page. */
  page(filter: DocumentFilter, order: DocumentOrder, first: number, after: string | null, byIdList: readonly DocumentInfo[]): DocumentPage {
    const title = filter.titleContains ? foldKey(filter.titleContains) : '';
    const mentioning = filter.entity ? new Set<string>(this.graph.hasNode(filter.entity) ? this.graph.getNodeAttribute(filter.entity, 'documents') : []) : null;
    const period = filter.period ?? null;
    const others = (d: DocumentInfo): boolean => {
      if (mentioning && !mentioning.has(d.id)) return false;
      if (filter.ids && !filter.ids.has(d.id)) return false;
      if (filter.source && !(d.source === filter.source || d.source.startsWith(filter.source))) return false;
      if (title && !(d.title !== null && foldKey(d.title).includes(title))) return false;
      return true;
    };
    const matches = period ? (d: DocumentInfo) => inPeriod(this.dayOf(d.id), period) && others(d) : others;
    // An entity's documents are few next to the corpus: list those, not the whole listing.
    const listing = mentioning && mentioning.size * 8 < byIdList.length ? this.sortedSubset(mentioning, order) : this.listing(order, byIdList);
    const key = order === 'id' ? (d: DocumentInfo): SortKey => [d.id] : documentKey(order === 'published-desc', this.dayOf);
    const page = keysetPage(listing, key, `documents-${order}`, matches, first, after);
    return { ...page, undated: () => listing.filter((d) => this.dayOf(d.id) === null && others(d)).length };
  }

  private sortedSubset(ids: ReadonlySet<string>, order: DocumentOrder): DocumentInfo[] {
    const docs = [...ids].map((id) => this.byId.get(id)).filter((d): d is DocumentInfo => d !== undefined);
    if (order === 'id') return docs.sort((a, b) => (a.id < b.id ? -1 : 1));
    return sortedByDate(docs, order === 'published-desc', this.dayOf);
  }

  /** The entities (and events) a document names, by id. */
  nodes(documentId: string): string[] {
    if (!this.nodesOf) {
      const map = new Map<string, string[]>();
      this.graph.forEachNode((id, n) => {
        for (const d of n.documents) {
          const list = map.get(d);
          if (list) list.push(id);
          else map.set(d, [id]);
        }
      });
      for (const list of map.values()) list.sort();
      this.nodesOf = map;
    }
    return this.nodesOf.get(documentId) ?? [];
  }

  /** The relations a document is evidence for, by id. */
  edges(documentId: string): string[] {
    if (!this.edgesOf) {
      const map = new Map<string, string[]>();
      this.graph.forEachEdge((key, e) => {
        let last = '';
        for (const ev of e.evidence) {
          if (ev.documentId === last) continue;
          last = ev.documentId;
          const list = map.get(last);
          if (list) list.push(key);
          else map.set(last, [key]);
        }
      });
      for (const list of map.values()) list.sort();
      this.edgesOf = map;
    }
    return this.edgesOf.get(documentId) ?? [];
  }

  /** The dated documents inside [from, to], oldest first. */
  private within(from: Day, to: Day, byIdList: readonly DocumentInfo[]): DocumentInfo[] {
    const list = this.listing('published', byIdList);
    const start = lowerBoundBy(list, (d) => [this.dayOf(d.id) ?? Number.POSITIVE_INFINITY], [from]);
    const out: DocumentInfo[] = [];
    for (let i = start; i < list.length; i++) {
      const day = this.dayOf((list[i] as DocumentInfo).id);
      if (day === null || day > to) break;
      out.push(list[i] as DocumentInfo);
    }
    return out;
  }

  /**
   * Entities ranked by the rise of their mentions (sentences naming them) in a period against a comparison period
   * (by default the one of the same length just before). Without a period: the last 7 days that have documents.
   */
  trending(
    period: Period | null,
    compareTo: Period | null,
    type: EntityType | null,
    first: number,
    byIdList: readonly DocumentInfo[],
    check: () => void,
  ): Trending {
    const range = this.datedRange(byIdList);
    if (!range) {
      return {
        from: null,
        to: null,
        compareFrom: null,
        compareTo: null,
        documents: 0,
        previousDocuments: 0,
        undatedDocuments: this.undatedCount,
        entities: [],
      };
    }
    const { first: firstDay, last: lastDay } = range;
    const now = period ? span(period, firstDay, lastDay) : { from: lastDay - 6, to: lastDay };
    const length = now.to - now.from + 1;
    const before = compareTo ? span(compareTo, firstDay, lastDay) : { from: now.from - length, to: now.from - 1 };
    const tally = (docs: DocumentInfo[]): Map<string, { mentions: number; documents: number }> => {
      const counts = new Map<string, { mentions: number; documents: number }>();
      const entry = (id: string): { mentions: number; documents: number } => {
        let c = counts.get(id);
        if (!c) {
          c = { mentions: 0, documents: 0 };
          counts.set(id, c);
        }
        return c;
      };
      for (const d of docs) {
        check();
        // Documents as entity.documents counts them (an entity known only from a relation has no sentence of its own).
        for (const id of this.nodes(d.id)) entry(id).documents++;
        for (const key in d.mentionsBySentence) for (const id of d.mentionsBySentence[key] as string[]) entry(id).mentions++;
      }
      return counts;
    };
    const nowDocs = this.within(now.from, now.to, byIdList);
    const beforeDocs = this.within(before.from, before.to, byIdList);
    const current = tally(nowDocs);
    const previous = tally(beforeDocs);
    const scale = length / Math.max(1, before.to - before.from + 1);
    const trends: Trend[] = [];
    for (const [id, c] of current) {
      if (!this.graph.hasNode(id)) continue;
      const entity = this.graph.getNodeAttributes(id);
      if (type && entity.type !== type) continue;
      const previousMentions = previous.get(id)?.mentions ?? 0;
      trends.push({ entity, mentions: c.mentions, previousMentions, documents: c.documents, rise: c.mentions - previousMentions * scale });
    }
    trends.sort((a, b) => b.rise - a.rise || b.mentions - a.mentions || (a.entity.id < b.entity.id ? -1 : 1));
    return {
      from: dayText(now.from),
      to: dayText(now.to),
      compareFrom: dayText(before.from),
      compareTo: dayText(before.to),
      documents: nowDocs.length,
      previousDocuments: beforeDocs.length,
      undatedDocuments: this.undatedCount,
      entities: trends.slice(0, first),
    };
  }
}
