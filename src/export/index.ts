// The export layer's surface: choose a subgraph, lay it out, and write it in a format, as streamed chunks.
import { type GraphIndex, type KnowledgeGraph, layoutPositions, selectSubgraph, type SubgraphOptions } from '../graph/index.js';
import { InvalidInputError } from '../errors.js';
import type { Extraction } from '../nlp/types.js';
import {
  CONTENT_TYPES,
  type DayOf,
  EXPORT_FORMATS,
  type ExportFormat,
  FILE_EXTENSIONS,
  type GeoOf,
  NEO4J_IMPORT_COMMAND,
  toCytoscape,
  toDot,
  toGeoJson,
  toGexf,
  toGraphml,
  toGraphologyJson,
  toNeo4jNodes,
  toNeo4jRelationships,
} from './formats.js';

export { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, FILE_EXTENSIONS, NEO4J_IMPORT_COMMAND };

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface PreparedExport {
  graph: KnowledgeGraph;
  positions: Record<string, { x: number; y: number }>;
  /** Publication day of a document (first/last seen dates, GEXF spells). */
  dayOf: DayOf;
  /** An entity's gazetteer reading, from the whole graph (the GeoJSON of an event whose place is not exported). */
  geoOf: GeoOf;
}

export function prepareExport(index: GraphIndex, options: SubgraphOptions): PreparedExport {
  // With nothing to filter but co-occurrences, and none in the graph, the graph itself is the export (no copy).
  const unfiltered = !options.focus && !options.entityTypes?.length && !options.relationTypes?.length && !options.minConfidence;
  const graph = unfiltered && (options.includeCooccurrence || index.stats().cooccurrences === 0) ? index.graph : selectSubgraph(index, options);
  // The layout is computed when a format asks for positions (GeoJSON, DOT and Neo4j do not).
  let positions: Record<string, { x: number; y: number }> | null = null;
  return {
    graph,
    get positions() {
      positions ??= layoutPositions(graph);
      return positions;
    },
    dayOf: (id) => index.dayOf(id),
    geoOf: (id) => (index.hasNode(id) ? index.node(id).geo : null),
  };
}

/** One format's text as chunks (neo4j: the nodes file; see neo4jFiles for both). */
export function exportChunks(format: Exclude<ExportFormat, 'jsonl' | 'neo4j'>, prepared: PreparedExport): Iterable<string> {
  switch (format) {
    case 'json':
      return toGraphologyJson(prepared.graph, prepared.positions, prepared.dayOf);
    case 'cyjs':
      return toCytoscape(prepared.graph, prepared.positions, prepared.dayOf);
    case 'gexf':
      return toGexf(prepared.graph, prepared.positions, prepared.dayOf);
    case 'graphml':
      return toGraphml(prepared.graph, prepared.positions, prepared.dayOf);
    case 'dot':
      return toDot(prepared.graph);
    case 'geojson':
      return toGeoJson(prepared.graph, prepared.geoOf, prepared.dayOf);
  }
}

export function neo4jFiles(prepared: PreparedExport): { 'nodes.csv': Iterable<string>; 'relationships.csv': Iterable<string> } {
  return { 'nodes.csv': toNeo4jNodes(prepared.graph, prepared.dayOf), 'relationships.csv': toNeo4jRelationships(prepared.graph, prepared.dayOf) };
}

/** The stored extractions, one JSON object a line. */
export function* extractionsJsonl(extractions: Iterable<Extraction>): Generator<string> {
  for (const x of extractions) yield `${JSON.stringify(x)}\n`;
}

const TYPES = ['person', 'country', 'organization', 'place', 'program', 'event'] as const;

/** Export scope from flags or query parameters (same names), validated with messages that name the fix. */
export function parseExportOptions(raw: {
  focus?: string;
  hops?: string;
  types?: string;
  relations?: string;
  minConfidence?: string;
  cooccurrence?: string;
}): SubgraphOptions {
  const options: SubgraphOptions = {};
  if (raw.focus) options.focus = raw.focus;
  if (raw.hops !== undefined) {
    const hops = Number(raw.hops);
    if (!Number.isInteger(hops) || hops < 1 || hops > 3) throw new InvalidInputError(`export: hops is "${raw.hops}"; use 1, 2 or 3.`);
    options.hops = hops;
  }
  if (raw.types) {
    const types = raw.types.split(',').map((t) => t.trim().toLowerCase());
    for (const t of types)
      if (!(TYPES as readonly string[]).includes(t)) throw new InvalidInputError(`export: entity type "${t}" is not one of ${TYPES.join(', ')}.`);
    options.entityTypes = types as (typeof TYPES)[number][];
  }
  if (raw.relations) options.relationTypes = raw.relations.split(',').map((t) => t.trim());
  if (raw.minConfidence !== undefined) {
    const c = Number(raw.minConfidence);
    if (!Number.isFinite(c) || c < 0 || c > 1) throw new InvalidInputError(`export: minimum confidence is "${raw.minConfidence}"; use a number from 0 to 1.`);
    options.minConfidence = c;
  }
  if (raw.cooccurrence !== undefined) options.includeCooccurrence = raw.cooccurrence === '' || raw.cooccurrence === 'true' || raw.cooccurrence === '1';
  return options;
}
