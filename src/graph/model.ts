// The graph's typed attributes: what a node (entity or event) and an edge (relation) carry.
import { MultiDirectedGraph } from 'graphology';
import type { EntityType, GeoAttributes, Role } from '../nlp/types.js';

export interface EvidenceRef {
  documentId: string;
  sentence: number;
  start: number;
  end: number;
  text: string;
}

export interface EntityNode {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentionCount: number;
  /** Ids of the documents that mention it, sorted. */
  documents: string[];
  confidence: number;
  roles: Role[];
  iso: string | null;
  acronym: string | null;
  /** For events: the ONTOLOGY.md type, quad class, date as written (with ISO value when known) and location id. */
  eventType: string | null;
  quadClass: string | null;
  date: { text: string; value: string | null } | null;
  location: string | null;
  /** Where a place or country is (the gazetteer reading of its documents; see src/geo); null when unresolved. */
  geo: GeoAttributes | null;
}

export interface RelationEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  confidence: number;
  /** Number of supporting sentences. */
  weight: number;
  evidence: EvidenceRef[];
  rules: string[];
  /** The wordings that state it, as written ("has been repeatedly criticized by"), distinct and sorted. */
  predicates: string[];
  /** "planned" when the text says it will happen ("will meet with"), not that it did. */
  modality: 'planned' | null;
  /** True for `co_occurs_with`: same sentence, nothing stated. */
  cooccurrence: boolean;
}

/** One stored document telling a story: the story's canonical document or a near-copy of it (syndicated, edited). */
export interface StorySource {
  id: string;
  title: string | null;
  url: string | null;
  source: string;
  publishedAt: string | null;
  /** Estimated share of word shingles with the canonical document (1 for itself). */
  similarity: number;
}

export interface DocumentInfo {
  id: string;
  title: string | null;
  publishedAt: string | null;
  url: string | null;
  source: string;
  chars: number;
  entityCount: number;
  extractor: string;
  sentences: { index: number; start: number; end: number }[];
  mentionsBySentence: Record<number, string[]>;
  /**
   * The documents telling its story: itself first, then its near-copies in ingest order. A copy's facts are not in
   * the graph (a fact counts once per story); replaced whole, never changed in place, when a copy joins.
   */
  sources: StorySource[];
}

export interface GraphAttributes {
  documents: number;
}

export type KnowledgeGraph = MultiDirectedGraph<EntityNode, RelationEdge, GraphAttributes>;

export function createGraph(): KnowledgeGraph {
  return new MultiDirectedGraph<EntityNode, RelationEdge, GraphAttributes>({ allowSelfLoops: false });
}
