// Extraction quality, measured by the shared scorers against the hand-made gold (the seed article and the
// twelve-article development set) and the CoNLL-2003 dev split, and `newsgraph eval` checked against those scorers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocumentFile } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { runCli, SEED_TEXT, SHARED, tempDir } from '../helpers.js';

const GOLD = join(SHARED, 'eval', 'seed.gold.json');
const SCORER = join(SHARED, 'eval', 'score-gold.mjs');
const CONLL = join(SHARED, 'eval', 'conll2003-dev.jsonl');
const CONLL_SCORER = join(SHARED, 'eval', 'conll-score.mjs');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Prf {
  P: number;
  R: number;
  F: number;
}
interface Scores {
  entities: Record<string, Prf> & { fragmentation: number };
  events: Record<string, Prf>;
  relations: Record<string, Prf>;
}

describe.skipIf(!existsSync(SCORER))('seed article against ../shared/eval/seed.gold.json', () => {
  const pred = join(tmp.path, 'seed.json');
  writeFileSync(pred, JSON.stringify(extract({ id: 'seed', title: null, publishedAt: null, text: SEED_TEXT })));
  const scores = JSON.parse(execFileSync(process.execPath, [SCORER, GOLD, pred, '--json'], { encoding: 'utf8' })) as Scores;

  it('finds typed entities with F1 of at least 0.95 (raw compromise: 0.33)', () => {
    expect(scores.entities.ALL?.F).toBeGreaterThanOrEqual(0.95);
  });
  it('keeps one node per real-world thing (fragmentation at most 1.10)', () => {
    expect(scores.entities.fragmentation).toBeLessThanOrEqual(1.1);
  });
  it('finds relations: unlabeled F1 at least 0.70, labeled at least 0.40', () => {
    expect(scores.relations.UNLABELED?.F).toBeGreaterThanOrEqual(0.7);
    expect(scores.relations.LABELED?.F).toBeGreaterThanOrEqual(0.4);
  });
  // The seed's gold codes a statement event for few of its many "said"s; the development set codes nearly every
  // one (dev/README.md). Events are tuned to the dev set (see below), so the seed's event precision is lower.
  it('finds events with F1 of at least 0.40 and recall of at least 0.65', () => {
    expect(scores.events.ALL?.F).toBeGreaterThanOrEqual(0.4);
    expect(scores.events.ALL?.R).toBeGreaterThanOrEqual(0.65);
  });
  it('newsgraph eval prints exactly what the shared scorer prints', () => {
    const shared = execFileSync(process.execPath, [SCORER, GOLD, pred], { encoding: 'utf8' });
    const ours = runCli(['eval', GOLD, '--pred', pred]);
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(shared);
  });
});

describe.skipIf(!existsSync(CONLL_SCORER))('CoNLL-2003 dev split', () => {
  it('reaches strict mention F1 of at least 0.83 (raw compromise: 0.54), as both scorers agree', () => {
    const r = runCli(['extract', '--jsonl', CONLL]);
    expect(r.status).toBe(0);
    const pred = join(tmp.path, 'conll.jsonl');
    writeFileSync(pred, r.stdout);
    const shared = JSON.parse(execFileSync(process.execPath, [CONLL_SCORER, CONLL, pred, '--json'], { encoding: 'utf8' })) as Record<string, { strict: Prf }>;
    expect(shared.ALL?.strict.F).toBeGreaterThanOrEqual(0.83);
    const ours = JSON.parse(runCli(['eval', CONLL, '--pred', pred, '--json']).stdout) as { byType: Record<string, { strict: Prf }> };
    expect(ours.byType.ALL?.strict).toEqual(shared.ALL?.strict);
  });
});

const DEV = join(SHARED, 'eval', 'dev');
const SET_SCORER = join(SHARED, 'eval', 'score-set.mjs');

// The development set: twelve articles from twelve domains the rules were not written for (issue 10's targets).
describe.skipIf(!existsSync(SET_SCORER))('development set against ../shared/eval/dev (micro totals of score-set.mjs)', () => {
  const predDir = join(tmp.path, 'dev-pred');
  mkdirSync(predDir, { recursive: true });
  for (const file of readdirSync(DEV).filter((f) => f.endsWith('.txt'))) {
    const doc = readDocumentFile(join(DEV, file))[0];
    if (doc) writeFileSync(join(predDir, file.replace(/\.txt$/, '.json')), JSON.stringify(extract(doc)));
  }
  const total = (JSON.parse(execFileSync(process.execPath, [SET_SCORER, DEV, predDir, '--json'], { encoding: 'utf8' })) as { total: Record<string, Prf> })
    .total;

  it('finds typed entities with F1 of at least 0.85', () => {
    expect(total['entities.ALL']?.F).toBeGreaterThanOrEqual(0.85);
  });
  it('finds stated relations: unlabeled F1 at least 0.55 with precision at least 0.60, labeled F1 at least 0.35', () => {
    expect(total['relations.UNLABELED']?.F).toBeGreaterThanOrEqual(0.55);
    expect(total['relations.UNLABELED']?.P).toBeGreaterThanOrEqual(0.6);
    expect(total['relations.LABELED']?.F).toBeGreaterThanOrEqual(0.35);
  });
  it('finds events with F1 of at least 0.50', () => {
    expect(total['events.ALL']?.F).toBeGreaterThanOrEqual(0.5);
  });
});
