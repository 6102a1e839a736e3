// Hand-built graph pieces for tests: an entity node, a document's info and an extracted entity with the defaults
// every test wrote out again. Only what a test names differs from these.
import type { DocumentInfo, EntityNode } from '../../src/graph/model.js';
import type { EntityType, ExtractedEntity, GeoAttributes } from '../../src/nlp/types.js';

/** An entity node typed by its id's prefix ("place:derna" is a place), named after its id unless `name` is given. */
export function entityNode(id: string, fields: Partial<EntityNode> = {}): EntityNode {
  return {
    id,
    type: id.slice(0, id.indexOf(':')) as EntityType,
    name: id,
    aliases: [],
    mentionCount: 1,
    documents: [],
    confidence: 0.9,
    roles: [],
    iso: null,
    acronym: null,
    eventType: null,
    quadClass: null,
    date: null,
    location: null,
    geo: null,
    ...fields,
  };
}

/** A document's info with no text: what a GraphIndex needs to date it. */
export function documentInfo(id: string, publishedAt: string | null, fields: Partial<DocumentInfo> = {}): DocumentInfo {
  return {
    id,
    title: null,
    publishedAt,
    url: null,
    source: 'test',
    chars: 0,
    entityCount: 0,
    extractor: 'test',
    sentences: [],
    mentionsBySentence: {},
    sources: [],
    ...fields,
  };
}

const MENTION = { start: 0, end: 5, text: 'x', sentence: 0 };

/** An extracted country, person or (otherwise) place, with its gazetteer reading when it has one. */
export const locatedEntity = (id: string, name: string, where: GeoAttributes | null, mentions = 1): ExtractedEntity => ({
  id,
  type: id.startsWith('country:') ? 'country' : id.startsWith('person:') ? 'person' : 'place',
  name,
  aliases: [],
  mentions: Array.from({ length: mentions }, () => MENTION),
  confidence: 0.9,
  attributes: where ? { geo: where } : {},
});
