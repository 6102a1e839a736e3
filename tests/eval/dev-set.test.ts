// `newsgraph eval GOLD_DIR` against ../shared/eval/score-set.mjs: the same table and JSON on the dev set and on a
// hand-made set, extraction now or saved predictions, and one-line errors that name the bad file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, type KgError, NotFoundError } from '../../src/errors.js';
import { readGoldFile, readGoldSet, readPrediction, type SetScores, scoreGold, scoreSet } from '../../src/eval/index.js';
import { readDocumentFile } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { runCli, SHARED, tempDir } from '../helpers.js';
import { relationPair } from './hand-made.js';

const SET_SCORER = join(SHARED, 'eval', 'score-set.mjs');
const DEV = join(SHARED, 'eval', 'dev');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function scoreSetShared(goldDir: string, predDir: string, json: boolean): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SET_SCORER, goldDir, predDir, ...(json ? ['--json'] : [])], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the test's temp dir, holding the given files. */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function thrown(fn: () => unknown): KgError {
  try {
    fn();
  } catch (error) {
    return error as KgError;
  }
  throw new Error('expected an error');
}

describe.skipIf(!existsSync(SET_SCORER) || !existsSync(DEV))('the dev set, extracted by this project', () => {
  const ids = existsSync(DEV)
    ? readdirSync(DEV)
        .filter((f) => f.endsWith('.gold.json'))
        .map((f) => f.slice(0, -'.gold.json'.length))
    : [];
  const pred = join(tmp.path, 'dev-pred');
  beforeAll(() => {
    mkdirSync(pred);
    // The reader and extract the CLI uses, as `newsgraph extract NN.txt > NN.json` would.
    for (const id of ids) {
      const doc = readDocumentFile(join(DEV, `${id}.txt`))[0];
      if (!doc) throw new Error(`no document in ${id}.txt`);
      writeFileSync(join(pred, `${id}.json`), JSON.stringify(extract(doc)));
    }
  });

  it('--pred --json prints the JSON score-set.mjs prints, number for number', () => {
    const shared = scoreSetShared(DEV, pred, true);
    const ours = runCli(['eval', DEV, '--pred', pred, '--json']);
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(shared.stdout);
    const set = JSON.parse(ours.stdout) as SetScores;
    expect(set.articles).toBe(ids.length);
    expect(Object.keys(set.perArticle).sort()).toEqual([...ids].sort());
  });

  it('--pred prints the table score-set.mjs prints', () => {
    const shared = scoreSetShared(DEV, pred, false);
    const ours = runCli(['eval', DEV, '--pred', pred]);
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(shared.stdout);
    expect(ours.stdout).toContain(`TOTAL over ${ids.length} articles (micro)`);
    // One line per article, in file order.
    const rows = ours.stdout.split('\n').slice(1, ids.length + 1);
    expect(rows.map((l) => l.split(' ')[0])).toEqual([...ids].sort());
  });

  it('totals are micro averages: counts and true positives added up over articles', () => {
    const rows = ids.map((id) => ({ id, scores: scoreGold(readGoldFile(join(DEV, `${id}.gold.json`)), readPrediction(join(pred, `${id}.json`))) }));
    const { total } = scoreSet(rows);
    const labeled = rows.map((r) => r.scores.relations.LABELED);
    const gold = labeled.reduce((a, v) => a + v.gold, 0);
    const found = labeled.reduce((a, v) => a + v.R * v.gold, 0);
    expect(gold).toBeGreaterThan(0);
    expect(total['relations.LABELED'].gold).toBe(gold);
    expect(total['relations.LABELED'].predicted).toBe(labeled.reduce((a, v) => a + v.predicted, 0));
    expect(total['relations.LABELED'].R).toBeCloseTo(found / gold, 12);
  });

  it('without --pred, extracts each NN.txt and reports what --pred reports on those extractions', () => {
    const now = runCli(['eval', DEV, '--json']);
    expect(now.status).toBe(0);
    expect(now.stdout).toBe(runCli(['eval', DEV, '--pred', pred, '--json']).stdout);
  });

  it('--verbose writes, for each article, its gold file and the shared scorer’s lists', () => {
    const r = runCli(['eval', DEV, '--pred', pred, '--verbose']);
    expect(r.status).toBe(0);
    for (const id of ids) expect(r.stderr).toContain(`${join(DEV, `${id}.gold.json`)}:\nmissed entities: `);
    expect(r.stderr.match(/^predicted relations with no gold pair/gm)).toHaveLength(ids.length);
  });
});

describe.skipIf(!existsSync(SET_SCORER))('a hand-made set: one relation typed by stem, one by neither family nor stem', () => {
  const stemOnly = relationPair('fines', 'fined');
  const neither = relationPair('fines', 'warned');
  const gold = folder('hand-gold', { '01.gold.json': JSON.stringify(stemOnly.gold), '02.gold.json': JSON.stringify(neither.gold) });

  it('counts the stem match as LABELED and the other not, as score-set.mjs does', () => {
    const pred = folder('hand-pred', { '01.json': JSON.stringify(stemOnly.pred), '02.json': JSON.stringify(neither.pred) });
    const ours = runCli(['eval', gold, '--pred', pred, '--json']);
    expect(ours.status).toBe(0);
    const set = JSON.parse(ours.stdout) as SetScores;
    expect(set.perArticle['01']?.relations.LABELED.R).toBe(1);
    expect(set.perArticle['02']?.relations.LABELED.R).toBe(0);
    expect(set.perArticle['02']?.relations.UNLABELED.R).toBe(1);
    expect(set.total['relations.LABELED']).toMatchObject({ R: 0.5, gold: 2, predicted: 2 });
    expect(ours.stdout).toBe(scoreSetShared(gold, pred, true).stdout);
    expect(runCli(['eval', gold, '--pred', pred]).stdout).toBe(scoreSetShared(gold, pred, false).stdout);
  });

  it('counts a missing prediction as empty, with the line score-set.mjs writes on stderr', () => {
    const pred = folder('hand-pred-partial', { '01.json': JSON.stringify(stemOnly.pred) });
    // Ours first: score-set.mjs writes the empty prediction into the folder.
    const ours = runCli(['eval', gold, '--pred', pred, '--json']);
    expect(ours.status).toBe(0);
    expect(ours.stderr).toBe(`missing prediction ${join(pred, '02.json')}: counted as empty\n`);
    const shared = scoreSetShared(gold, pred, true);
    expect(ours.stderr).toBe(shared.stderr);
    expect(ours.stdout).toBe(shared.stdout);
    expect((JSON.parse(ours.stdout) as SetScores).perArticle['02']?.relations.UNLABELED).toMatchObject({ predicted: 0, gold: 1, R: 0 });
  });
});

describe('errors name the bad folder or file', () => {
  const goodGold = JSON.stringify(relationPair('fines', 'fined').gold);

  it('a folder without gold files', () => {
    const empty = folder('empty', { 'notes.txt': 'no gold here' });
    const error = thrown(() => readGoldSet(empty));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe('BAD_INPUT');
    const r = runCli(['eval', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`newsgraph: ${error.message}\n`);
    expect(r.stderr).toContain(`${empty} holds no gold files (NN.gold.json)`);
  });

  it('a gold file that is not valid JSON, or not a gold file', () => {
    const dir = folder('bad-gold', { '01.gold.json': goodGold, '02.gold.json': '{"entities": [', '02.txt': 'Acme fined Ana Ruiz.' });
    const bad = join(dir, '02.gold.json');
    expect(thrown(() => readGoldSet(dir))).toBeInstanceOf(InvalidInputError);
    const r = runCli(['eval', dir, '--pred', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`gold file ${bad} is not valid JSON`);
    const notGold = folder('not-gold', { '01.gold.json': '{"entities": {}, "relations": []}' });
    const error = thrown(() => readGoldFile(join(notGold, '01.gold.json')));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain(`${join(notGold, '01.gold.json')} is not a gold file`);
  });

  it('a prediction that is not valid JSON, or not an extraction', () => {
    const gold = folder('gold-for-bad-pred', { '01.gold.json': goodGold });
    const pred = folder('bad-pred', { '01.json': 'not json' });
    expect(thrown(() => readPrediction(join(pred, '01.json')))).toBeInstanceOf(InvalidInputError);
    const r = runCli(['eval', gold, '--pred', pred]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`prediction ${join(pred, '01.json')} is not valid JSON`);
    writeFileSync(join(pred, '01.json'), '[]');
    const list = runCli(['eval', gold, '--pred', pred]);
    expect(list.status).toBe(2);
    expect(list.stderr).toContain(`prediction ${join(pred, '01.json')} is not an extraction (it is not a JSON object)`);
  });

  it('a gold file without its article, when extracting now', () => {
    const dir = folder('no-text', { '01.gold.json': goodGold });
    const error = thrown(() => readGoldSet(dir, { requireText: true }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('NOT_FOUND');
    expect(readGoldSet(dir)).toHaveLength(1);
    const r = runCli(['eval', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`has no article ${join(dir, '01.txt')} beside it`);
    expect(r.stderr).toContain('--pred PRED_DIR');
  });

  it('--pred that is not a folder, and --text with a folder', () => {
    const dir = folder('gold-only', { '01.gold.json': goodGold, '01.txt': 'Acme fined Ana Ruiz.' });
    const missing = join(tmp.path, 'no-such-pred');
    const r = runCli(['eval', dir, '--pred', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--pred ${missing} is not a folder`);
    const t = runCli(['eval', dir, '--text', join(dir, '01.txt')]);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain('Drop --text');
  });
});
