// Walks over stated relations: a neighbourhood, the shortest path and all simple paths between two entities, within a time budget.
import { TimeoutError } from '../errors.js';
import type { EntityType } from '../nlp/types.js';
import type { EntityNode, RelationEdge } from './model.js';
import type { Period } from './time.js';

export type Direction = 'out' | 'in' | 'both';

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

export interface PathResult extends Path {
  length: number;
  usesCooccurrence: boolean;
}

export interface TraversalOptions {
  includeCooccurrence?: boolean;
  relationTypes?: readonly string[] | null;
  entityTypes?: readonly EntityType[] | null;
  directed?: boolean;
  deadline?: Deadline;
  /** Only relations with evidence in the period, each seen with that evidence only. */
  period?: Period | null;
}

/** A per-request time budget: long loops call check() and stop with TIMEOUT instead of hanging. */
export class Deadline {
  private readonly at: number;
  private count = 0;
  constructor(private readonly ms: number) {
    this.at = performance.now() + ms;
  }
  check(): void {
    // Reading the clock is cheap but not free: look on the first step and then every 256.
    if ((this.count++ & 255) === 0 && performance.now() > this.at) {
      throw new TimeoutError(`query stopped after its time budget of ${this.ms} ms. Narrow it (smaller hops, maxHops, limit or first).`);
    }
  }
}

/** What a walk needs from the graph: nodes, and each node's relations strongest first, filtered by the options. */
export interface Walkable {
  node(id: string): EntityNode;
  relationsOf(id: string, direction: Direction, options?: TraversalOptions): readonly RelationEdge[];
  /** neighborhood()'s walk done faster on the graph's own terms (entity ids reached, relations among them), or null. */
  walk?(
    center: string,
    hops: number,
    limit: number,
    withCooccurrence: boolean,
    step: () => void,
  ): { ids: string[]; relations: RelationEdge[]; truncated: boolean } | null;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function neighbourEdges(g: Walkable, at: string, options: TraversalOptions): { edge: RelationEdge; other: string }[] {
  const direction: Direction = options.directed ? 'out' : 'both';
  const out: { edge: RelationEdge; other: string }[] = [];
  for (const e of g.relationsOf(at, direction, options)) {
    const other = e.source === at ? e.target : e.source;
    if (options.entityTypes && options.entityTypes.length > 0 && !options.entityTypes.includes(g.node(other).type)) continue;
    out.push({ edge: e, other });
  }
  return out;
}

/** Breadth-first, ignoring direction, up to `hops` away and `limit` nodes. */
export function neighborhood(g: Walkable, id: string, hops: number, limit: number, options: TraversalOptions = {}): Neighborhood {
  const center = g.node(id);
  if (!options.entityTypes?.length && !options.relationTypes?.length && !options.period && g.walk) {
    const deadline = options.deadline;
    const walked = g.walk(id, hops, limit, options.includeCooccurrence === true, deadline ? () => deadline.check() : () => {});
    if (walked) return { center, nodes: walked.ids.sort().map((n) => g.node(n)), edges: walked.relations.sort(byId), truncated: walked.truncated };
  }
  const seen = new Set<string>([id]);
  let frontier = [id];
  let truncated = false;
  const undirected: TraversalOptions = { ...options, directed: false };
  const types = options.entityTypes && options.entityTypes.length > 0 ? options.entityTypes : null;
  for (let h = 0; h < hops && frontier.length > 0 && !truncated; h++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const e of g.relationsOf(at, 'both', undirected)) {
        options.deadline?.check();
        const other = e.source === at ? e.target : e.source;
        if (seen.has(other) || (types && !types.includes(g.node(other).type))) continue;
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
  for (const n of seen) {
    for (const e of g.relationsOf(n, 'out', options)) {
      options.deadline?.check();
      if (seen.has(e.target)) edges.push(e);
    }
  }
  edges.sort(byId);
  const nodes = [...seen].sort().map((n) => g.node(n));
  return { center, nodes, edges, truncated };
}

/**
 * Fewest hops between two entities (ignoring direction unless `directed`). Stated relations are tried first;
 * only when they do not connect the two within maxHops are co-occurrence edges allowed.
 */
export function shortestPath(g: Walkable, from: string, to: string, maxHops: number, options: TraversalOptions = {}): Path | null {
  const stated = bfsPath(g, from, to, maxHops, { ...options, includeCooccurrence: false });
  if (stated || options.includeCooccurrence === false) return stated;
  return bfsPath(g, from, to, maxHops, { ...options, includeCooccurrence: true });
}

function bfsPath(g: Walkable, from: string, to: string, maxHops: number, options: TraversalOptions): Path | null {
  if (from === to) return { nodes: [g.node(from)], edges: [] };
  const parent = new Map<string, { prev: string; edge: RelationEdge }>();
  const seen = new Set<string>([from]);
  let frontier = [from];
  for (let h = 0; h < maxHops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const { edge, other } of neighbourEdges(g, at, options)) {
        options.deadline?.check();
        if (seen.has(other)) continue;
        seen.add(other);
        parent.set(other, { prev: at, edge });
        if (other === to) return unwind(g, from, to, parent);
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(g: Walkable, from: string, to: string, parent: Map<string, { prev: string; edge: RelationEdge }>): Path {
  const nodes: EntityNode[] = [g.node(to)];
  const edges: RelationEdge[] = [];
  let at = to;
  while (at !== from) {
    const p = parent.get(at) as { prev: string; edge: RelationEdge };
    edges.unshift(p.edge);
    nodes.unshift(g.node(p.prev));
    at = p.prev;
  }
  return { nodes, edges };
}

/** Simple paths of stated relations up to maxHops, shortest first (then by edge ids), at most `first`. */
export function paths(g: Walkable, from: string, to: string, maxHops: number, first: number, options: TraversalOptions = {}): Path[] {
  const found: { nodes: string[]; edges: RelationEdge[] }[] = [];
  const onPath = new Set<string>([from]);
  const nodes = [from];
  const edges: RelationEdge[] = [];
  // Depth-limited DFS; each level only expands nodes that can still reach `to` in the hops left.
  const distanceTo = distancesFrom(g, to, maxHops, options);
  const walk = (at: string): void => {
    if (found.length >= first * 20) return;
    for (const { edge, other } of neighbourEdges(g, at, { ...options, directed: false })) {
      options.deadline?.check();
      if (onPath.has(other)) continue;
      const left = maxHops - edges.length - 1;
      const d = distanceTo.get(other);
      if (d === undefined || d > left) continue;
      edges.push(edge);
      nodes.push(other);
      if (other === to) found.push({ nodes: [...nodes], edges: [...edges] });
      else {
        onPath.add(other);
        walk(other);
        onPath.delete(other);
      }
      edges.pop();
      nodes.pop();
    }
  };
  if (from !== to) walk(from);
  found.sort((a, b) => a.edges.length - b.edges.length || (a.edges.map((e) => e.id).join() < b.edges.map((e) => e.id).join() ? -1 : 1));
  return found.slice(0, first).map((p) => ({ nodes: p.nodes.map((n) => g.node(n)), edges: p.edges }));
}

function distancesFrom(g: Walkable, start: string, maxHops: number, options: TraversalOptions): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let h = 1; h <= maxHops && frontier.length > 0; h++) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const { other } of neighbourEdges(g, at, { ...options, directed: false })) {
        options.deadline?.check();
        if (!dist.has(other)) {
          dist.set(other, h);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return dist;
}
