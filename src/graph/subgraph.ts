// Chooses what an export or the explorer shows: the whole graph or a focus and its neighbourhood, filtered by
// entity type, relation type and confidence; co-occurrences out unless asked for. Adds positions for drawing.
import { createRequire } from 'node:module';
import type { EntityType } from '../nlp/types.js';
import { createGraph, type KnowledgeGraph } from './model.js';
import type { GraphIndex } from './query.js';

export interface SubgraphOptions {
  focus?: string | null;
  hops?: number;
  entityTypes?: readonly EntityType[] | null;
  relationTypes?: readonly string[] | null;
  minConfidence?: number;
  includeCooccurrence?: boolean;
  /** Focus walks stop at this many nodes. */
  limit?: number;
}

export function selectSubgraph(index: GraphIndex, options: SubgraphOptions = {}): KnowledgeGraph {
  const includeCooccurrence = options.includeCooccurrence ?? false;
  const minConfidence = options.minConfidence ?? 0;
  const keepNode = (id: string): boolean => !options.entityTypes || options.entityTypes.length === 0 || options.entityTypes.includes(index.node(id).type);
  let nodes: string[];
  if (options.focus) {
    const center = index.resolve(options.focus, 'export.focus');
    nodes = index
      .neighborhood(center.id, options.hops ?? 1, options.limit ?? 100_000, {
        includeCooccurrence,
        relationTypes: options.relationTypes ?? null,
        entityTypes: options.entityTypes ?? null,
      })
      .nodes.map((n) => n.id);
  } else nodes = index.graph.nodes();
  const g = createGraph();
  for (const id of [...nodes].sort()) if (keepNode(id)) g.addNode(id, { ...index.node(id) });
  const edges = index.graph.edges().sort();
  for (const key of edges) {
    const e = index.edge(key);
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    if (e.cooccurrence && !includeCooccurrence) continue;
    if (options.relationTypes && options.relationTypes.length > 0 && !options.relationTypes.includes(e.type)) continue;
    if (e.confidence < minConfidence) continue;
    g.addDirectedEdgeWithKey(key, e.source, e.target, { ...e });
  }
  return g;
}

const require = createRequire(import.meta.url);
interface Positions {
  [node: string]: { x: number; y: number };
}
type Fa2 = ((graph: KnowledgeGraph, options: { iterations: number; settings: Record<string, unknown>; getEdgeWeight?: string | null }) => Positions) & {
  inferSettings: (graph: KnowledgeGraph) => Record<string, unknown>;
};
type Circular = (graph: KnowledgeGraph, options?: { scale?: number }) => Positions;
const load = <T>(name: string): T => {
  const mod = require(name) as { default?: T } & T;
  return mod.default ?? mod;
};

/** ForceAtlas2 from a circle (deterministic) for graphs up to `fa2Max` nodes; a circle beyond that. */
export function layoutPositions(graph: KnowledgeGraph, fa2Max = 5_000, iterations = 100): Positions {
  const circular = load<Circular>('graphology-layout/circular');
  const start = circular(graph, { scale: 100 });
  if (graph.order === 0 || graph.order > fa2Max) return start;
  graph.forEachNode((id) => {
    const p = start[id] as { x: number; y: number };
    graph.mergeNodeAttributes(id, p as never);
  });
  const fa2 = load<Fa2>('graphology-layout-forceatlas2');
  const positions = fa2(graph, { iterations, settings: { ...fa2.inferSettings(graph), barnesHutOptimize: graph.order > 1000 } });
  graph.forEachNode((id) => {
    const attrs = graph.getNodeAttributes(id) as unknown as Record<string, unknown>;
    delete attrs.x;
    delete attrs.y;
  });
  return positions;
}
