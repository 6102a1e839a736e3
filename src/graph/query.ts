// Read-side operations on the graph: lookup by id or alias, listing with keyset cursors, search, and traversals.
import { InvalidInputError, NotFoundError } from '../errors.js';
import { nameKey } from '../nlp/slug.js';
import type { EntityType } from '../nlp/types.js';
import type { DocumentInfo, EntityNode, KnowledgeGraph, RelationEdge } from './model.js';

export type Direction = 'out' | 'in' | 'both';

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  totalCount: () => number;
}

export type EntityPage = Page<EntityNode>;

export interface Neighborhood {
  center: EntityNode;
  nodes: EntityNode[];
  edges: RelationEdge[];
  truncated: boolean;
}

export interface Path {
  nodes: EntityNode[];
  edges: RelationEdge[];
}

export interface TraversalOptions {
  includeCooccurrence?: boolean;
  relationTypes?: string[] | null;
}

const encodeCursor = (key: string): string => Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');

/** Decodes an opaque cursor; anything that is not one of ours is a BAD_USER_INPUT error. */
export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string') return (value as { k: string }).k;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError(
    `query.decodeCursor: "${cursor.slice(0, 40)}" is not a cursor from this API. Pass an endCursor from a previous page, or omit "after".`,
  );
}

/** The graph plus the indexes queries need; rebuilt whenever the graph is. */
export class GraphIndex {
  readonly graph: KnowledgeGraph;
  readonly documents: DocumentInfo[];
  private readonly byAlias = new Map<string, string[]>();
  private readonly sortedIds: string[];

  constructor(graph: KnowledgeGraph, documents: DocumentInfo[]) {
    this.graph = graph;
    this.documents = documents;
    this.sortedIds = graph.nodes().sort();
    for (const id of this.sortedIds) {
      const n = graph.getNodeAttributes(id);
      for (const form of new Set([n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])].map(nameKey))) {
        if (!form) continue;
        const list = this.byAlias.get(form) ?? [];
        list.push(id);
        this.byAlias.set(form, list);
      }
    }
    // Most-mentioned first, so "Trump" finds the person before a rarely named namesake.
    for (const list of this.byAlias.values()) list.sort((a, b) => this.node(b).mentionCount - this.node(a).mentionCount || (a < b ? -1 : 1));
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

  /** By id, or by name/alias (case, punctuation, leading article and possessive ignored). */
  findEntity(ref: { id?: string | null; name?: string | null }): EntityNode | null {
    if (ref.id) return this.graph.hasNode(ref.id) ? this.node(ref.id) : null;
    if (ref.name) {
      const ids = this.byAlias.get(nameKey(ref.name));
      return ids?.[0] ? this.node(ids[0]) : null;
    }
    throw new InvalidInputError('query.entity: give an id or a name, for example entity(name: "Araghchi").');
  }

  /** An id or a name → the entity, or NOT_FOUND naming what was asked for. */
  resolve(ref: string, argument: string): EntityNode {
    const node = this.graph.hasNode(ref) ? this.node(ref) : this.findEntity({ name: ref });
    if (!node) throw new NotFoundError(`${argument}: no entity with id or name "${ref}". Try search(text: "${ref.slice(0, 30)}").`);
    return node;
  }

  listEntities(filter: { type?: EntityType | null; nameContains?: string | null }, first: number, after: string | null): Page<EntityNode> {
    const needle = filter.nameContains ? nameKey(filter.nameContains) : null;
    const matches = (id: string): boolean => {
      const n = this.node(id);
      if (filter.type && n.type !== filter.type) return false;
      if (needle && ![n.name, ...n.aliases].some((a) => nameKey(a).includes(needle))) return false;
      return true;
    };
    const afterKey = after === null ? null : decodeCursor(after);
    // Keyset: ids are sorted, so a page starts at the first id greater than the cursor's, stable under inserts.
    let lo = 0;
    if (afterKey !== null) {
      let hi = this.sortedIds.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.sortedIds[mid] as string) <= afterKey) lo = mid + 1;
        else hi = mid;
      }
    }
    const items: Page<EntityNode>['items'] = [];
    let k = lo;
    for (; k < this.sortedIds.length && items.length < first; k++) {
      const id = this.sortedIds[k] as string;
      if (matches(id)) items.push({ cursor: encodeCursor(id), node: this.node(id) });
    }
    let hasNextPage = false;
    for (; k < this.sortedIds.length; k++) {
      if (matches(this.sortedIds[k] as string)) {
        hasNextPage = true;
        break;
      }
    }
    return { items, hasNextPage, totalCount: () => this.sortedIds.filter(matches).length };
  }

  /** Ranked: exact name or alias, then prefix, then substring; ties by mentions, then id. */
  search(text: string, first: number): EntityNode[] {
    const q = nameKey(text);
    if (!q) throw new InvalidInputError('query.search: the search text is empty. Give at least one letter or digit.');
    const scored: { id: string; score: number }[] = [];
    for (const id of this.sortedIds) {
      const n = this.node(id);
      let score = 0;
      for (const form of [n.name, ...n.aliases, ...(n.acronym ? [n.acronym] : [])]) {
        const f = nameKey(form);
        const s = f === q ? 3 : f.startsWith(q) || f.split(' ').includes(q) ? 2 : f.includes(q) ? 1 : 0;
        if (s > score) score = s;
      }
      if (score > 0) scored.push({ id, score });
    }
    scored.sort((a, b) => b.score - a.score || this.node(b.id).mentionCount - this.node(a.id).mentionCount || (a.id < b.id ? -1 : 1));
    return scored.slice(0, first).map((s) => this.node(s.id));
  }

  relationsOf(id: string, direction: Direction, options: TraversalOptions = {}): RelationEdge[] {
    const keys = direction === 'out' ? this.graph.outEdges(id) : direction === 'in' ? this.graph.inEdges(id) : this.graph.edges(id);
    return keys
      .map((k) => this.edge(k))
      .filter((e) => this.edgeAllowed(e, options))
      .sort((a, b) => Number(a.cooccurrence) - Number(b.cooccurrence) || b.weight - a.weight || (a.id < b.id ? -1 : 1));
  }

  degree(id: string, includeCooccurrence = false): number {
    if (includeCooccurrence) return this.graph.degree(id);
    let n = 0;
    this.graph.forEachEdge(id, (_key, attrs) => {
      if (!attrs.cooccurrence) n++;
    });
    return n;
  }

  private edgeAllowed(e: RelationEdge, options: TraversalOptions): boolean {
    if (e.cooccurrence && !options.includeCooccurrence) return false;
    if (options.relationTypes && options.relationTypes.length > 0 && !options.relationTypes.includes(e.type)) return false;
    return true;
  }

  /** Breadth-first, ignoring direction, up to `hops` away and `limit` nodes. */
  neighborhood(id: string, hops: number, limit: number, options: TraversalOptions = {}): Neighborhood {
    const center = this.node(id);
    const seen = new Set<string>([id]);
    let frontier = [id];
    let truncated = false;
    for (let h = 0; h < hops && frontier.length > 0 && !truncated; h++) {
      const next: string[] = [];
      for (const at of frontier) {
        for (const e of this.relationsOf(at, 'both', options)) {
          const other = e.source === at ? e.target : e.source;
          if (seen.has(other)) continue;
          if (seen.size >= limit) {
            truncated = true;
            break;
          }
          seen.add(other);
          next.push(other);
        }
        if (truncated) break;
      }
      frontier = next;
    }
    const edges: RelationEdge[] = [];
    const edgeSeen = new Set<string>();
    for (const n of seen) {
      for (const e of this.relationsOf(n, 'out', options)) {
        if (seen.has(e.target) && !edgeSeen.has(e.id)) {
          edgeSeen.add(e.id);
          edges.push(e);
        }
      }
    }
    edges.sort((a, b) => (a.id < b.id ? -1 : 1));
    const nodes = [...seen].sort().map((n) => this.node(n));
    return { center, nodes, edges, truncated };
  }

  /**
   * Fewest hops between two entities, ignoring direction. Stated relations are tried first; only when they
   * do not connect the two within maxHops are co-occurrence edges allowed (and the path says so by its edge types).
   */
  shortestPath(from: string, to: string, maxHops: number, options: TraversalOptions = {}): Path | null {
    const stated = this.bfsPath(from, to, maxHops, { ...options, includeCooccurrence: false });
    if (stated || options.includeCooccurrence === false) return stated;
    return this.bfsPath(from, to, maxHops, { ...options, includeCooccurrence: true });
  }

  private bfsPath(from: string, to: string, maxHops: number, options: TraversalOptions): Path | null {
    if (from === to) return { nodes: [this.node(from)], edges: [] };
    const parent = new Map<string, { prev: string; edge: RelationEdge }>();
    const seen = new Set<string>([from]);
    let frontier = [from];
    for (let h = 0; h < maxHops && frontier.length > 0; h++) {
      const next: string[] = [];
      for (const at of frontier) {
        // Strongest edges first, so ties between equally short paths go to the better-supported one.
        for (const e of this.relationsOf(at, 'both', options).sort((a, b) => b.confidence * b.weight - a.confidence * a.weight || (a.id < b.id ? -1 : 1))) {
          const other = e.source === at ? e.target : e.source;
          if (seen.has(other)) continue;
          seen.add(other);
          parent.set(other, { prev: at, edge: e });
          if (other === to) return this.unwind(from, to, parent);
          next.push(other);
        }
      }
      frontier = next;
    }
    return null;
  }

  private unwind(from: string, to: string, parent: Map<string, { prev: string; edge: RelationEdge }>): Path {
    const nodes: EntityNode[] = [this.node(to)];
    const edges: RelationEdge[] = [];
    let at = to;
    while (at !== from) {
      const p = parent.get(at) as { prev: string; edge: RelationEdge };
      edges.unshift(p.edge);
      nodes.unshift(this.node(p.prev));
      at = p.prev;
    }
    return { nodes, edges };
  }

  stats(): { documents: number; entities: number; relations: number; cooccurrences: number; byType: { type: EntityType; count: number }[] } {
    const counts = new Map<EntityType, number>();
    this.graph.forEachNode((_id, n) => counts.set(n.type, (counts.get(n.type) ?? 0) + 1));
    let cooccurrences = 0;
    this.graph.forEachEdge((_k, e) => {
      if (e.cooccurrence) cooccurrences++;
    });
    return {
      documents: this.documents.length,
      entities: this.graph.order,
      relations: this.graph.size - cooccurrences,
      cooccurrences,
      byType: [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([type, count]) => ({ type, count })),
    };
  }
}
