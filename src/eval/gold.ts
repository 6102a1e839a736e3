// Scores one extraction against a hand-annotated gold file (the ../shared/eval format), exactly as
// ../shared/eval/score-gold.mjs does, so that `newsgraph eval` and the shared scorer agree.
export interface Prf {
  P: number;
  R: number;
  F: number;
  predicted: number;
  gold: number;
}

/** Scores for one article, in the shape (and key order) `score-gold.mjs --json` prints. */
export interface GoldScores {
  entities: {
    person: Prf;
    country: Prf;
    organization: Prf;
    place: Prf;
    program: Prf;
    ALL: Prf;
    UNTYPED: Prf;
    /** Predicted entities per found gold entity (1.0 is ideal). */
    fragmentation: number;
  };
  events: { ALL: Prf; TYPED: Prf };
  relations: { UNLABELED: Prf; LABELED: Prf };
}

interface GoldEntity {
  name: string;
  type: string;
  aliases?: string[];
}
interface GoldEvent {
  name: string;
  eventType?: string;
  trigger: string;
  evidence: string;
}
interface GoldRelation {
  source: string;
  target: string;
  type: string;
  optional?: boolean;
  evidence?: string;
}
export interface GoldFile {
  document?: string;
  entities: GoldEntity[];
  events?: GoldEvent[];
  relations: GoldRelation[];
}

interface PredText {
  text?: unknown;
}
/**
 * An entity or event as the scorer reads it: `newsgraph extract` output, or any JSON of that shape. Fields are read
 * the way score-gold.mjs reads them (a trigger may be a span or a string, evidence a span or a list of spans).
 */
export interface PredItem {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  eventType?: unknown;
  aliases?: unknown[];
  mentions?: PredText[];
  trigger?: PredText | string;
  evidence?: PredText | PredText[];
}
export interface PredRelation {
  source?: unknown;
  target?: unknown;
  type?: unknown;
  evidence?: PredText[];
}
/** A prediction file: `newsgraph extract` output (an `Extraction` fits), every list optional. */
export interface Prediction {
  entities?: PredItem[];
  events?: PredItem[];
  relations?: PredRelation[];
}

const norm = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFKC')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/^(the|a|an)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const TYPES = ['person', 'country', 'organization', 'place', 'program'];
const FAMILY = [
  ['president_of', 'head_of_state_of', 'leader_of', 'president_elect_of', 'former_president_of', 'prime_minister_of', 'head_of_government_of'],
  [
    'foreign_minister_of',
    'minister_of',
    'deputy_foreign_minister_of',
    'vice_president_of',
    'official_of',
    'spokesperson_of',
    'member_of',
    'chief_of',
    'head_of',
    'ceo_of',
    'employee_of',
    'works_for',
  ],
  ['negotiates_with', 'talks_with', 'met_with', 'consults_with', 'ready_to_negotiate_with'],
  ['attacked', 'struck', 'assaulted', 'bombed'],
  ['criticized', 'accused', 'condemned', 'opposes', 'disapproved_of'],
  ['supplied_weapons_to', 'supplied', 'supplies', 'provided_to', 'aid_to'],
  ['sanctions', 'sanctioned', 'pressures', 'imposed_sanctions_on'],
  ['located_in', 'part_of', 'capital_of', 'in'],
  ['ally_of', 'aligned_with', 'supports', 'cooperates_with', 'proxy_of'],
  ['said_about', 'said', 'stated', 'statement_about'],
];
const family = (t: unknown): string => {
  const n = String(t).toLowerCase();
  const i = FAMILY.findIndex((f) => f.includes(n));
  return i < 0 ? n : `family${i}`;
};
// Open-vocabulary types also match on the stem of their first word ("fined" ~ "fines", "plays_for" ~ "played_for").
const stem = (t: unknown): string => (String(t).toLowerCase().split('_')[0] ?? '').replace(/(ies|ied)$/, 'y').replace(/(ing|ed|es|s|e)$/, '');
const sameType = (a: unknown, b: unknown): boolean => family(a) === family(b) || (stem(a).length >= 3 && stem(a) === stem(b));
const prf = (tpP: number, nP: number, tpR: number, nR: number): Prf => {
  const P = nP ? tpP / nP : 0;
  const R = nR ? tpR / nR : 0;
  return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0, predicted: nP, gold: nR };
};
const overlaps = (a: Set<string>, b: Set<string>): boolean => [...a].some((k) => b.has(k));

/** Gold and predicted items normalised, and the matchers between them; shared by the scores and the verbose lists. */
function matchGold(gold: GoldFile, pred: Prediction) {
  const gEnts = gold.entities.filter((e) => e.type !== 'event').map((e) => ({ ...e, keys: new Set([e.name, ...(e.aliases ?? [])].map(norm).filter(Boolean)) }));
  const gEvents = [
    ...(gold.events ?? []).map((e) => ({
      name: e.name,
      type: e.eventType as string | null | undefined,
      keys: new Set([norm(e.trigger)]),
      sentence: norm(e.evidence) as string | null,
    })),
    ...gold.entities
      .filter((e) => e.type === 'event')
      .map((e) => ({ name: e.name, type: null, keys: new Set([e.name, ...(e.aliases ?? [])].map(norm)), sentence: null })),
  ];
  const pEnts = (pred.entities ?? [])
    .filter((e) => String(e.type).toLowerCase() !== 'event')
    .map((e) => ({
      id: e.id,
      type: String(e.type).toLowerCase(),
      name: e.name,
      keys: new Set([e.name, ...(e.aliases ?? []), ...(e.mentions ?? []).map((m) => m.text)].map(norm).filter(Boolean)),
    }));
  // Events come from `events` and from entities typed "event"; a trigger may be a span or a plain string.
  const pEvents = [...(pred.events ?? []), ...(pred.entities ?? []).filter((e) => String(e.type).toLowerCase() === 'event')].map((e) => {
    const trigger = typeof e.trigger === 'string' ? e.trigger : (e.trigger?.text ?? e.trigger);
    const evidence = e.evidence;
    return {
      id: e.id,
      type: e.eventType ?? null,
      name: e.name,
      text: norm([e.name, trigger, ...(e.aliases ?? []), ...(e.mentions ?? []).map((m) => m.text)].join(' ')),
      sentence: norm((Array.isArray(evidence) ? undefined : evidence?.text) ?? (Array.isArray(evidence) ? evidence[0]?.text : '') ?? ''),
    };
  });
  const matchE = (p: (typeof pEnts)[number], typed: boolean) => gEnts.filter((g) => overlaps(p.keys, g.keys) && (!typed || g.type === p.type));
  const evMatch = (p: (typeof pEvents)[number], g: (typeof gEvents)[number]): boolean => {
    const sentOk = g.sentence ? p.sentence && (p.sentence.includes(g.sentence) || g.sentence.includes(p.sentence)) : true;
    const keyOk = [...g.keys].some((k) => k && (p.text.includes(k) || k.split(' ').some((w) => w.length > 3 && p.text.split(' ').includes(w))));
    return Boolean(sentOk && keyOk);
  };
  // Relation endpoints: predicted id -> the gold names it stands for.
  const gName = new Map<unknown, Set<string>>();
  for (const p of pEnts) gName.set(p.id, new Set(matchE(p, false).map((g) => g.name)));
  for (const p of pEvents) gName.set(p.id, new Set(gEvents.filter((g) => evMatch(p, g)).map((g) => g.name)));
  const gRels = gold.relations.filter((r) => !r.optional);
  const optional = gold.relations.filter((r) => r.optional);
  const pRels = (pred.relations ?? []).map((r) => ({
    type: r.type,
    s: gName.get(r.source) ?? new Set<string>(),
    t: gName.get(r.target) ?? new Set<string>(),
    raw: r,
  }));
  const pairOk = (p: (typeof pRels)[number], g: GoldRelation): boolean => (p.s.has(g.source) && p.t.has(g.target)) || (p.s.has(g.target) && p.t.has(g.source));
  return { gEnts, gEvents, pEnts, pEvents, matchE, evMatch, gRels, optional, pRels, pairOk };
}

/** Scores one prediction against one gold file, as score-gold.mjs does (its --json output is this object). */
export function scoreGold(gold: GoldFile, pred: Prediction): GoldScores {
  const { gEnts, gEvents, pEnts, pEvents, matchE, evMatch, gRels, optional, pRels, pairOk } = matchGold(gold, pred);
  const byType = (t: string): Prf => {
    const ps = pEnts.filter((p) => (t === 'ALL' ? TYPES.includes(p.type) : p.type === t));
    const gs = gEnts.filter((g) => (t === 'ALL' ? true : g.type === t));
    const okP = ps.filter((p) => matchE(p, true).length).length;
    const okR = gs.filter((g) => ps.some((p) => p.type === g.type && overlaps(p.keys, g.keys))).length;
    return prf(okP, ps.length, okR, gs.length);
  };
  // Untyped detection: is the thing found at all, whatever its type.
  const untyped = prf(
    pEnts.filter((p) => matchE(p, false).length).length,
    pEnts.length,
    gEnts.filter((g) => pEnts.some((p) => overlaps(p.keys, g.keys))).length,
    gEnts.length,
  );
  const found = gEnts.filter((g) => pEnts.some((p) => overlaps(p.keys, g.keys)));
  const fragments = found.reduce((a, g) => a + pEnts.filter((p) => overlaps(p.keys, g.keys)).length, 0);
  const entities = {
    person: byType('person'),
    country: byType('country'),
    organization: byType('organization'),
    place: byType('place'),
    program: byType('program'),
    ALL: byType('ALL'),
    UNTYPED: untyped,
    fragmentation: found.length ? fragments / found.length : 0,
  };

  const typed = gEvents.filter((g) => g.type);
  const events = {
    ALL: prf(
      pEvents.filter((p) => gEvents.some((g) => evMatch(p, g))).length,
      pEvents.length,
      gEvents.filter((g) => pEvents.some((p) => evMatch(p, g))).length,
      gEvents.length,
    ),
    TYPED: prf(
      pEvents.filter((p) => typed.some((g) => evMatch(p, g) && p.type === g.type)).length,
      pEvents.filter((p) => typed.some((g) => evMatch(p, g)) || !gEvents.some((g) => evMatch(p, g))).length,
      typed.filter((g) => pEvents.some((p) => evMatch(p, g) && p.type === g.type)).length,
      typed.length,
    ),
  };

  const allRels = [...gRels, ...optional];
  const relations = {
    UNLABELED: prf(
      pRels.filter((p) => allRels.some((g) => pairOk(p, g))).length,
      pRels.length,
      gRels.filter((g) => pRels.some((p) => pairOk(p, g))).length,
      gRels.length,
    ),
    LABELED: prf(
      pRels.filter((p) => allRels.some((g) => pairOk(p, g) && sameType(p.type, g.type))).length,
      pRels.length,
      gRels.filter((g) => pRels.some((p) => pairOk(p, g) && sameType(p.type, g.type))).length,
      gRels.length,
    ),
  };
  return { entities, events, relations };
}

/**
 * The lines score-gold.mjs --verbose writes to stderr: missed and wrong entities, then every missed gold relation
 * and every predicted relation with no gold pair, each with its evidence sentence.
 */
export function explainGold(gold: GoldFile, pred: Prediction): string[] {
  const { gEnts, pEnts, matchE, gRels, optional, pRels, pairOk } = matchGold(gold, pred);
  const allRels = [...gRels, ...optional];
  const short = (t: unknown): string =>
    String(t ?? '')
      .replace(/\s+/g, ' ')
      .slice(0, 160);
  return [
    `missed entities: ${gEnts
      .filter((g) => !pEnts.some((p) => p.type === g.type && overlaps(p.keys, g.keys)))
      .map((g) => `${g.type}:${g.name}`)
      .join('; ')}`,
    `wrong entities: ${pEnts
      .filter((p) => !matchE(p, true).length)
      .map((p) => `${p.type}:${p.name}`)
      .join('; ')}`,
    'missed relations (gold source -type-> target | evidence):',
    ...gRels.filter((g) => !pRels.some((p) => pairOk(p, g))).map((g) => `  ${g.source} -${g.type}-> ${g.target} | ${short(g.evidence)}`),
    'predicted relations with no gold pair (source -type-> target | evidence):',
    ...pRels
      .filter((p) => !allRels.some((g) => pairOk(p, g)))
      .map((p) => `  ${p.raw.source} -${p.type}-> ${p.raw.target} | ${short(p.raw.evidence?.[0]?.text)}`),
  ];
}

const pc = (x: number): string => (100 * x).toFixed(1).padStart(5);
const row = (label: string, v: Prf): string => `${label} P ${pc(v.P)} R ${pc(v.R)} F ${pc(v.F)}  (${v.predicted} predicted, ${v.gold} gold)`;

/** The same table score-gold.mjs prints. */
export function formatGold(s: GoldScores): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(s.entities)) if (typeof v === 'object') lines.push(row(`entity ${k.padEnd(12)}`, v));
  lines.push(`entity fragmentation ${s.entities.fragmentation.toFixed(2)}`);
  for (const [k, v] of Object.entries(s.events)) lines.push(row(`event  ${k.padEnd(12)}`, v));
  for (const [k, v] of Object.entries(s.relations)) lines.push(row(`rel    ${k.padEnd(12)}`, v));
  return lines.join('\n');
}
