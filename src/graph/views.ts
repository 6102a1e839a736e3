// Whole-graph views: centrality rankings, communities (both from the analytics worker, degree excepted) and counts.
import { UnavailableError } from '../errors.js';
import type { EntityType } from '../nlp/types.js';
import type { AnalyticsResult, CommunityInfo } from './analytics.js';
import type { EntityNode, KnowledgeGraph } from './model.js';

/** What the views need from the index: the graph, stated degrees, and the analytics once the worker is done. */
export interface Viewable {
  readonly graph: KnowledgeGraph;
  readonly analytics: AnalyticsResult | null;
  readonly analyticsError: string | null;
  node(id: string): EntityNode;
  hasNode(id: string): boolean;
  degree(id: string): number;
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
): { entity: EntityNode; score: number }[] {
  let scores: Record<string, number>;
  if (metric === 'degree') {
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
