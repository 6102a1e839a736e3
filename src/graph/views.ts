// Whole-graph views: centrality rankings, communities (both from the analytics worker, degree excepted) and counts.
import { UnavailableError } from '../errors.js';
import type { EntityType } from '../nlp/types.js';
import { type AnalyticsResult, BETWEENNESS_MAX_NODES, type CommunityInfo, computeAnalytics } from './analytics.js';
import type { EntityNode, KnowledgeGraph } from './model.js';
import { type Day, type Period, relationWithin } from './time.js';

/** What the views need from the index: the graph, stated degrees, and the analytics once the worker is done. */
export interface Viewable {
  readonly graph: KnowledgeGraph;
  readonly analytics: AnalyticsResult | null;
  readonly analyticsError: string | null;
  node(id: string): EntityNode;
  hasNode(id: string): boolean;
  degree(id: string): number;
  dayOf(documentId: string): Day | null;
}

/** A period's graph is analysed per request only up to this many stated relations; beyond, narrow the period. */
export const PERIOD_ANALYTICS_MAX_EDGES = 50_000;

/** Degree, PageRank or betweenness over the stated relations with evidence in the period, weighted by that evidence. */
function periodScores(v: Viewable, metric: 'degree' | 'pagerank' | 'betweenness', period: Period): Record<string, number> {
  const scores: Record<string, number> = {};
  const nodes = new Set<string>();
  const edges: [string, string, number][] = [];
  v.graph.forEachEdge((_k, e) => {
    if (e.cooccurrence) return;
    const seen = relationWithin(e, period, v.dayOf);
    if (!seen) return;
    if (v.node(e.source).type === 'event' || v.node(e.target).type === 'event') {
      if (metric !== 'degree') return;
    }
    nodes.add(e.source);
    nodes.add(e.target);
    edges.push([e.source, e.target, seen.weight * seen.confidence]);
  });
  if (metric === 'degree') {
    for (const [s, t] of edges) {
      scores[s] = (scores[s] ?? 0) + 1;
      scores[t] = (scores[t] ?? 0) + 1;
    }
    for (const id of Object.keys(scores)) if (v.node(id).type === 'event') delete scores[id];
    return scores;
  }
  if (edges.length > PERIOD_ANALYTICS_MAX_EDGES) {
    throw new UnavailableError(
      `${metric} over a period is computed per request, and this period has ${edges.length} relations (at most ${PERIOD_ANALYTICS_MAX_EDGES}). Narrow the period or use DEGREE.`,
    );
  }
  if (metric === 'betweenness' && nodes.size > BETWEENNESS_MAX_NODES / 10) {
    throw new UnavailableError(
      `betweenness over a period is computed per request, and this period has ${nodes.size} entities (at most ${BETWEENNESS_MAX_NODES / 10}). Narrow the period or use PAGERANK.`,
    );
  }
  edges.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  const result = computeAnalytics({ nodes: [...nodes].sort(), edges }, { communities: false, betweenness: metric === 'betweenness' });
  return (metric === 'pagerank' ? result.pagerank : result.betweenness) ?? {};
}

export interface GraphStats {
  documents: number;
  entities: number;
  relations: number;
  cooccurrences: number;
  byType: { type: EntityType; count: number }[];
}

function requireAnalytics(v: Viewable): AnalyticsResult {
  if (v.analytics) return v.analytics;
  if (v.analyticsError) throw new UnavailableError(`analytics failed: ${v.analyticsError}`);
  throw new UnavailableError('analytics are still being computed for this graph; retry in a moment.');
}

export function centrality(
  v: Viewable,
  metric: 'degree' | 'pagerank' | 'betweenness',
  type: EntityType | null,
  first: number,
  period: Period | null = null,
): { entity: EntityNode; score: number }[] {
  let scores: Record<string, number>;
  if (period) scores = periodScores(v, metric, period);
  else if (metric === 'degree') {
    scores = {};
    v.graph.forEachNode((id, n) => {
      if (n.type !== 'event') scores[id] = v.degree(id);
    });
  } else {
    const a = requireAnalytics(v);
    const picked = metric === 'pagerank' ? a.pagerank : a.betweenness;
    if (!picked) throw new UnavailableError(`betweenness is not computed for graphs this large (${v.graph.order} nodes). Use PAGERANK or DEGREE.`);
    scores = picked;
  }
  return Object.entries(scores)
    .filter(([id]) => v.hasNode(id) && (!type || v.node(id).type === type))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, first)
    .map(([id, score]) => ({ entity: v.node(id), score }));
}

export function communities(v: Viewable, first: number): CommunityInfo[] {
  const a = requireAnalytics(v);
  const groups = new Map<number, string[]>();
  for (const [id, c] of Object.entries(a.communities)) {
    if (!v.hasNode(id)) continue;
    groups.set(c, [...(groups.get(c) ?? []), id]);
  }
  return [...groups.entries()]
    .map(([id, members]) => ({ id, members: members.sort((x, y) => v.node(y).mentionCount - v.node(x).mentionCount || (x < y ? -1 : 1)) }))
    .sort((x, y) => y.members.length - x.members.length || x.id - y.id)
    .slice(0, first);
}

export function stats(v: Viewable, documents: number): GraphStats {
  const counts = new Map<EntityType, number>();
  v.graph.forEachNode((_id, n) => counts.set(n.type, (counts.get(n.type) ?? 0) + 1));
  let cooccurrences = 0;
  v.graph.forEachEdge((_k, e) => {
    if (e.cooccurrence) cooccurrences++;
  });
  return {
    documents,
    entities: v.graph.order,
    relations: v.graph.size - cooccurrences,
    cooccurrences,
    byType: [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([type, count]) => ({ type, count })),
  };
}
