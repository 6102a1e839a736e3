// Titles of office (general English usage) and the role relation each implies. Titles are roles, never names.

export interface TitleInfo {
  /** Lower-case title as a phrase: "foreign minister". */
  title: string;
  /** Relation from ONTOLOGY.md that links the holder to the body or country. */
  relation: string;
}

const RELATION_OF: Record<string, string[]> = {
  president_of: ['president', 'head of state'],
  president_elect_of: ['president-elect', 'president elect'],
  former_president_of: ['former president', 'ex-president'],
  vice_president_of: ['vice president', 'vice-president'],
  prime_minister_of: ['prime minister', 'premier', 'chancellor', 'former prime minister'],
  foreign_minister_of: ['foreign minister', 'minister of foreign affairs', 'foreign secretary', 'secretary of state', 'foreign affairs minister'],
  deputy_foreign_minister_of: ['deputy foreign minister', 'vice foreign minister'],
  minister_of: [
    'minister',
    'defense minister',
    'defence minister',
    'finance minister',
    'interior minister',
    'economy minister',
    'oil minister',
    'health minister',
    'trade minister',
    'energy minister',
    'justice minister',
    'intelligence minister',
    'culture minister',
    'education minister',
    'agriculture minister',
    'deputy minister',
    'defense secretary',
    'defence secretary',
    'treasury secretary',
    'home secretary',
    'secretary',
  ],
  leader_of: ['supreme leader', 'leader', 'king', 'queen', 'emir', 'sultan', 'crown prince', 'prince', 'monarch', 'sheikh', 'ayatollah'],
  spokesperson_of: ['spokesman', 'spokeswoman', 'spokesperson', 'press secretary'],
  advisor_to: [
    'adviser',
    'advisor',
    'senior adviser',
    'senior advisor',
    'national security adviser',
    'national security advisor',
    'political advisor',
    'political adviser',
    'aide',
  ],
  chief_of: [
    'chief',
    'head',
    'director',
    'director general',
    'director-general',
    'executive director',
    'chief executive',
    'ceo',
    'chairman',
    'chairwoman',
    'chair',
    'commander',
    'secretary general',
    'secretary-general',
    'governor',
    'mayor',
    'president and ceo',
    'founder',
  ],
  official_of: [
    'ambassador',
    'envoy',
    'special envoy',
    'diplomat',
    'senior official',
    'official',
    'lawmaker',
    'senator',
    'sen.',
    'representative',
    'rep.',
    'congressman',
    'congresswoman',
    'general',
    'gen.',
    'lieutenant general',
    'major general',
    'brigadier general',
    'colonel',
    'col.',
    'admiral',
    'adm.',
    'commissioner',
    'negotiator',
    'chief negotiator',
    'judge',
    'justice',
    'attorney general',
    'prosecutor',
    'minister-counselor',
    'speaker',
    'deputy',
    'mp',
    'veteran diplomat',
    'coach',
    'captain',
    'manager',
    'striker',
    'goalkeeper',
    'midfielder',
    'defender',
    'spokesman for',
  ],
};

/** Honorifics that come before names but imply no office. */
export const HONORIFICS = new Set([
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sir',
  'dame',
  'lord',
  'lady',
  'madam',
  'mme',
  'mme.',
  'prof',
  'prof.',
  'professor',
  'rev',
  'rev.',
  'pope',
  'cardinal',
  'rabbi',
  'imam',
  'saint',
  'st.',
]);

/** Words before a title that change it: "former president", "deputy minister". */
export const TITLE_MODIFIERS = new Set([
  'former',
  'deputy',
  'acting',
  'interim',
  'outgoing',
  'incoming',
  'then',
  'senior',
  'top',
  'chief',
  'assistant',
  'vice',
  'late',
  'new',
  'current',
  'veteran',
  'executive',
]);

const TITLES = new Map<string, TitleInfo>();
for (const [relation, titles] of Object.entries(RELATION_OF)) {
  for (const title of titles) if (!TITLES.has(title)) TITLES.set(title, { title, relation });
}
for (const h of HONORIFICS) if (!TITLES.has(h)) TITLES.set(h, { title: h, relation: '' });

export const MAX_TITLE_WORDS = 4;

/** Exact lookup of a lower-case phrase ("foreign minister"). */
export function lookupTitle(phrase: string): TitleInfo | undefined {
  return TITLES.get(phrase.replace(/[’]/g, "'"));
}
