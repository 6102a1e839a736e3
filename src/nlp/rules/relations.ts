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
    mustNotFire: [
      'Ministers from France, Britain, and Germany met in Geneva.',
      'Iran, Russia, China, North Korea are aligning more closely.',
      'Araghchi said that in Geneva, Iran will engage with the EU.',
    ],
  },
  {
    reason: 'title-apposition-comma',
    relation: 'from-title',
    confidence: 0.8,
    description: 'A name and a title set off by a comma, in either order: "X, a political advisor to Y", "Y\'s senior adviser, X".',
    fires: [
      ['The plan drew criticism from Hamid Abutalebi, a political advisor to former President Hassan Rouhani.', 'Hamid Abutalebi|advisor_to|Hassan Rouhani'],
      [
        "Donald Trump won. Trump's newly appointed senior adviser on the Middle East, Massad Boulos, said the plan would go ahead.",
        'Massad Boulos|advisor_to|Donald Trump',
      ],
    ],
    mustNotFire: ['Hamid Abutalebi, a farmer, spoke to Hassan Rouhani.', 'The adviser left, and Massad Boulos stayed.'],
  },
  {
    reason: 'nominal-title',
    relation: 'from-title',
    confidence: 0.55,
    description: 'A title with no name ("Iran\'s vice president") completes the one person in the article who holds that title with no holder.',
    fires: [
      [
        "Vice president Mohammad Javad Zarif spoke on Monday. Later, Iran's vice president for strategic affairs said more.",
        'Mohammad Javad Zarif|vice_president_of|Iran',
      ],
    ],
    mustNotFire: ["President Joe Biden spoke. Iranian President Masoud Pezeshkian replied. Iran's president said more."],
  },
  {
    reason: 'possessive-organization',
    relation: 'part_of',
    confidence: 0.75,
    description: '"Iran\'s Islamic Revolutionary Guard Corps": an organization in the possession of a country is part of it.',
    fires: [["In response, Iran's Islamic Revolutionary Guard Corps suspended devices.", 'Islamic Revolutionary Guard Corps|part_of|Iran']],
    mustNotFire: ["Iran's ally Hezbollah was weakened.", 'Iran and the Red Cross met.'],
  },
  {
    reason: 'demonym-organization',
    relation: 'part_of',
    confidence: 0.7,
    description: '"The Iranian Civil Aviation Organization": an organization whose name starts with a demonym belongs to that country.',
    fires: [['The Iranian Civil Aviation Organization banned pagers.', 'Iranian Civil Aviation Organization|part_of|Iran']],
    mustNotFire: ['The Atomic Energy Organization said nothing.'],
  },
  {
    reason: 'possessive-place',
    relation: 'located_in',
    confidence: 0.75,
    description: '"Iran\'s Natanz uranium enrichment site": a place in the possession of a country lies in it.',
    fires: [["A power failure hit Iran's Natanz uranium enrichment site in April.", 'Natanz|located_in|Iran']],
    mustNotFire: ["Iran's economy is weak."],
  },
  {
    reason: 'name-in-place',
    relation: 'located_in',
    confidence: 0.6,
    description: '"Hezbollah in Lebanon", "Mar-a-Lago in Palm Beach": a name directly followed by "in" and a place or country.',
    fires: [['Trump makes remarks at Mar-a-Lago in Palm Beach on Tuesday.', 'Mar-a-Lago|located_in|Palm Beach']],
    mustNotFire: ['Iran held talks in Geneva.', 'Joe Biden in Washington said little.'],
  },
  {
    reason: 'group-members',
    relation: 'member_of',
    confidence: 0.7,
    description: '"the European E3 countries—France, Britain, and Germany": the listed countries are members of the group.',
    fires: [['Negotiators from Iran and the European E3 countries—France, Britain, and Germany—met.', 'Germany|member_of|E3']],
    mustNotFire: ['The E3 met France, Britain and Germany.'],
  },
  {
    reason: 'possessive-ally-apposition',
    relation: 'ally_of',
    confidence: 0.7,
    description: '"Iran\'s largest military ally, Hezbollah": the name after the comma is the possessor\'s ally (or proxy).',
    fires: [["Israel struck Iran's largest military ally, Hezbollah in Lebanon.", 'Hezbollah|ally_of|Iran']],
    mustNotFire: ["Iran's ally was silent, and Hezbollah said nothing.", "Iran's economy, Hezbollah said, is weak."],
  },
  {
    reason: 'backed-compound',
    relation: 'supports',
    confidence: 0.7,
    description: '"Iran-backed Hamas": the country in the compound supports the name that follows.',
    fires: [['The attack by Iran-backed Hamas shocked Israel.', 'Iran|supports|Hamas']],
    mustNotFire: ['The Iran-based company Hamas Trading shut.'],
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
