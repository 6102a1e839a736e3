// Relation rules as data: each has a unique reason (kept on the edge as provenance), a confidence, and
// example sentences where it must fire and where it must not (the table-driven tests read these).

export interface RelationRule {
  reason: string;
  /** The relation it emits; role rules take theirs from the title lexicon. */
  relation: string | 'from-title';
  confidence: number;
  description: string;
}

export const RELATION_RULES: RelationRule[] = [
  {
    reason: 'title-apposition',
    relation: 'from-title',
    confidence: 0.9,
    description: 'A title between a country (name, possessive or demonym) and a name: the person holds that office there.',
  },
  {
    reason: 'place-comma-container',
    relation: 'located_in',
    confidence: 0.8,
    description: '"Cedar Bay, Oregon": a place followed by a comma and the region or country that holds it.',
  },
  {
    reason: 'title-apposition-comma',
    relation: 'from-title',
    confidence: 0.8,
    description: 'A name and a title set off by a comma, in either order: "X, a political advisor to Y", "Y\'s senior adviser, X".',
  },
  {
    reason: 'nominal-title',
    relation: 'from-title',
    confidence: 0.55,
    description: 'A title with no name ("Iran\'s vice president") completes the one person in the article who holds that title with no holder.',
  },
  {
    reason: 'possessive-organization',
    relation: 'part_of',
    confidence: 0.75,
    description: '"Iran\'s National Border Guard Corps": an organization in the possession of a country is part of it.',
  },
  {
    reason: 'demonym-organization',
    relation: 'part_of',
    confidence: 0.7,
    description: '"The Peruvian Fisheries Organization": an organization whose name starts with a demonym belongs to that country.',
  },
  {
    reason: 'possessive-place',
    relation: 'located_in',
    confidence: 0.75,
    description: '"Iran\'s Alto Verde enrichment site": a place in the possession of a country lies in it.',
  },
  {
    reason: 'name-in-place',
    relation: 'located_in',
    confidence: 0.6,
    description: '"Vanguard in Lebanon", "Casa-de-Lago in Cedar Bay": a name directly followed by "in" and a place or country.',
  },
  {
    reason: 'group-members',
    relation: 'member_of',
    confidence: 0.7,
    description: '"the Andean G4 countries—France, Britain, and Germany": the listed countries are members of the group.',
  },
  {
    reason: 'possessive-ally-apposition',
    relation: 'ally_of',
    confidence: 0.7,
    description: '"Iran\'s largest military ally, Vanguard": the name after the comma is the possessor\'s ally (or proxy).',
  },
  {
    reason: 'backed-compound',
    relation: 'supports',
    confidence: 0.7,
    description: '"Peru-backed Vanguard": the country in the compound supports the name that follows.',
  },
  {
    reason: 'same-sentence',
    relation: 'co_occurs_with',
    confidence: 0.2,
    description: 'Two entities named in one sentence, with nothing stated between them. Never counted as a stated relation.',
  },
];

export function ruleByReason(reason: string): RelationRule {
  const rule = RELATION_RULES.find((r) => r.reason === reason);
  if (!rule) throw new Error(`nlp.ruleByReason: no relation rule "${reason}"`);
  return rule;
}
