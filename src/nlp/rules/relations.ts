// Relation rules as data: each has a unique reason (kept on the edge as provenance), a confidence, and
// example sentences where it must fire and where it must not (the table-driven tests read these).

export interface RelationRule {
  reason: string;
  /** The relation it emits; role rules take theirs from the title lexicon. */
  relation: string | 'from-title';
  confidence: number;
  description: string;
  /** [sentence, "source|relation|target" by entity name] pairs that must be found. */
  fires: [string, string][];
  /** Sentences in which the rule must emit nothing. */
  mustNotFire: string[];
}

export const RELATION_RULES: RelationRule[] = [
  {
    reason: 'title-apposition',
    relation: 'from-title',
    confidence: 0.9,
    description: 'A title between a country (name, possessive or demonym) and a name: the person holds that office there.',
    fires: [
      ["Iran's foreign minister Abbas Araghchi spoke on Monday.", 'Abbas Araghchi|foreign_minister_of|Iran'],
      ['Iranian President Masoud Pezeshkian told reporters on Wednesday.', 'Masoud Pezeshkian|president_of|Iran'],
      ['US President-elect Donald Trump makes remarks.', 'Donald Trump|president_elect_of|United States'],
      ['Hawkish Israeli Prime Minister Benjamin Netanyahu has said little.', 'Benjamin Netanyahu|prime_minister_of|Israel'],
      ['French Foreign Minister Jean-Noel Barrot met his counterpart.', 'Jean-Noel Barrot|foreign_minister_of|France'],
    ],
    mustNotFire: [
      'President Joe Biden said the talks went well.',
      'The president of the club, John Smith, resigned.',
      'Iran, President Joe Biden said, is weaker.',
      'The General Assembly voted on Tuesday.',
    ],
  },
  {
    reason: 'place-comma-container',
    relation: 'located_in',
    confidence: 0.8,
    description: '"Palm Beach, Florida": a place followed by a comma and the region or country that holds it.',
    fires: [
      ['Trump spoke at his club in Palm Beach, Florida, on Tuesday.', 'Palm Beach|located_in|Florida'],
      ['Workers inspect a building in the city of Kamianske, Dnipropetrovsk region, Ukraine.', 'Dnipropetrovsk region|located_in|Ukraine'],
    ],
    mustNotFire: ['Ministers from France, Britain, and Germany met in Geneva.', 'Iran, Russia, China, North Korea are aligning more closely.'],
  },
  {
    reason: 'same-sentence',
    relation: 'co_occurs_with',
    confidence: 0.2,
    description: 'Two entities named in one sentence, with nothing stated between them. Never counted as a stated relation.',
    fires: [['Iran and Russia held talks in Geneva.', 'Iran|co_occurs_with|Russia']],
    mustNotFire: ['Iran held talks on Monday.'],
  },
];

export function ruleByReason(reason: string): RelationRule {
  const rule = RELATION_RULES.find((r) => r.reason === reason);
  if (!rule) throw new Error(`nlp.ruleByReason: no relation rule "${reason}"`);
  return rule;
}
