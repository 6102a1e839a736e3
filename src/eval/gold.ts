// Scores one extraction against a hand-annotated gold file (the ../shared/eval format), exactly as
// ../shared/eval/score-gold.mjs does, so that `newsgraph eval` and the shared scorer agree.
import type { Extraction } from '../nlp/types.js';

export interface Prf {
  P: number;
  R: number;
  F: number;
  predicted: number;
  gold: number;
}

export interface GoldScores {
  entities: Record<string, Prf>;
  fragmentation: number;
  events: { ALL: Prf; TYPED: Prf };
  relations: { UNLABELED: Prf; LABELED: Prf };
  missed: string[];
  wrong: string[];
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
}
export interface GoldFile {
  document?: string;
  entities: GoldEntity[];
  events?: GoldEvent[];
  relations: GoldRelation[];
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
const family = (t: string): string => {
  const n = String(t).toLowerCase();
  const i = FAMILY.findIndex((f) => f.includes(n));
  return i < 0 ? n : `family${i}`;
};
const prf = (tpP: number, nP: number, tpR: number, nR: number): Prf => {
  const P = nP ? tpP / nP : 0;
  const R = nR ? tpR / nR : 0;
  return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0, predicted: nP, gold: nR };
};
const overlaps = (a: Set<string>, b: Set<string>): boolean => [...a].some((k) => b.has(k));

export function scoreGold(gold: GoldFile, pred: Pick<Extraction, 'entities' | 'events' | 'relations'>): GoldScores {
  const gEnts = gold.entities.filter((e) => e.type !== 'event').map((e) => ({ ...e, keys: new Set([e.name, ...(e.aliases ?? [])].map(norm).filter(Boolean)) }));
  const gEvents = [
    ...(gold.events ?? []).map((e) => ({
      name: e.name,
      type: e.eventType ?? null,
      keys: new Set([norm(e.trigger)]),
      sentence: norm(e.evidence) as string | null,
    })),
    ...gold.entities
      .filter((e) => e.type === 'event')
      .map((e) => ({ name: e.name, type: null, keys: new Set([e.name, ...(e.aliases ?? [])].map(norm)), sentence: null })),
  ];
  const pEnts = pred.entities
    .filter((e) => String(e.type).toLowerCase() !== 'event')
    .map((e) => ({
      id: e.id,
      type: String(e.type).toLowerCase(),
      name: e.name,
      keys: new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].map(norm).filter(Boolean)),
    }));
  const pEvents = pred.events.map((e) => ({
    id: e.id,
    type: e.eventType ?? null,
    text: norm([e.name, e.trigger?.text].join(' ')),
    sentence: norm(e.evidence?.text ?? ''),
  }));
  const matchE = (p: (typeof pEnts)[number], typed: boolean) => gEnts.filter((g) => overlaps(p.keys, g.keys) && (!typed || g.type === p.type));
  const entities: Record<string, Prf> = {};
  for (const t of [...TYPES, 'ALL']) {
    const ps = pEnts.filter((p) => (t === 'ALL' ? TYPES.includes(p.type) : p.type === t));
    const gs = gEnts.filter((g) => (t === 'ALL' ? true : g.type === t));
    const okP = ps.filter((p) => matchE(p, true).length).length;
    const okR = gs.filter((g) => ps.some((p) => p.type === g.type && overlaps(p.keys, g.keys))).length;
    entities[t] = prf(okP, ps.length, okR, gs.length);
  }
  {
    const okP = pEnts.filter((p) => matchE(p, false).length).length;
    const okR = gEnts.filter((g) => pEnts.some((p) => overlaps(p.keys, g.keys))).length;
    entities.UNTYPED = prf(okP, pEnts.length, okR, gEnts.length);
  }
  const found = gEnts.filter((g) => pEnts.some((p) => overlaps(p.keys, g.keys)));
  const fragments = found.reduce((a, g) => a + pEnts.filter((p) => overlaps(p.keys, g.keys)).length, 0);
  const fragmentation = found.length ? fragments / found.length : 0;

  const evMatch = (p: (typeof pEvents)[number], g: (typeof gEvents)[number]): boolean => {
    const sentOk = g.sentence ? p.sentence && (p.sentence.includes(g.sentence) || g.sentence.includes(p.sentence)) : true;
    const keyOk = [...g.keys].some((k) => k && (p.text.includes(k) || k.split(' ').some((w) => w.length > 3 && p.text.split(' ').includes(w))));
    return Boolean(sentOk && keyOk);
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

  const gName = new Map<string, Set<string>>();
  for (const p of pEnts) gName.set(p.id, new Set(matchE(p, false).map((g) => g.name)));
  for (const p of pEvents) gName.set(p.id, new Set(gEvents.filter((g) => evMatch(p, g)).map((g) => g.name)));
  const gRels = gold.relations.filter((r) => !r.optional);
  const allRels = gold.relations;
  const pRels = pred.relations.map((r) => ({ type: r.type, s: gName.get(r.source) ?? new Set<string>(), t: gName.get(r.target) ?? new Set<string>() }));
  const pairOk = (p: (typeof pRels)[number], g: GoldRelation): boolean => (p.s.has(g.source) && p.t.has(g.target)) || (p.s.has(g.target) && p.t.has(g.source));
  const relations = {
    UNLABELED: prf(
      pRels.filter((p) => allRels.some((g) => pairOk(p, g))).length,
      pRels.length,
      gRels.filter((g) => pRels.some((p) => pairOk(p, g))).length,
      gRels.length,
    ),
    LABELED: prf(
      pRels.filter((p) => allRels.some((g) => pairOk(p, g) && family(p.type) === family(g.type))).length,
      pRels.length,
      gRels.filter((g) => pRels.some((p) => pairOk(p, g) && family(p.type) === family(g.type))).length,
      gRels.length,
    ),
  };
  return {
    entities,
    fragmentation,
    events,
    relations,
    missed: gEnts.filter((g) => !pEnts.some((p) => p.type === g.type && overlaps(p.keys, g.keys))).map((g) => `${g.type}:${g.name}`),
    wrong: pEnts.filter((p) => !matchE(p, true).length).map((p) => `${p.type}:${p.name}`),
  };
}

const pc = (x: number): string => (100 * x).toFixed(1).padStart(5);

/** The same table the shared scorer prints. */
export function formatGold(s: GoldScores): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(s.entities))
    lines.push(`entity ${k.padEnd(12)} P ${pc(v.P)} R ${pc(v.R)} F ${pc(v.F)}  (${v.predicted} predicted, ${v.gold} gold)`);
  lines.push(`entity fragmentation ${s.fragmentation.toFixed(2)}`);
  for (const [k, v] of Object.entries(s.events))
    lines.push(`event  ${k.padEnd(12)} P ${pc(v.P)} R ${pc(v.R)} F ${pc(v.F)}  (${v.predicted} predicted, ${v.gold} gold)`);
  for (const [k, v] of Object.entries(s.relations))
    lines.push(`rel    ${k.padEnd(12)} P ${pc(v.P)} R ${pc(v.R)} F ${pc(v.F)}  (${v.predicted} predicted, ${v.gold} gold)`);
  return lines.join('\n');
}
