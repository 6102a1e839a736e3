// The library surface of newsgraph: add exports with intention, this is public API.
export { type Config, loadConfig } from './config.js';
export { InvalidInputError, KgError, type KgErrorCode, NotFoundError, UsageError } from './errors.js';
export { buildGraph, GraphIndex, type EntityNode, type KnowledgeGraph, type RelationEdge } from './graph/index.js';
export { type Document, makeDocument, readDocuments } from './ingest/index.js';
export { EXTRACTOR_VERSION, extract, type Extraction, type ExtractedEntity, type ExtractedEvent, type ExtractedRelation } from './nlp/index.js';
export { extractDocument, ingestPath, type IngestSummary, loadIndex } from './pipeline.js';
export { type DocumentStore, openStore, PgStore, Store } from './store/index.js';
