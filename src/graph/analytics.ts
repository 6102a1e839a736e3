// Graph analytics (PageRank, betweenness, Louvain communities) over stated relations. Computed in a worker thread
// after the graph is built, never inside a request; until they are ready, queries say so.
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';

// These packages are CommonJS whose typings declare an ES default export: load them through require, typed.
const require = createRequire(import.meta.url);
const load = <T>(name: string): T => {
  const mod = require(name) as { default?: T } & T;
  return mod.default ?? mod;
};
type Weighted = UndirectedGraph<Record<string, never>, { weight: number }>;
const louvain = load<(g: Weighted, o: { getEdgeWeight: 'weight'; rng: () => number }) => Record<string, number>>('graphology-communities-louvain');
const betweenness = load<(g: Weighted, o: { normalized: boolean }) => Record<string, number>>('graphology-metrics/centrality/betweenness.js');
const pagerank = load<(g: Weighted, o: { getEdgeWeight: 'weight' }) => Record<string, number>>('graphology-metrics/centrality/pagerank.js');

export interface AnalyticsInput {
  nodes: string[];
  /** [source, target, weight] of stated relations. */
  edges: [string, string, number][];
}

export interface AnalyticsResult {
  pagerank: Record<string, number>;
  /** Null when the graph is too large for exact betweenness within the time budget. */
  betweenness: Record<string, number> | null;
  communities: Record<string, number>;
  seconds: number;
}

export interface CommunityInfo {
  id: number;
  members: string[];
}

/** Exact betweenness is O(V·E); above this many nodes it is skipped. */
export const BETWEENNESS_MAX_NODES = 20_000;

/** A fixed-seed generator keeps Louvain's communities the same from run to run. */
function seededRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What to compute: all of it by default (the worker); a period's request needs one score only. */
export interface AnalyticsParts {
  betweenness?: boolean;
  communities?: boolean;
}

export function computeAnalytics(input: AnalyticsInput, parts: AnalyticsParts = {}): AnalyticsResult {
  const started = performance.now();
  const g: Weighted = new UndirectedGraph<Record<string, never>, { weight: number }>();
  for (const n of input.nodes) g.addNode(n);
  for (const [s, t, w] of input.edges) {
    if (s === t || !g.hasNode(s) || !g.hasNode(t)) continue;
    if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, 'weight', (x) => (x ?? 0) + w);
    else g.addEdge(s, t, { weight: w });
  }
  const pr = g.order > 0 ? pagerank(g, { getEdgeWeight: 'weight' }) : {};
  const bc =
    parts.betweenness === false ? null : g.order > 0 && g.order <= BETWEENNESS_MAX_NODES ? betweenness(g, { normalized: true }) : g.order === 0 ? {} : null;
  const communities =
    parts.communities === false
      ? {}
      : g.size > 0
        ? louvain(g, { getEdgeWeight: 'weight', rng: seededRng(42) })
        : Object.fromEntries(input.nodes.map((n, i) => [n, i]));
  return { pagerank: pr, betweenness: bc, communities, seconds: (performance.now() - started) / 1000 };
}
