// Extraction quality on the seed article, measured by the shared scorer against the hand-made gold.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/nlp/index.js';
import { SEED_TEXT, SHARED, tempDir } from '../helpers.js';

const GOLD = join(SHARED, 'eval', 'seed.gold.json');
const SCORER = join(SHARED, 'eval', 'score-gold.mjs');
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

  it('finds typed entities with F1 of at least 0.70 (raw compromise: 0.33)', () => {
    expect(scores.entities.ALL?.F).toBeGreaterThanOrEqual(0.7);
  });

  it('keeps one node per real-world thing (fragmentation at most 1.2)', () => {
    expect(scores.entities.fragmentation).toBeLessThanOrEqual(1.2);
  });

  it('states relations precisely (labeled precision at least 0.6)', () => {
    expect(scores.relations.LABELED?.P).toBeGreaterThanOrEqual(0.6);
  });
});
