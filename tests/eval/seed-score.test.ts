// Extraction quality, measured by the shared scorers against the hand-made gold and the CoNLL-2003 dev split,
// and `newsgraph eval` checked against those scorers (same input, same numbers).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('finds typed entities with F1 of at least 0.90 (raw compromise: 0.33)', () => {
    expect(scores.entities.ALL?.F).toBeGreaterThanOrEqual(0.9);
  });
  it('keeps one node per real-world thing (fragmentation at most 1.10)', () => {
    expect(scores.entities.fragmentation).toBeLessThanOrEqual(1.1);
  });
  it('finds relations: unlabeled F1 at least 0.55, labeled at least 0.40', () => {
    expect(scores.relations.UNLABELED?.F).toBeGreaterThanOrEqual(0.55);
    expect(scores.relations.LABELED?.F).toBeGreaterThanOrEqual(0.4);
  });
  it('finds events with F1 of at least 0.50', () => {
    expect(scores.events.ALL?.F).toBeGreaterThanOrEqual(0.5);
  });
  it('newsgraph eval prints exactly what the shared scorer prints', () => {
    const shared = execFileSync(process.execPath, [SCORER, GOLD, pred], { encoding: 'utf8' });
    const ours = runCli(['eval', GOLD, '--pred', pred]);
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(shared);
  });
});

describe.skipIf(!existsSync(CONLL_SCORER))('CoNLL-2003 dev split', () => {
  it('reaches strict mention F1 of at least 0.75 (raw compromise: 0.54), as both scorers agree', () => {
    const r = runCli(['extract', '--jsonl', CONLL]);
    expect(r.status).toBe(0);
    const pred = join(tmp.path, 'conll.jsonl');
    writeFileSync(pred, r.stdout);
    const shared = JSON.parse(execFileSync(process.execPath, [CONLL_SCORER, CONLL, pred, '--json'], { encoding: 'utf8' })) as Record<string, { strict: Prf }>;
    expect(shared.ALL?.strict.F).toBeGreaterThanOrEqual(0.75);
    const ours = JSON.parse(runCli(['eval', CONLL, '--pred', pred, '--json']).stdout) as { byType: Record<string, { strict: Prf }> };
    expect(ours.byType.ALL?.strict).toEqual(shared.ALL?.strict);
  });
});
