// Predicate rules as data: trigger words that make an event and/or a relation between the entities around them.
// Each rule has a unique reason (kept on the event or relation it produces), a confidence, and example
// sentences where it must fire and where it must not (the table-driven tests read these).

export type QuadClass = 'verbal_cooperation' | 'material_cooperation' | 'verbal_conflict' | 'material_conflict';

export interface PredicateRule {
  reason: string;
  /** Lower-case word forms; a two-word trigger is written with a space ("took office"). */
  triggers: string[];
  /** The event it makes, if any (ONTOLOGY.md event types). */
  eventType?: string;
  /** The relation from agent to object, if any. */
  relation?: string;
  /** The relation when the trigger is negated ("not negotiating with"); none when absent. */
  negated?: string;
  /** Prepositions that introduce the object; "" allows a direct object right after the trigger. */
  objectPreps: string[];
  /** How many words after the trigger the object may be. */
  reach: number;
  /** Prepositions tried when nothing else gives an object, with countries only ("pounded targets in Iran"). */
  fallbackPreps?: string[];
  /** Role of the object in the event. */
  objectRole: 'target' | 'counterpart' | 'beneficiary';
  /** Only objects of these types count ("told Reuters" is an interview; "told Doe" is not). */
  objectTypes?: ('person' | 'country' | 'organization' | 'place' | 'program')[];
  /** Without an object the trigger means nothing here (no event, no relation). */
  needsObject?: boolean;
  /** The sentence must also name one of these (lower case): "released prisoners", not "released a video". */
  context?: string[];
  confidence: number;
}

export const QUAD_CLASS: Record<string, QuadClass | null> = {
  statement: 'verbal_cooperation',
  interview: 'verbal_cooperation',
  speech: 'verbal_cooperation',
  negotiation: 'verbal_cooperation',
  meeting: 'verbal_cooperation',
  agreement: 'verbal_cooperation',
  election: 'verbal_cooperation',
  supply: 'material_cooperation',
  release: 'material_cooperation',
  inauguration: 'material_cooperation',
  withdrawal: 'verbal_conflict',
  sanction: 'verbal_conflict',
  attack: 'material_conflict',
  explosion: 'material_conflict',
  killing: 'material_conflict',
  invasion: 'material_conflict',
  other: null,
};

export const PREDICATE_RULES: PredicateRule[] = [
  {
    reason: 'attack-trigger',
    triggers: [
      'attack',
      'attacks',
      'attacked',
      'attacking',
      'strike',
      'strikes',
      'struck',
      'airstrike',
      'airstrikes',
      'salvo',
      'pounded',
      'bombed',
      'bombing',
      'shelled',
      'shelling',
      'cyberattack',
      'cyberattacks',
      'assault',
      'raid',
      'raids',
      'assassinations',
    ],
    eventType: 'attack',
    relation: 'attacked',
    objectPreps: ['on', 'against', ''],
    fallbackPreps: ['in'],
    reach: 6,
    objectRole: 'target',
    confidence: 0.7,
  },
  {
    reason: 'invasion-trigger',
    triggers: ['invasion', 'invaded', 'invade', 'invading'],
    eventType: 'invasion',
    relation: 'attacked',
    objectPreps: ['of', ''],
    reach: 4,
    objectRole: 'target',
    confidence: 0.75,
  },
  {
    reason: 'explosion-trigger',
    triggers: ['explosion', 'explosions', 'blast', 'blasts', 'detonation', 'detonations'],
    eventType: 'explosion',
    objectPreps: [],
    reach: 0,
    objectRole: 'target',
    confidence: 0.7,
  },
  {
    reason: 'killing-trigger',
    triggers: ['killing', 'killed', 'assassination', 'assassinated', 'assassinate'],
    eventType: 'killing',
    relation: 'killed',
    objectPreps: ['of', ''],
    reach: 4,
    objectRole: 'target',
    confidence: 0.65,
  },
  {
    reason: 'negotiation-trigger',
    triggers: ['talks', 'negotiations', 'negotiating', 'negotiate', 'negotiated', 'dialogue'],
    eventType: 'negotiation',
    relation: 'negotiates_with',
    negated: 'refuses_talks_with',
    objectPreps: ['with'],
    reach: 8,
    objectRole: 'counterpart',
    confidence: 0.6,
  },
  {
    reason: 'ready-to-negotiate',
    triggers: ['ready', 'willing', 'willingness', 'readiness'],
    relation: 'ready_to_negotiate_with',
    objectPreps: ['with'],
    reach: 9,
    objectRole: 'counterpart',
    confidence: 0.6,
  },
  {
    reason: 'consultation-trigger',
    triggers: ['consultations', 'consult', 'consulted', 'consulting'],
    relation: 'consults_with',
    objectPreps: ['with'],
    reach: 5,
    objectRole: 'counterpart',
    confidence: 0.6,
  },
  {
    reason: 'meeting-trigger',
    triggers: ['met', 'meeting', 'meets', 'summit', 'visit', 'visits', 'visited'],
    eventType: 'meeting',
    relation: 'met_with',
    objectPreps: ['with', ''],
    reach: 3,
    objectRole: 'counterpart',
    confidence: 0.6,
  },
  {
    reason: 'withdrawal-trigger',
    triggers: ['withdrew', 'withdrawal', 'withdraw', 'withdrawn', 'withdrawing', 'pulled out'],
    eventType: 'withdrawal',
    relation: 'withdrew_from',
    objectPreps: ['from'],
    reach: 6,
    objectRole: 'target',
    confidence: 0.75,
  },
  {
    reason: 'supply-trigger',
    triggers: ['supplied', 'supplying', 'supplies', 'supply', 'delivered', 'deliveries', 'shipments', 'shipped', 'provided', 'sent'],
    eventType: 'supply',
    relation: 'supplied_weapons_to',
    objectPreps: ['to', ''],
    reach: 5,
    objectRole: 'beneficiary',
    confidence: 0.6,
  },
  {
    reason: 'sanction-trigger',
    triggers: ['imposed', 'sanctioned', 'froze', 'refreeze', 'refroze', 'banned', 'ban'],
    eventType: 'sanction',
    relation: 'sanctions',
    objectPreps: ['on', 'against', ''],
    reach: 5,
    objectRole: 'target',
    confidence: 0.55,
  },
  {
    reason: 'release-trigger',
    triggers: ['release', 'released', 'freed', 'prisoner swap'],
    eventType: 'release',
    objectPreps: [],
    reach: 0,
    objectRole: 'beneficiary',
    context: ['prisoner', 'prisoners', 'detainee', 'detainees', 'hostage', 'hostages', 'captive', 'captives', 'swap', 'jailed', 'custody', 'freed'],
    confidence: 0.6,
  },
  {
    reason: 'unfreeze-trigger',
    triggers: ['unfroze', 'unfreeze', 'unfrozen', 'unfreezing'],
    eventType: 'other',
    relation: 'unfroze_funds_for',
    objectPreps: ['for', 'to'],
    reach: 8,
    objectRole: 'beneficiary',
    confidence: 0.55,
  },
  {
    reason: 'export-trigger',
    triggers: ['exported', 'exports', 'exporting'],
    eventType: 'other',
    relation: 'exports_to',
    objectPreps: ['to'],
    reach: 8,
    objectRole: 'beneficiary',
    objectTypes: ['country', 'organization'],
    confidence: 0.55,
  },
  {
    reason: 'agreement-trigger',
    triggers: ['signed', 'signing'],
    eventType: 'agreement',
    relation: 'signatory_of',
    objectPreps: [''],
    reach: 3,
    objectRole: 'target',
    confidence: 0.6,
  },
  {
    reason: 'inauguration-trigger',
    triggers: ['took office', 'assume office', 'sworn in', 'inauguration', 'inaugurated'],
    eventType: 'inauguration',
    objectPreps: [],
    reach: 0,
    objectRole: 'target',
    confidence: 0.65,
  },
  {
    reason: 'election-trigger',
    triggers: ['elected', 'election', 'elections', 're-elected'],
    eventType: 'election',
    objectPreps: [],
    reach: 0,
    objectRole: 'target',
    confidence: 0.6,
  },
  {
    reason: 'interview-trigger',
    triggers: ['interview'],
    eventType: 'interview',
    relation: 'interviewed',
    objectPreps: ['with', 'to'],
    reach: 4,
    objectRole: 'counterpart',
    confidence: 0.65,
  },
  {
    reason: 'speech-trigger',
    triggers: ['speech', 'address'],
    eventType: 'speech',
    objectPreps: [],
    reach: 0,
    objectRole: 'target',
    confidence: 0.65,
  },
  {
    reason: 'statement-trigger',
    triggers: ['remarks', 'statement', 'post', 'wrote', 'described', 'pledged', 'charged', 'stated', 'announced', 'declared', 'vowed', 'warned'],
    eventType: 'statement',
    relation: 'said_about',
    objectPreps: ['', 'about', 'on', 'against'],
    reach: 3,
    objectRole: 'target',
    confidence: 0.5,
  },
  {
    reason: 'criticism-trigger',
    triggers: [
      'criticized',
      'criticised',
      'criticism',
      'criticizing',
      'condemns',
      'condemned',
      'condemning',
      'lambasted',
      'complains',
      'denounced',
      'blamed',
      'slammed',
    ],
    relation: 'criticized',
    objectPreps: ['', 'of', 'from', 'by'],
    reach: 4,
    objectRole: 'target',
    confidence: 0.6,
  },
  {
    reason: 'support-trigger',
    triggers: ['supports', 'supported', 'backed', 'backs', 'support'],
    relation: 'supports',
    objectPreps: ['', 'to', 'for'],
    reach: 5,
    objectRole: 'beneficiary',
    confidence: 0.55,
  },
  {
    reason: 'pressure-trigger',
    triggers: ['pressure', 'pressures', 'pressured', 'pressuring', 'compel'],
    relation: 'pressures',
    objectPreps: ['', 'on'],
    reach: 3,
    objectRole: 'target',
    confidence: 0.55,
  },
];
