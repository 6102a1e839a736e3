// CoNLL-style mention scoring (PER/LOC/ORG, strict and relaxed), exactly as ../shared/eval/conll-score.mjs does.

export interface ConllGold {
  id: string;
  text: string;
  entities: { start: number; end: number; type: string }[];
}
export interface ConllPred {
  id: string;
  entities?: { type: string; mentions?: { start: number; end: number }[] }[];
}
interface Counts {
  tp: number;
  fp: number;
  fn: number;
  rtp: number;
  rfp: number;
  rfn: number;
}
export interface ConllScores {
  byType: Record<string, { strict: { P: number; R: number; F: number }; relaxed: { P: number; R: number; F: number } }>;
  missingDocs: number;
}

const MAP: Record<string, string> = { person: 'PER', country: 'LOC', place: 'LOC', organization: 'ORG' };
const TYPES = ['PER', 'LOC', 'ORG'];
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, rtp: 0, rfp: 0, rfn: 0 });

const trim = (text: string, s0: number, e0: number): [number, number] => {
  let s = s0;
  let e = e0;
  while (s < e && /[\s"'“”‘’(]/.test(text.charAt(s))) s++;
  while (e > s && /[\s"'“”‘’.,;:!?)\-—]/.test(text.charAt(e - 1))) e--;
  if (/['’]s$/i.test(text.slice(s, e))) e -= 2;
  return [s, e];
};

export function scoreConll(gold: ConllGold[], predictions: ConllPred[]): ConllScores {
  const pred = new Map(predictions.map((d) => [d.id, d]));
  const c: Record<string, Counts> = Object.fromEntries(TYPES.map((t) => [t, zero()]));
  let missingDocs = 0;
  for (const g of gold) {
    const p = pred.get(g.id);
    if (!p) missingDocs++;
    const pm: { s: number; e: number; t: string }[] = [];
    for (const ent of p?.entities ?? []) {
      const t = MAP[String(ent.type).toLowerCase()];
      if (!t) continue;
      for (const m of ent.mentions ?? []) {
        const [s, e] = trim(g.text, m.start, m.end);
        if (e > s) pm.push({ s, e, t });
      }
    }
    const seen = new Set<string>();
    const uniq = pm.filter((m) => {
      const k = `${m.s}:${m.e}:${m.t}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const misc = g.entities.filter((x) => x.type === 'MISC');
    const gm = g.entities.filter((x) => x.type !== 'MISC');
    const gk = new Set(gm.map((x) => `${x.start}:${x.end}:${x.type}`));
    const pk = new Set<string>();
    const miscOnly = (m: { s: number; e: number }): boolean => misc.some((x) => m.s < x.end && x.start < m.e) && !gm.some((x) => m.s < x.end && x.start < m.e);
    for (const m of uniq) {
      if (miscOnly(m)) continue;
      const k = `${m.s}:${m.e}:${m.t}`;
      pk.add(k);
      const counts = c[m.t] as Counts;
      if (gk.has(k)) counts.tp++;
      else counts.fp++;
    }
    for (const x of gm) if (!pk.has(`${x.start}:${x.end}:${x.type}`)) (c[x.type] as Counts).fn++;
    for (const m of uniq) {
      if (miscOnly(m)) continue;
      const counts = c[m.t] as Counts;
      if (gm.some((x) => x.type === m.t && m.s < x.end && x.start < m.e)) counts.rtp++;
      else counts.rfp++;
    }
    for (const x of gm) if (!uniq.some((m) => m.t === x.type && m.s < x.end && x.start < m.e)) (c[x.type] as Counts).rfn++;
  }
  const f = (tp: number, fp: number, fn: number) => {
    const P = tp / (tp + fp || 1);
    const R = tp / (tp + fn || 1);
    return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0 };
  };
  const byType: ConllScores['byType'] = {};
  const all = zero();
  for (const t of TYPES) {
    const k = c[t] as Counts;
    byType[t] = { strict: f(k.tp, k.fp, k.fn), relaxed: f(k.rtp, k.rfp, k.rfn) };
    for (const key of Object.keys(all) as (keyof Counts)[]) all[key] += k[key];
  }
  byType.ALL = { strict: f(all.tp, all.fp, all.fn), relaxed: f(all.rtp, all.rfp, all.rfn) };
  return { byType, missingDocs };
}

const pc = (x: number): string => (100 * x).toFixed(1).padStart(5);

export function formatConll(s: ConllScores): string {
  const lines = ['type   strict P     R     F  | relaxed P     R     F'];
  for (const t of [...TYPES, 'ALL']) {
    const v = s.byType[t];
    if (!v) continue;
    lines.push(`${t.padEnd(5)} ${pc(v.strict.P)} ${pc(v.strict.R)} ${pc(v.strict.F)}  |       ${pc(v.relaxed.P)} ${pc(v.relaxed.R)} ${pc(v.relaxed.F)}`);
  }
  if (s.missingDocs) lines.push(`documents without a prediction: ${s.missingDocs}`);
  return lines.join('\n');
}
