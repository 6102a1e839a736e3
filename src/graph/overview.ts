// What the explorer draws first: the most connected part of the graph rather than all of it. News graphs are long
// tails: most entities are named once and stated in no relation. The overview finds the connected components over
// stated relations, opens on the largest (or on every connected entity, or on everything), keeps at most `limit`
// entities ranked by PageRank (degree until the analytics worker is done), lays them out, and counts what it left
// out. Each node and relation carries the publication days of its documents and evidence, so the page can filter
// by period without asking again.
import { InvalidInputError } from '../errors.js';
import { createGraph } from './model.js';
import type { GraphIndex } from './query.js';
import { layoutPositions } from './subgraph.js';
import { type Day, dayText } from './time.js';

export const OVERVIEW_SCOPES = ['core', 'connected', 'all'] as const;
export type OverviewScope = (typeof OVERVIEW_SCOPES)[number];

/** Above this many entities the page gets the top ones by rank: the server lays out up to this many with ForceAtlas2 (a circle beyond), and WebGL on a laptop stays fluid. */
export const OVERVIEW_DEFAULT_LIMIT = 5_000;
export const OVERVIEW_MAX_LIMIT = 100_000;

export interface OverviewOptions {
  /** core: the largest connected component; connected: every entity in a stated relation; all: isolates too. */
  scope?: OverviewScope;
  limit?: number;
  /** Instead of a scope: this entity and its neighbourhood (two hops), for a search outside the overview. */
  focus?: string | null;
}

export interface OverviewNode {
  id: string;
  label: string;
  type: string;
  aliases: string[];
  mentions: number;
  /** Stated relations (co-occurrences not counted), in the whole graph. */
  degree: number;
  /** PageRank over stated relations; 0 until the analytics are ready (`ranking` says which). */
  pagerank: number;
  x: number;
  y: number;
  /** Publication days (days since 1970-01-01) of the dated documents naming it, ascending. */
  days: Day[];
  /** Where a place or country is, when the gazetteer resolved it (the map view draws these). */
  geo: { lat: number; lon: number; countryCode: string; geonamesId: number | null } | null;
}

export interface OverviewEdge {
  id: string;
  source: string;
  target: string;
  relation: string;
  confidence: number;
  /** Publication days of the dated documents its evidence comes from, ascending. */
  days: Day[];
}

export interface Overview {
  scope: OverviewScope | 'focus';
  focus: string | null;
  /** What decided which entities to keep when there were more than the limit. */
  ranking: 'pagerank' | 'degree';
  totals: {
    entities: number;
    /** Stated relations (co-occurrences are never drawn). */
    relations: number;
    /** Entities in no stated relation. */
    isolates: number;
    /** Connected components of two or more entities. */
    components: number;
    largestComponent: number;
    /** Entities in some stated relation. */
    connected: number;
  };
  /** Entities the scope holds, and how many of them are drawn (fewer when it holds more than the limit). */
  inScope: number;
  limit: number;
  truncated: boolean;
  /** The dated documents per publication day, over the whole graph: the period slider's range and its sparkline. */
  dates: { from: string | null; to: string | null; days: [Day, number][]; undatedDocuments: number };
  nodes: OverviewNode[];
  edges: OverviewEdge[];
}

const baseOf = new WeakMap<GraphIndex, { components: string[][]; relations: number }>();

/** Connected components over stated relations, largest first (ties: the one holding the smallest id). */
export function statedComponents(index: GraphIndex): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let y = x;
    while (y !== root) {
      const next = parent.get(y) as string;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  index.graph.forEachEdge((_k, e) => {
    if (e.cooccurrence) return;
    if (!parent.has(e.source)) parent.set(e.source, e.source);
    if (!parent.has(e.target)) parent.set(e.target, e.target);
    const a = find(e.source);
    const b = find(e.target);
    // The smaller id becomes the root (ids are strings: no Math.min).
    if (a < b) parent.set(b, a);
    else if (b < a) parent.set(a, b);
  });
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const members = groups.get(root);
    if (members) members.push(id);
    else groups.set(root, [id]);
  }
  const components = [...groups.values()].map((c) => c.sort());
  components.sort((a, b) => b.length - a.length || ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return components;
}

/** Checks the page's query parameters; messages name the fix. */
export function parseOverviewOptions(raw: { scope?: string; limit?: string; focus?: string }): OverviewOptions {
  const options: OverviewOptions = {};
  if (raw.scope !== undefined && raw.scope !== '') {
    if (!(OVERVIEW_SCOPES as readonly string[]).includes(raw.scope))
      throw new InvalidInputError(`explore: scope is "${raw.scope}"; use ${OVERVIEW_SCOPES.join(', ')}.`);
    options.scope = raw.scope as OverviewScope;
  }
  if (raw.limit !== undefined && raw.limit !== '') {
    const limit = /^\d+$/.test(raw.limit) ? Number(raw.limit) : Number.NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > OVERVIEW_MAX_LIMIT)
      throw new InvalidInputError(`explore: limit is "${raw.limit}"; use a whole number from 1 to ${OVERVIEW_MAX_LIMIT}.`);
    options.limit = limit;
  }
  if (raw.focus) options.focus = raw.focus;
  return options;
}

export function overview(index: GraphIndex, options: OverviewOptions = {}): Overview {
  const limit = options.limit ?? OVERVIEW_DEFAULT_LIMIT;
  const scope = options.scope ?? 'core';
  // The same for every view of one graph (a graph is never changed in place under its index).
  let base = baseOf.get(index);
  if (!base) {
    base = { components: statedComponents(index), relations: index.graph.reduceEdges((n, _k, e) => (e.cooccurrence ? n : n + 1), 0) };
    baseOf.set(index, base);
  }
  const components = base.components;
  const connected = components.reduce((n, c) => n + c.length, 0);
  const pagerank = index.analytics?.pagerank ?? null;
  const rank = (id: string): number => (pagerank ? (pagerank[id] ?? 0) : index.degree(id));

  let focus: string | null = null;
  let members: string[];
  if (options.focus) {
    focus = index.resolve(options.focus, 'explore.focus').id;
    // The whole two-hop set, then the top `limit` by rank like any scope (the walk's own limit keeps whom it met first).
    members = index.neighborhood(focus, 2, index.graph.order, { includeCooccurrence: false, relationTypes: null, entityTypes: null }).nodes.map((n) => n.id);
  } else if (scope === 'core') members = components[0] ?? [];
  else if (scope === 'connected') members = components.flat();
  else members = index.graph.nodes();
  const inScope = members.length;
  let kept = members;
  if (kept.length > limit) {
    kept = [...kept].sort((a, b) => rank(b) - rank(a) || (a < b ? -1 : 1)).slice(0, limit);
    if (focus && !kept.includes(focus)) kept[kept.length - 1] = focus;
  }

  const g = createGraph();
  for (const id of [...kept].sort()) g.addNode(id, index.node(id));
  const edges: OverviewEdge[] = [];
  // Only the kept entities' relations, not every relation of the graph.
  const keys: string[] = [];
  for (const id of kept)
    index.graph.forEachOutEdge(id, (key, e) => {
      if (!e.cooccurrence && g.hasNode(e.target)) keys.push(key);
    });
  for (const key of keys.sort()) {
    const e = index.edge(key);
    g.addDirectedEdgeWithKey(key, e.source, e.target, e);
    edges.push({
      id: key,
      source: e.source,
      target: e.target,
      relation: e.type,
      confidence: e.confidence,
      days: daysOf(
        e.evidence.map((x) => x.documentId),
        index,
      ),
    });
  }
  // The page refines the layout in a web worker: large views get fewer iterations here (100 up to 1,000 entities,
  // 30 at 5,000), so that the first view is not kept waiting on the server.
  const positions = layoutPositions(g, 5_000, Math.round(Math.min(100, Math.max(30, 100_000 / Math.max(1, g.order)))));
  const nodes: OverviewNode[] = g.mapNodes((id, n) => ({
    id,
    label: n.name,
    type: n.type,
    aliases: n.aliases,
    mentions: n.mentionCount,
    degree: index.degree(id),
    pagerank: pagerank?.[id] ?? 0,
    x: positions[id]?.x ?? 0,
    y: positions[id]?.y ?? 0,
    days: daysOf(n.documents, index),
    geo: n.geo ? { lat: n.geo.lat, lon: n.geo.lon, countryCode: n.geo.countryCode, geonamesId: n.geo.geonamesId } : null,
  }));

  const perDay = new Map<Day, number>();
  let undatedDocuments = 0;
  for (const d of index.documents) {
    const day = index.dayOf(d.id);
    if (day === null) undatedDocuments++;
    else perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = [...perDay].sort((a, b) => a[0] - b[0]);
  return {
    scope: focus ? 'focus' : scope,
    focus,
    ranking: pagerank ? 'pagerank' : 'degree',
    totals: {
      entities: index.graph.order,
      relations: base.relations,
      isolates: index.graph.order - connected,
      components: components.length,
      largestComponent: components[0]?.length ?? 0,
      connected,
    },
    inScope,
    limit,
    truncated: inScope > kept.length,
    dates: {
      from: days.length ? dayText((days[0] as [Day, number])[0]) : null,
      to: days.length ? dayText((days[days.length - 1] as [Day, number])[0]) : null,
      days,
      undatedDocuments,
    },
    nodes,
    edges,
  };
}

function daysOf(documentIds: Iterable<string>, index: GraphIndex): Day[] {
  const days = new Set<Day>();
  for (const id of documentIds) {
    const d = index.dayOf(id);
    if (d !== null) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}
