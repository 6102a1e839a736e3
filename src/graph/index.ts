// The graph layer's surface.
export { addExtraction, buildGraph, type DocumentMeta } from './build.js';
export { createGraph, type DocumentInfo, type EntityNode, type EvidenceRef, type GraphAttributes, type KnowledgeGraph, type RelationEdge } from './model.js';
export { decodeCursor, type Direction, type EntityPage, GraphIndex, type Neighborhood, type Page, type Path, type TraversalOptions } from './query.js';
