// The graph layer's surface.
export { type AnalyticsResult, type CommunityInfo, computeAnalytics } from './analytics.js';
export { analyticsInput, runAnalytics } from './analytics-runner.js';
export { addExtraction, buildGraph, type DocumentMeta, documentInfo, finalizeNode, type GraphChange, isCopy, type Overrides } from './build.js';
export { layoutPositions, selectSubgraph, type SubgraphOptions } from './subgraph.js';
export { nodeSize, TYPE_COLORS } from './style.js';
export {
  createGraph,
  type DocumentInfo,
  type EntityNode,
  type EvidenceRef,
  type GraphAttributes,
  type KnowledgeGraph,
  type RelationEdge,
  type StorySource,
} from './model.js';
export {
  Deadline,
  decodeCursor,
  type Direction,
  type EntityFilter,
  type EntityOrderField,
  type EntityPage,
  type EventFilter,
  foldKey,
  GraphIndex,
  type Neighborhood,
  type Page,
  type Path,
  type PathResult,
  type RelationPage,
  type SentenceInfo,
  type TraversalOptions,
} from './query.js';
