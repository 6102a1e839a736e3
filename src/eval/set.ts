// Scores a folder of articles against their gold files, exactly as ../shared/eval/score-set.mjs does: one line per
// article and micro-averaged totals (true positives added up over articles).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { readGoldFile } from './files.js';
import type { GoldFile, GoldScores, Prf } from './gold.js';

/** The totals score-set.mjs reports, in its order, each with where to find it in one article's scores. */
const SET_KEYS = [
  ['entities.person', (s) => s.entities.person],
  ['entities.country', (s) => s.entities.country],
  ['entities.organization', (s) => s.entities.organization],
  ['entities.place', (s) => s.entities.place],
  ['entities.program', (s) => s.entities.program],
  ['entities.ALL', (s) => s.entities.ALL],
  ['entities.UNTYPED', (s) => s.entities.UNTYPED],
  ['events.ALL', (s) => s.events.ALL],
  ['relations.UNLABELED', (s) => s.relations.UNLABELED],
  ['relations.LABELED', (s) => s.relations.LABELED],
] as const satisfies readonly (readonly [string, (s: GoldScores) => Prf])[];
export type SetKey = (typeof SET_KEYS)[number][0];

/** Scores for a folder, in the shape (and key order) `score-set.mjs --json` prints. */
export interface SetScores {
  articles: number;
  total: Record<SetKey, Prf> & { fragmentation: number };
  perArticle: Record<string, GoldScores>;
}

export interface ArticleScores {
  id: string;
  scores: GoldScores;
}

/** Micro-averaged totals: true positives recovered per article as P × predicted and R × gold, then added up. */
export function scoreSet(rows: readonly ArticleScores[]): SetScores {
  const sum = (get: (s: GoldScores) => Prf): Prf => {
    let tpP = 0;
    let nP = 0;
    let tpR = 0;
    let nR = 0;
    for (const { scores } of rows) {
      const v = get(scores);
      tpP += v.P * v.predicted;
      nP += v.predicted;
      tpR += v.R * v.gold;
      nR += v.gold;
    }
    const P = nP ? tpP / nP : 0;
    const R = nR ? tpR / nR : 0;
    return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0, predicted: Math.round(nP), gold: Math.round(nR) };
  };
  const total = {
    ...(Object.fromEntries(SET_KEYS.map(([key, get]) => [key, sum(get)])) as Record<SetKey, Prf>),
    // Fragmentation is averaged over articles (macro), as score-set.mjs does.
    fragmentation: rows.reduce((a, { scores }) => a + scores.entities.fragmentation, 0) / Math.max(1, rows.length),
  };
  return { articles: rows.length, total, perArticle: Object.fromEntries(rows.map(({ id, scores }) => [id, scores])) };
}

const pc = (x: number): string => (100 * x).toFixed(1).padStart(5);

/** The same table score-set.mjs prints. */
export function formatSet(s: SetScores): string {
  const lines = ['article  entity F  relations U/L F    events F'];
  // Sorted again: an object puts integer-like ids ("10") before the others ("01"), but the table follows the files.
  for (const id of Object.keys(s.perArticle).sort()) {
    const r = s.perArticle[id] as GoldScores;
    lines.push(`${id.padEnd(8)} ${pc(r.entities.ALL.F)}     ${pc(r.relations.UNLABELED.F)} /${pc(r.relations.LABELED.F)}    ${pc(r.events.ALL.F)}`);
  }
  lines.push('', `TOTAL over ${s.articles} articles (micro)`);
  for (const [key] of SET_KEYS) {
    const v = s.total[key];
    lines.push(`${key.padEnd(22)} P ${pc(v.P)} R ${pc(v.R)} F ${pc(v.F)}  (${v.predicted} predicted, ${v.gold} gold)`);
  }
  lines.push(`fragmentation          ${s.total.fragmentation.toFixed(2)}`);
  return lines.join('\n');
}

const GOLD_SUFFIX = '.gold.json';

/** One article of a gold folder: `NN.gold.json`, and `NN.txt` beside it (which may be absent). */
export interface GoldArticle {
  id: string;
  goldPath: string;
  textPath: string;
  gold: GoldFile;
}

/**
 * Every `NN.gold.json` in DIR, read and checked, sorted by NN as score-set.mjs sorts them. With `requireText`, each
 * must have its article `NN.txt` beside it (to be extracted now rather than read from saved predictions).
 */
export function readGoldSet(dir: string, options: { requireText?: boolean } = {}): GoldArticle[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new NotFoundError(`eval.readGoldSet: ${dir} is not a folder. Give a folder of NN.gold.json files.`);
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith(GOLD_SUFFIX))
    .map((f) => f.slice(0, -GOLD_SUFFIX.length))
    .sort();
  if (ids.length === 0)
    throw new InvalidInputError(
      `eval.readGoldSet: ${dir} holds no gold files (NN.gold.json). Give a folder such as ../shared/eval/dev, or one gold file as GOLD.json.`,
    );
  const articles = ids.map((id) => ({ id, goldPath: join(dir, `${id}${GOLD_SUFFIX}`), textPath: join(dir, `${id}.txt`) }));
  const orphan = options.requireText ? articles.find((a) => !existsSync(a.textPath)) : undefined;
  if (orphan)
    throw new NotFoundError(
      `eval.readGoldSet: ${orphan.goldPath} has no article ${orphan.textPath} beside it. Put the article there, or score saved predictions with --pred PRED_DIR.`,
    );
  return articles.map((a) => ({ ...a, gold: readGoldFile(a.goldPath) }));
}
