// The clause layer's rules as data. The normaliser: verb lemmas (with their preposition), relational nouns, action
// nouns and hyphen compounds mapped to ONTOLOGY.md relation names; a predicate that maps to none is kept as an open
// predicate (the verb as written + preposition, lower_snake). Then the constructions the layer reads (speech,
// appositions, possessives, modifiers). Each entry has a unique reason, kept on the relation as provenance; the
// table-driven tests hold examples where it must fire and where it must not.

/** A construction of the clause layer and the relation it states. */
export interface ClauseRule {
  reason: string;
  relation: string;
  confidence: number;
  description: string;
}

export const CLAUSE_RULES: ClauseRule[] = [
  {
    reason: 'clause-predicate',
    relation: 'verb_prep (open)',
    confidence: 0.45,
    description:
      'A subject, a verb the normaliser does not know, and its object: the verb as written and its preposition ("arrived outside", "sealed deals with").',
  },
  {
    reason: 'reported-speech',
    relation: 'said_about',
    confidence: 0.5,
    description: 'A speaker and the names in what was said: "X said (that) …", "“…,” X said", "according to X, …"; a quotation may run over several sentences.',
  },
  {
    reason: 'told-outlet',
    relation: 'interviewed',
    confidence: 0.6,
    description: '"X told Reuters", "X said to Sky": the outlet interviewed the speaker.',
  },
  {
    reason: 'apposition-title',
    relation: 'from-title',
    confidence: 0.7,
    description: 'A name and a title of office beside it, before or after, in a copula or after "as": "X, commissioner of Y", "X was the governor of Y".',
  },
  {
    reason: 'apposition-noun',
    relation: 'noun_prep (open)',
    confidence: 0.45,
    description: 'A name and a relational noun the normaliser does not know, with its complement: "X, envoy for Y" → envoy_for.',
  },
  {
    reason: 'role-as',
    relation: 'from-title',
    confidence: 0.65,
    description: 'A role a verb gives: "appointed X as the governor of Y", "X was re-elected the leader of Y".',
  },
  {
    reason: 'copula-location',
    relation: 'was_in',
    confidence: 0.5,
    description: 'Where someone is or will be: "X will be in Recife" (planned: plans_to_be_in).',
  },
  {
    reason: 'possessive-person-organization',
    relation: 'leader_of',
    confidence: 0.55,
    description: '"Naidu\'s Telugu Desam Party": a person\'s party or company, named right after the possessive, is led by them.',
  },
  {
    reason: 'possessive-program',
    relation: 'program_of',
    confidence: 0.6,
    description: '"Trump\'s Putting America First order", "the IMF\'s bailout programme": a program belongs to its possessor.',
  },
  {
    reason: 'possessive-body',
    relation: 'part_of',
    confidence: 0.6,
    description: '"the UN\'s International Organization for Migration": a body in the possession of another is part of it.',
  },
  {
    reason: 'possessive-locality',
    relation: 'located_in',
    confidence: 0.65,
    description: '"Tirana\'s National Stadium": a place in the possession of a place lies in it.',
  },
  {
    reason: 'nationality-modifier',
    relation: 'citizen_of',
    confidence: 0.55,
    description: '"French scientist X", "Italy international X": a person described by a country and a noun is its national.',
  },
  {
    reason: 'country-modifier',
    relation: 'part_of | located_in',
    confidence: 0.55,
    description: '"US Federal Trade Commission" (part_of), "British rival BG Group" (located_in): a body described by a country.',
  },
  {
    reason: 'organization-modifier',
    relation: 'employee_of',
    confidence: 0.55,
    description: '"IMF economist X", "UC Berkeley biochemist X": a person described by a body and a noun of work works there.',
  },
  {
    reason: 'person-of-place',
    relation: 'lives_in',
    confidence: 0.6,
    description: '"John Smith, 50, of Springfield", "Jane Doe of Ohio": where a person lives.',
  },
  {
    reason: 'named-after-place',
    relation: 'located_in | part_of',
    confidence: 0.55,
    description:
      'A body or place named after a place the story names: "Paris court", "Radio Mogadishu", "University of California" (located_in); "State Bank of Pakistan", a government body of a country (part_of).',
  },
  {
    reason: 'place-in-place',
    relation: 'located_in',
    confidence: 0.6,
    description: '"the Stadio Olimpico in the Italian capital": a place, "in", and the place it lies in, also when that one is referred to.',
  },
  {
    reason: 'person-of-organization',
    relation: 'affiliated_with',
    confidence: 0.55,
    description: '"Jane Doe of Acme Corp": the body a person belongs to.',
  },
];

const CLAUSE_BY_REASON = new Map(CLAUSE_RULES.map((r) => [r.reason, r]));

/** A construction rule by its reason (throws on a reason nobody registered: every relation names a real rule). */
export function clauseRule(reason: string): ClauseRule {
  const rule = CLAUSE_BY_REASON.get(reason);
  if (!rule) throw new Error(`nlp.clauseRule: no clause rule "${reason}"`);
  return rule;
}

export interface VerbRule {
  reason: string;
  /** Verb lemmas; "lemma prep" entries match only with that preposition ("play for"). */
  lemmas: string[];
  relation: string;
  /** Prepositions the object of the bare lemma may carry ("" = direct object). Absent: a direct object only. */
  preps?: string[];
  /** The relation reads object → subject: "the prize was awarded to X" is X won the prize. */
  inverse?: boolean;
  /** Nouns between the verb and its object that must be there ("provided aid to"). */
  via?: string[];
  /** Reads an agentless passive, the grammatical subject to the object: "X was born in Y", "X is based in Y". */
  passive?: boolean;
  /** Only objects of these entity types: "joined the treaty" (program) signs it, "joined Acme" (organization) not. */
  objectTypes?: string[];
  confidence: number;
}

export const VERB_RULES: VerbRule[] = [
  { reason: 'verb-visit', lemmas: ['visit', 'tour'], relation: 'visited', preps: [''], confidence: 0.7 },
  { reason: 'verb-travel', lemmas: ['travel to', 'fly to', 'head to', 'go to', 'return to'], relation: 'traveled_to', confidence: 0.65 },
  { reason: 'verb-arrive', lemmas: ['arrive in', 'arrive at', 'land in', 'reach'], relation: 'arrived_in', confidence: 0.65 },
  { reason: 'verb-meet', lemmas: ['meet', 'meet with', 'host', 'receive'], relation: 'met_with', preps: ['', 'with'], confidence: 0.65 },
  { reason: 'verb-talks', lemmas: ['negotiate', 'negotiate with', 'talk with', 'talk to', 'hold talks with'], relation: 'negotiates_with', confidence: 0.6 },
  { reason: 'verb-consult', lemmas: ['consult', 'consult with', 'confer with'], relation: 'consults_with', confidence: 0.6 },
  {
    reason: 'verb-cooperate',
    lemmas: ['cooperate with', 'collaborate with', 'work with', 'team up with', 'join forces with'],
    relation: 'cooperates_with',
    confidence: 0.6,
  },
  { reason: 'verb-partner', lemmas: ['partner with', 'partner'], relation: 'partnered_with', confidence: 0.6 },
  {
    reason: 'verb-criticize',
    lemmas: ['criticize', 'criticise', 'condemn', 'denounce', 'slam', 'blast', 'lambast', 'rebuke', 'decry', 'deplore', 'attack verbally'],
    relation: 'criticized',
    preps: [''],
    confidence: 0.65,
  },
  { reason: 'verb-accuse', lemmas: ['accuse', 'blame'], relation: 'accused', preps: [''], confidence: 0.65 },
  {
    reason: 'verb-praise',
    lemmas: ['praise', 'hail', 'commend', 'laud', 'applaud', 'congratulate', 'honour', 'honor'],
    relation: 'praised',
    preps: [''],
    confidence: 0.65,
  },
  { reason: 'verb-support', lemmas: ['support', 'back', 'endorse', 'defend', 'champion'], relation: 'supports', preps: [''], confidence: 0.6 },
  {
    reason: 'verb-oppose',
    lemmas: ['oppose', 'reject', 'resist', 'challenge', 'contest', 'protest'],
    relation: 'opposes',
    preps: ['', 'against'],
    confidence: 0.6,
  },
  {
    reason: 'verb-attack',
    lemmas: ['attack', 'strike', 'bomb', 'shell', 'raid', 'storm', 'invade', 'target', 'assault', 'ambush', 'besiege', 'pound', 'fire on', 'launch attack on'],
    relation: 'attacked',
    preps: ['', 'on', 'against'],
    confidence: 0.65,
  },
  {
    // "pounded military targets in Iran": the targets lie in the country attacked.
    reason: 'verb-attack-targets-in',
    lemmas: ['attack', 'strike', 'bomb', 'shell', 'raid', 'pound', 'hit', 'target'],
    relation: 'attacked',
    preps: ['in'],
    via: ['targets', 'positions', 'sites', 'bases', 'facilities', 'infrastructure', 'areas', 'cities', 'towns'],
    confidence: 0.55,
  },
  { reason: 'verb-kill', lemmas: ['kill', 'assassinate', 'murder', 'execute', 'slay'], relation: 'killed', preps: [''], confidence: 0.65 },
  { reason: 'verb-injure', lemmas: ['injure', 'wound', 'hurt'], relation: 'injured', preps: [''], confidence: 0.6 },
  { reason: 'verb-hit', lemmas: ['hit', 'devastate', 'ravage', 'batter', 'flood', 'sweep'], relation: 'hit', preps: [''], confidence: 0.55 },
  {
    reason: 'verb-sanction',
    lemmas: ['sanction', 'impose sanctions on', 'blacklist', 'embargo'],
    relation: 'sanctions',
    preps: ['', 'on', 'against'],
    confidence: 0.6,
  },
  { reason: 'verb-pressure', lemmas: ['pressure', 'press', 'urge', 'push', 'compel', 'force'], relation: 'pressures', preps: [''], confidence: 0.55 },
  {
    reason: 'verb-withdraw',
    lemmas: ['withdraw from', 'pull out of', 'pull out', 'quit', 'abandon', 'exit', 'leave', 'drop', 'jettison', 'scrap'],
    relation: 'withdrew_from',
    objectTypes: ['program', 'organization', 'event'],
    confidence: 0.6,
  },
  {
    reason: 'verb-refuse-talks',
    lemmas: ['rule out', 'reject', 'refuse', 'turn down', 'shun', 'rebuff'],
    relation: 'refuses_talks_with',
    preps: ['with'],
    via: ['talks', 'negotiations', 'dialogue', 'negotiation'],
    confidence: 0.6,
  },
  {
    reason: 'verb-pledge-support',
    lemmas: ['pledge', 'give', 'offer', 'lend', 'express', 'voice', 'throw', 'extend', 'declare'],
    relation: 'supports',
    preps: ['to', 'for', 'behind'],
    via: ['support', 'backing', 'solidarity'],
    confidence: 0.6,
  },
  {
    reason: 'verb-supply-weapons',
    lemmas: ['supply', 'provide', 'deliver', 'send', 'ship', 'sell', 'give', 'transfer'],
    relation: 'supplied_weapons_to',
    preps: ['', 'to', 'with'],
    via: ['weapons', 'arms', 'missiles', 'drones', 'rockets', 'munitions', 'ammunition', 'tanks', 'jets', 'artillery', 'shells'],
    confidence: 0.6,
  },
  {
    reason: 'verb-aid',
    lemmas: ['provide', 'send', 'deliver', 'offer', 'give', 'pledge', 'donate', 'announce', 'allocate', 'dispatch', 'fly', 'airlift', 'grant'],
    relation: 'aid_to',
    preps: ['to', 'for'],
    via: [
      'aid',
      'assistance',
      'relief',
      'help',
      'support',
      'supplies',
      'team',
      'teams',
      'experts',
      'divers',
      'rescuers',
      'doctors',
      'funds',
      'funding',
      'money',
      'loans',
      'grants',
      'food',
      'medicine',
      'machinery',
      'equipment',
    ],
    confidence: 0.6,
  },
  { reason: 'verb-supply', lemmas: ['supply', 'provide', 'deliver', 'ship', 'send'], relation: 'supplied', preps: ['', 'to'], confidence: 0.5 },
  { reason: 'verb-export', lemmas: ['export to'], relation: 'exports_to', confidence: 0.6 },
  { reason: 'verb-unfreeze', lemmas: ['unfreeze', 'unfroze', 'release funds for'], relation: 'unfroze_funds_for', preps: ['', 'for', 'to'], confidence: 0.55 },
  { reason: 'verb-interview', lemmas: ['interview'], relation: 'interviewed', preps: [''], confidence: 0.65 },
  { reason: 'verb-advise', lemmas: ['advise', 'counsel'], relation: 'advised', preps: [''], confidence: 0.55 },
  {
    reason: 'verb-sign',
    lemmas: ['sign', 'ratify', 'accede to'],
    relation: 'signatory_of',
    preps: [''],
    objectTypes: ['program', 'organization'],
    confidence: 0.55,
  },
  { reason: 'verb-join-treaty', lemmas: ['join', 'rejoin'], relation: 'signatory_of', preps: [''], objectTypes: ['program'], confidence: 0.55 },
  { reason: 'verb-join', lemmas: ['join', 'rejoin'], relation: 'member_of', preps: [''], objectTypes: ['organization'], confidence: 0.55 },
  {
    reason: 'verb-acquire',
    lemmas: ['acquire', 'buy', 'purchase', 'take over', 'take control of', 'seize control of'],
    relation: 'acquired',
    preps: ['', 'of'],
    confidence: 0.6,
  },
  { reason: 'verb-merge', lemmas: ['merge with', 'combine with'], relation: 'merged_with', confidence: 0.65 },
  { reason: 'verb-own', lemmas: ['own', 'control'], relation: 'owns', preps: [''], confidence: 0.55 },
  { reason: 'verb-invest', lemmas: ['invest in'], relation: 'invested_in', confidence: 0.6 },
  { reason: 'verb-lend', lemmas: ['lend to', 'lend', 'loan to'], relation: 'lent_to', confidence: 0.55 },
  { reason: 'verb-pay', lemmas: ['pay'], relation: 'paid', preps: ['', 'to'], confidence: 0.5 },
  { reason: 'verb-sue', lemmas: ['sue', 'file suit against', 'file a lawsuit against'], relation: 'sued', preps: ['', 'against'], confidence: 0.65 },
  { reason: 'verb-charge', lemmas: ['charge', 'indict', 'prosecute'], relation: 'charged', preps: [''], confidence: 0.6 },
  { reason: 'verb-convict', lemmas: ['convict', 'find guilty'], relation: 'convicted', preps: [''], confidence: 0.65 },
  { reason: 'verb-sentence', lemmas: ['sentence', 'jail', 'imprison'], relation: 'sentenced', preps: [''], confidence: 0.6 },
  { reason: 'verb-fine', lemmas: ['fine', 'penalize', 'penalise'], relation: 'fined', preps: [''], confidence: 0.65 },
  {
    reason: 'verb-investigate',
    lemmas: ['investigate', 'probe', 'examine', 'scrutinize', 'scrutinise', 'review', 'audit'],
    relation: 'investigated',
    preps: [''],
    confidence: 0.55,
  },
  { reason: 'verb-regulate', lemmas: ['regulate', 'oversee', 'supervise'], relation: 'regulates', preps: [''], confidence: 0.55 },
  { reason: 'verb-ban', lemmas: ['ban', 'bar', 'prohibit', 'outlaw', 'block', 'disqualify', 'suspend'], relation: 'banned', preps: [''], confidence: 0.6 },
  {
    reason: 'verb-approve',
    lemmas: ['approve', 'clear', 'authorize', 'authorise', 'greenlight', 'pass', 'adopt', 'enact'],
    relation: 'approved',
    preps: [''],
    confidence: 0.6,
  },
  { reason: 'verb-appeal', lemmas: ['appeal', 'appeal against'], relation: 'appealed', preps: ['', 'to', 'against'], confidence: 0.6 },
  { reason: 'verb-rule-against', lemmas: ['rule against'], relation: 'ruled_against', confidence: 0.65 },
  {
    reason: 'verb-defeat',
    lemmas: ['defeat', 'beat', 'thrash', 'edge', 'rout', 'overcome', 'oust', 'eliminate', 'knock out'],
    relation: 'defeated',
    preps: [''],
    confidence: 0.65,
  },
  { reason: 'verb-lose-to', lemmas: ['lose to', 'fall to'], relation: 'lost_to', confidence: 0.65 },
  { reason: 'verb-score', lemmas: ['score for'], relation: 'scored_for', confidence: 0.6 },
  { reason: 'verb-score-against', lemmas: ['score against'], relation: 'scored_against', confidence: 0.6 },
  { reason: 'verb-win', lemmas: ['win', 'claim', 'clinch', 'capture', 'lift'], relation: 'won', preps: [''], confidence: 0.6 },
  { reason: 'verb-play-for', lemmas: ['play for', 'sign for'], relation: 'plays_for', confidence: 0.55 },
  { reason: 'verb-elect', lemmas: ['elect to', 'win seat in', 'win seats in'], relation: 'elected_to', confidence: 0.6 },
  {
    reason: 'verb-lead',
    lemmas: ['lead', 'head', 'run', 'chair', 'command', 'helm', 'manage'],
    relation: 'leader_of',
    preps: [''],
    objectTypes: ['organization', 'country', 'program'],
    confidence: 0.6,
  },
  { reason: 'verb-found', lemmas: ['found', 'establish', 'create', 'launch', 'set up', 'co-found'], relation: 'founder_of', preps: [''], confidence: 0.5 },
  { reason: 'verb-coach', lemmas: ['coach', 'train'], relation: 'coach_of', preps: [''], confidence: 0.6 },
  { reason: 'verb-work-for', lemmas: ['work for', 'work at', 'serve in', 'serve with', 'serve on'], relation: 'works_for', confidence: 0.6 },
  { reason: 'verb-hire', lemmas: ['hire', 'recruit', 'employ'], relation: 'hired', preps: [''], confidence: 0.6 },
  {
    reason: 'verb-appoint',
    lemmas: ['appoint', 'name', 'nominate', 'promote', 'install', 'pick', 'choose', 'tap'],
    relation: 'appointed',
    preps: [''],
    confidence: 0.6,
  },
  { reason: 'verb-replace', lemmas: ['replace', 'succeed', 'supplant', 'unseat'], relation: 'replaced', preps: [''], confidence: 0.6 },
  { reason: 'verb-remove', lemmas: ['remove', 'sack', 'fire', 'dismiss', 'oust', 'depose', 'expel'], relation: 'removed', preps: [''], confidence: 0.55 },
  { reason: 'verb-educated', lemmas: ['graduate from', 'study at', 'study in', 'educate at'], relation: 'educated_at', confidence: 0.65 },
  { reason: 'verb-born', lemmas: ['bear in', 'born in'], relation: 'born_in', passive: true, confidence: 0.7 },
  { reason: 'verb-live', lemmas: ['live in', 'reside in', 'settle in'], relation: 'lives_in', confidence: 0.6 },
  { reason: 'verb-based', lemmas: ['base in', 'headquarter in', 'locate in'], relation: 'located_in', passive: true, confidence: 0.65 },
  { reason: 'verb-educated-passive', lemmas: ['educate at', 'educate in', 'train at'], relation: 'educated_at', passive: true, confidence: 0.65 },
  {
    reason: 'verb-elected-passive',
    lemmas: ['elect to', 'elect as', 're-elect as', 'elect', 're-elect'],
    relation: 'elected_to',
    passive: true,
    confidence: 0.6,
  },
  { reason: 'verb-awarded-passive', lemmas: ['award to', 'give to', 'present to', 'grant to'], relation: 'won', passive: true, inverse: true, confidence: 0.6 },
  { reason: 'verb-deploy', lemmas: ['deploy to', 'deploy in', 'station in'], relation: 'deployed_to', confidence: 0.6 },
  { reason: 'verb-evacuate', lemmas: ['evacuate from', 'flee from', 'flee'], relation: 'evacuated_from', confidence: 0.55 },
  { reason: 'verb-represent', lemmas: ['represent'], relation: 'represented', preps: [''], confidence: 0.55 },
  { reason: 'verb-target-program', lemmas: ['target', 'aim at'], relation: 'targets', preps: ['', 'at'], confidence: 0.5 },
  { reason: 'verb-withdraw-support', lemmas: ['cut ties with', 'break with', 'sever ties with'], relation: 'opposes', confidence: 0.55 },
];

/** Relational nouns in appositions, copulas and possessives: "X, a member of Y", "Y's parent company, X". */
export interface NounRule {
  reason: string;
  nouns: string[];
  relation: string;
  /**
   * The possessor is the subject: "her party, the National Rally" is she member_of the party (while "Iran's ally,
   * Hezbollah" is Hezbollah ally_of Iran).
   */
  possessorFirst?: boolean;
  /** The holder is the subject: "Lyon, home of Acme" is Acme based_in Lyon. */
  holderFirst?: boolean;
  /** Prepositions that introduce the holder (default of/at/for/to/with): "a port city in Kenya". */
  preps?: string[];
  confidence: number;
}

export const NOUN_RULES: NounRule[] = [
  { reason: 'noun-member', nouns: ['member', 'members', 'lawmaker', 'legislator', 'mp', 'delegate'], relation: 'member_of', confidence: 0.7 },
  { reason: 'noun-predecessor', nouns: ['predecessor'], relation: 'predecessor_of', confidence: 0.7 },
  { reason: 'noun-successor', nouns: ['successor'], relation: 'successor_of', confidence: 0.7 },
  { reason: 'noun-mentor', nouns: ['mentor'], relation: 'mentor_of', confidence: 0.7 },
  { reason: 'noun-ally', nouns: ['ally', 'allies'], relation: 'ally_of', confidence: 0.7 },
  { reason: 'noun-partner', nouns: ['partner', 'partners'], relation: 'partnered_with', confidence: 0.6 },
  { reason: 'noun-rival', nouns: ['rival', 'rivals', 'competitor', 'competitors', 'opponent', 'challenger'], relation: 'competitor_of', confidence: 0.6 },
  { reason: 'noun-proxy', nouns: ['proxy', 'proxies'], relation: 'proxy_of', confidence: 0.7 },
  { reason: 'noun-parent', nouns: ['parent', 'owner', 'owners'], relation: 'owns', confidence: 0.65 },
  {
    reason: 'noun-subsidiary',
    nouns: ['subsidiary', 'unit', 'division', 'affiliate', 'arm', 'branch', 'agency', 'body', 'wing'],
    relation: 'part_of',
    confidence: 0.6,
  },
  { reason: 'noun-capital', nouns: ['capital'], relation: 'capital_of', confidence: 0.75 },
  {
    reason: 'noun-city',
    nouns: ['city', 'town', 'village', 'port', 'province', 'region', 'state', 'district', 'island', 'suburb'],
    relation: 'located_in',
    preps: ['in', 'of'],
    confidence: 0.6,
  },
  {
    reason: 'noun-winner',
    nouns: ['winner', 'winners', 'champion', 'champions', 'laureate', 'laureates', 'holder', 'holders', 'victor'],
    relation: 'won',
    confidence: 0.6,
  },
  { reason: 'noun-founder', nouns: ['founder', 'co-founder', 'creator'], relation: 'founder_of', confidence: 0.7 },
  { reason: 'noun-captain', nouns: ['captain', 'skipper'], relation: 'captain_of', confidence: 0.7 },
  { reason: 'noun-coach', nouns: ['coach', 'manager', 'boss', 'trainer'], relation: 'coach_of', confidence: 0.65 },
  {
    reason: 'noun-player',
    nouns: ['player', 'striker', 'forward', 'midfielder', 'goalkeeper', 'defender', 'winger', 'international', 'batsman', 'bowler', 'pitcher', 'quarterback'],
    relation: 'plays_for',
    confidence: 0.6,
  },
  { reason: 'noun-student', nouns: ['student', 'graduate', 'alumnus', 'alumna', 'alumni'], relation: 'educated_at', confidence: 0.6 },
  {
    reason: 'noun-employee',
    nouns: [
      'employee',
      'staff',
      'worker',
      'professor',
      'lecturer',
      'researcher',
      'scientist',
      'biochemist',
      'chemist',
      'physicist',
      'biologist',
      'economist',
      'engineer',
      'analyst',
      'lawyer',
      'attorney',
      'journalist',
      'reporter',
      'correspondent',
      'editor',
      'executive',
      'banker',
      'doctor',
      'physician',
      'expert',
      'technocrat',
      'consultant',
      'fellow',
      'investigator',
    ],
    relation: 'employee_of',
    confidence: 0.6,
  },
  { reason: 'noun-resident', nouns: ['resident', 'residents', 'native', 'natives'], relation: 'lives_in', preps: ['of', 'in'], confidence: 0.6 },
  { reason: 'noun-citizen', nouns: ['citizen', 'citizens', 'national', 'nationals'], relation: 'citizen_of', confidence: 0.65 },
  { reason: 'noun-headquarters', nouns: ['headquarters', 'home', 'seat'], relation: 'based_in', holderFirst: true, confidence: 0.55 },
  { reason: 'noun-party', nouns: ['party', 'movement'], relation: 'member_of', possessorFirst: true, confidence: 0.6 },
  { reason: 'noun-employer', nouns: ['employer', 'firm', 'company'], relation: 'employee_of', possessorFirst: true, confidence: 0.5 },
  { reason: 'noun-club', nouns: ['club', 'side'], relation: 'plays_for', possessorFirst: true, confidence: 0.5 },
  { reason: 'noun-homeland', nouns: ['homeland', 'hometown', 'birthplace', 'native country'], relation: 'born_in', possessorFirst: true, confidence: 0.6 },
  { reason: 'noun-alma-mater', nouns: ['alma mater'], relation: 'educated_at', possessorFirst: true, confidence: 0.6 },
];

/**
 * Nouns that name an action ("talks", "visit", "invasion"): the relation they state between the one who acts (a
 * possessive, a demonym or a name before the noun, "by X" after it, or the subject of a verb that has the noun as
 * its object: "held talks with", "imposed sanctions on") and the object after their preposition. "between X and Y"
 * relates X and Y.
 */
export interface NominalRule {
  reason: string;
  nouns: string[];
  relation: string;
  preps: string[];
  /** "talks between X and Y": the two sides are related to each other. */
  between?: boolean;
  confidence: number;
}

export const NOMINAL_RULES: NominalRule[] = [
  { reason: 'nominal-visit', nouns: ['visit', 'visits', 'trip', 'trips', 'tour', 'journey'], relation: 'visited', preps: ['to'], confidence: 0.6 },
  {
    reason: 'nominal-talks',
    nouns: ['talks', 'negotiations', 'dialogue', 'discussions'],
    relation: 'negotiates_with',
    preps: ['with'],
    between: true,
    confidence: 0.6,
  },
  { reason: 'nominal-consultations', nouns: ['consultations', 'consultation'], relation: 'consults_with', preps: ['with'], between: true, confidence: 0.55 },
  {
    reason: 'nominal-meeting',
    nouns: ['meeting', 'meetings', 'summit', 'call', 'phone call', 'encounter'],
    relation: 'met_with',
    preps: ['with'],
    between: true,
    confidence: 0.6,
  },
  {
    reason: 'nominal-attack',
    nouns: [
      'attack',
      'attacks',
      'strike',
      'strikes',
      'airstrike',
      'airstrikes',
      'assault',
      'offensive',
      'raid',
      'raids',
      'bombing',
      'bombardment',
      'shelling',
      'incursion',
    ],
    relation: 'attacked',
    preps: ['on', 'against'],
    confidence: 0.6,
  },
  { reason: 'nominal-invasion', nouns: ['invasion', 'occupation'], relation: 'attacked', preps: ['of'], confidence: 0.65 },
  { reason: 'nominal-acquisition', nouns: ['acquisition', 'purchase', 'takeover', 'buyout'], relation: 'acquired', preps: ['of'], confidence: 0.6 },
  { reason: 'nominal-merger', nouns: ['merger', 'combination', 'tie-up'], relation: 'merged_with', preps: ['with'], between: true, confidence: 0.6 },
  {
    reason: 'nominal-deal',
    nouns: ['deal', 'deals', 'agreement', 'agreements', 'pact', 'accord', 'treaty', 'partnership', 'contract', 'alliance'],
    relation: 'partnered_with',
    preps: ['with'],
    between: true,
    confidence: 0.55,
  },
  {
    reason: 'nominal-ties',
    nouns: ['ties', 'relations', 'relationship', 'cooperation', 'collaboration'],
    relation: 'cooperates_with',
    preps: ['with'],
    between: true,
    confidence: 0.55,
  },
  { reason: 'nominal-rivalry', nouns: ['rivalry', 'feud', 'dispute', 'row', 'standoff'], relation: 'opposes', preps: ['with'], between: true, confidence: 0.5 },
  { reason: 'nominal-war', nouns: ['war', 'conflict', 'fighting', 'clashes', 'battle'], relation: 'attacked', preps: ['against', 'on'], confidence: 0.5 },
  { reason: 'nominal-sanctions', nouns: ['sanctions', 'embargo', 'tariffs', 'restrictions'], relation: 'sanctions', preps: ['on', 'against'], confidence: 0.6 },
  { reason: 'nominal-ban', nouns: ['ban'], relation: 'banned', preps: ['on'], confidence: 0.55 },
  { reason: 'nominal-support', nouns: ['support', 'backing', 'endorsement', 'solidarity'], relation: 'supports', preps: ['for', 'to', 'of'], confidence: 0.55 },
  {
    reason: 'nominal-aid',
    nouns: ['aid', 'assistance', 'relief', 'help', 'donation', 'donations'],
    relation: 'aid_to',
    preps: ['to', 'for'],
    confidence: 0.55,
  },
  { reason: 'nominal-criticism', nouns: ['criticism', 'condemnation', 'rebuke'], relation: 'criticized', preps: ['of'], confidence: 0.55 },
  { reason: 'nominal-withdrawal', nouns: ['withdrawal', 'exit', 'pullout', 'departure'], relation: 'withdrew_from', preps: ['from'], confidence: 0.6 },
  { reason: 'nominal-victory', nouns: ['victory', 'win', 'triumph'], relation: 'defeated', preps: ['over', 'against'], confidence: 0.6 },
  { reason: 'nominal-defeat', nouns: ['defeat', 'loss'], relation: 'lost_to', preps: ['to'], confidence: 0.6 },
  { reason: 'nominal-investment', nouns: ['investment', 'investments', 'stake'], relation: 'invested_in', preps: ['in'], confidence: 0.55 },
  { reason: 'nominal-lawsuit', nouns: ['lawsuit', 'suit', 'complaint', 'case', 'charges'], relation: 'sued', preps: ['against'], confidence: 0.55 },
  { reason: 'nominal-investigation', nouns: ['investigation', 'probe', 'inquiry', 'review'], relation: 'investigated', preps: ['into', 'of'], confidence: 0.5 },
  { reason: 'nominal-fine', nouns: ['fine', 'penalty'], relation: 'fined', preps: ['on', 'against'], confidence: 0.55 },
  { reason: 'nominal-interview', nouns: ['interview'], relation: 'interviewed', preps: ['with'], confidence: 0.6 },
];

/** Hyphen compounds that relate the name in them to what they describe: "China-based", "Rome-born", "Saudi-led". */
export const COMPOUND_RULES: {
  reason: string;
  tail: string;
  relation: string /** the name in the compound is the subject */;
  nameFirst: boolean;
  confidence: number;
}[] = [
  { reason: 'compound-based', tail: 'based', relation: 'located_in', nameFirst: false, confidence: 0.7 },
  { reason: 'compound-headquartered', tail: 'headquartered', relation: 'located_in', nameFirst: false, confidence: 0.7 },
  { reason: 'compound-born', tail: 'born', relation: 'born_in', nameFirst: false, confidence: 0.7 },
  { reason: 'compound-educated', tail: 'educated', relation: 'educated_at', nameFirst: false, confidence: 0.7 },
  { reason: 'compound-trained', tail: 'trained', relation: 'educated_at', nameFirst: false, confidence: 0.6 },
  { reason: 'compound-led', tail: 'led', relation: 'leader_of', nameFirst: true, confidence: 0.65 },
  { reason: 'compound-owned', tail: 'owned', relation: 'owns', nameFirst: true, confidence: 0.65 },
  { reason: 'compound-run', tail: 'run', relation: 'owns', nameFirst: true, confidence: 0.55 },
  { reason: 'compound-controlled', tail: 'controlled', relation: 'owns', nameFirst: true, confidence: 0.6 },
];

const BY_LEMMA_PREP = new Map<string, VerbRule[]>();
for (const rule of VERB_RULES) {
  for (const l of rule.lemmas) {
    const list = BY_LEMMA_PREP.get(l) ?? [];
    list.push(rule);
    BY_LEMMA_PREP.set(l, list);
  }
}
const BY_NOUN = new Map<string, NounRule>();
for (const rule of NOUN_RULES) for (const n of rule.nouns) if (!BY_NOUN.has(n)) BY_NOUN.set(n, rule);

/** What a verb relates: its lemma, particle, the preposition and nouns before its object, the object's type. */
export interface VerbQuery {
  lemma: string;
  particle?: string | null;
  prep: string;
  via: string[];
  passive?: boolean;
  targetType?: string;
}

const singular = (n: string): string => (n.endsWith('ies') ? `${n.slice(0, -3)}y` : n.endsWith('s') && !n.endsWith('ss') ? n.slice(0, -1) : n);

/**
 * The rule for a predicate. Whole phrases first — verb + particle + preposition ("pull out of"), verb + particle
 * ("take over"), verb + noun + preposition ("win seat in", "take control of"), verb + preposition ("travel to") —
 * then the bare lemma with the preposition among its rule's `preps` (a direct object when a rule names none).
 * `passive` asks for the rules that read an agentless passive ("was born in").
 */
export function lookupVerb(q: VerbQuery): VerbRule | undefined {
  const phrases: string[] = [];
  if (q.particle && q.prep) phrases.push(`${q.lemma} ${q.particle} ${q.prep}`);
  const noun = q.via.at(-1);
  if (noun && q.prep) phrases.push(`${q.lemma} ${singular(noun)} ${q.prep}`, `${q.lemma} ${noun} ${q.prep}`);
  if (q.prep) phrases.push(`${q.lemma} ${q.prep}`);
  const fits = (rule: VerbRule): boolean =>
    Boolean(rule.passive) === Boolean(q.passive) &&
    (!rule.via || q.via.some((v) => rule.via?.includes(v))) &&
    (!rule.objectTypes || q.targetType === undefined || rule.objectTypes.includes(q.targetType));
  for (const phrase of phrases) for (const rule of BY_LEMMA_PREP.get(phrase) ?? []) if (fits(rule)) return rule;
  // The verb (with its particle: "rule out", "take over") and the preposition among its rule's own.
  for (const head of q.particle ? [`${q.lemma} ${q.particle}`, q.lemma] : [q.lemma])
    for (const rule of BY_LEMMA_PREP.get(head) ?? []) if ((rule.preps ?? ['']).includes(q.prep) && fits(rule)) return rule;
  return undefined;
}

export function lookupNoun(noun: string): NounRule | undefined {
  return BY_NOUN.get(noun);
}

const BY_NOMINAL = new Map<string, NominalRule>();
for (const rule of NOMINAL_RULES) for (const n of rule.nouns) if (!BY_NOMINAL.has(n)) BY_NOMINAL.set(n, rule);

/** The nominal rule for an action noun and the preposition of its object ("" for "between"). */
export function lookupNominal(noun: string, prep: string): NominalRule | undefined {
  const rule = BY_NOMINAL.get(noun);
  if (!rule) return undefined;
  return rule.preps.includes(prep) || (prep === 'between' && rule.between) ? rule : undefined;
}
