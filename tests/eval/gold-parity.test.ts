// src/eval/gold.ts against ../shared/eval/score-gold.mjs: same scores, same --json, same --verbose lines, on pairs
// built by hand (relation types matched by family or by stem, the prediction shapes the script accepts) and on
// every article of the dev set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainGold, type GoldFile, type GoldScores, type Prediction, readGoldFile, scoreGold } from '../../src/eval/index.js';
import { readDocumentFile } from '../../src/ingest/index.js';
import { extract } from '../../src/nlp/index.js';
import { runCli, SHARED, tempDir } from '../helpers.js';
import { relationPair } from './hand-made.js';

const SCORER = join(SHARED, 'eval', 'score-gold.mjs');
const DEV = join(SHARED, 'eval', 'dev');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

let pairs = 0;
/** Writes the pair to files and runs the shared scorer: its --json scores and its --verbose stderr. */
function sharedScore(gold: GoldFile, pred: Prediction): { json: string; scores: GoldScores; verbose: string } {
  pairs++;
  const goldPath = join(tmp.path, `pair${pairs}.gold.json`);
  const predPath = join(tmp.path, `pair${pairs}.json`);
  writeFileSync(goldPath, JSON.stringify(gold));
  writeFileSync(predPath, JSON.stringify(pred));
  const r = spawnSync(process.execPath, [SCORER, goldPath, predPath, '--json', '--verbose'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { json: r.stdout.trimEnd(), scores: JSON.parse(r.stdout) as GoldScores, verbose: r.stderr };
}

describe('relation types: LABELED needs the same family or the same stem of the first word', () => {
  // [gold type, predicted type, counted as LABELED]
  const table: [string, string, boolean][] = [
    ['fines', 'fined', true], // stem only: neither is in a family
    ['plays_for', 'played_for', true], // stem of the first word
    ['convicted', 'convicting', true],
    ['attacked', 'bombed', true], // family only
    ['president_of', 'president_of', true],
    ['fines', 'warned', false], // neither family nor stem
    ['uses', 'used', false], // same stem "us", but shorter than three letters
    ['president_of', 'member_of', false], // different families, stems "president" and "member"
  ];
  for (const [goldType, predType, labeled] of table) {
    it(`${predType} for gold ${goldType}: ${labeled ? 'labeled' : 'not labeled'}`, () => {
      const { gold, pred } = relationPair(goldType, predType);
      const ours = scoreGold(gold, pred);
      expect(ours.relations.UNLABELED.R).toBe(1);
      expect(ours.relations.LABELED.R).toBe(labeled ? 1 : 0);
      expect(ours.relations.LABELED.P).toBe(labeled ? 1 : 0);
      if (existsSync(SCORER)) expect(sharedScore(gold, pred).scores).toEqual(ours);
    });
  }
});

describe.skipIf(!existsSync(SCORER))('predictions in the other shapes score-gold.mjs reads', () => {
  const gold: GoldFile = {
    entities: [
      { name: 'Derna', type: 'place' },
      { name: 'Libya', type: 'country' },
    ],
    events: [
      { name: 'Derna flood', eventType: 'disaster', trigger: 'flood', evidence: 'The flood hit Derna on Sunday.' },
      { name: 'port strike', eventType: 'attack', trigger: 'struck', evidence: 'Jets struck the port of Derna.' },
    ],
    relations: [
      { source: 'Derna flood', target: 'Derna', type: 'located_in' },
      { source: 'Derna', target: 'Libya', type: 'located_in', optional: true },
    ],
  };
  // An event given as an entity typed "Event" with evidence as a list, an event whose trigger is a plain string,
  // entities without aliases or mentions, and no "relations" list at all.
  const pred = {
    entities: [
      { id: 'place:derna', type: 'place', name: 'Derna' },
      { id: 'event:flood', type: 'Event', name: 'the flood', evidence: [{ text: 'The flood hit Derna on Sunday.' }] },
    ],
    events: [{ id: 'event:strike', eventType: 'attack', name: 'strike', trigger: 'struck', evidence: { text: 'Jets struck the port of Derna.' } }],
  } satisfies Prediction;

  it('finds both events and scores like the shared script', () => {
    const ours = scoreGold(gold, pred);
    expect(ours.events.ALL).toMatchObject({ R: 1, P: 1, predicted: 2 });
    expect(ours.relations.UNLABELED.predicted).toBe(0);
    const shared = sharedScore(gold, pred);
    expect(JSON.stringify(ours)).toBe(shared.json);
    expect(explainGold(gold, pred).join('\n') + '\n').toBe(shared.verbose);
  });

  it('maps relation endpoints through event-typed entities', () => {
    const withRelation = { ...pred, relations: [{ type: 'located_in', source: 'event:flood', target: 'place:derna', evidence: [] }] };
    const ours = scoreGold(gold, withRelation);
    expect(ours.relations.LABELED).toMatchObject({ P: 1, R: 1 });
    expect(JSON.stringify(ours)).toBe(sharedScore(gold, withRelation).json);
  });
});

describe.skipIf(!existsSync(SCORER) || !existsSync(DEV))('every dev article, extracted by this project', () => {
  const ids = existsSync(DEV)
    ? readdirSync(DEV)
        .filter((f) => f.endsWith('.gold.json'))
        .map((f) => f.slice(0, -'.gold.json'.length))
    : [];
  const extractionOf = (id: string) => {
    const doc = readDocumentFile(join(DEV, `${id}.txt`))[0];
    if (!doc) throw new Error(`no document in ${id}.txt`);
    return extract(doc);
  };

  it('has articles to score', () => {
    expect(ids.length).toBeGreaterThan(0);
  });
  it.each(ids)('%s: the same --json and the same --verbose lines as score-gold.mjs', (id) => {
    const gold = readGoldFile(join(DEV, `${id}.gold.json`));
    const pred = extractionOf(id);
    const shared = sharedScore(gold, pred);
    expect(JSON.stringify(scoreGold(gold, pred))).toBe(shared.json);
    expect(explainGold(gold, pred).join('\n') + '\n').toBe(shared.verbose);
  });

  it('newsgraph eval GOLD --pred --verbose prints what the shared scorer prints, on stdout and on stderr', () => {
    const id = ids[0] ?? '01';
    const goldPath = join(DEV, `${id}.gold.json`);
    const predPath = join(tmp.path, `${id}.json`);
    writeFileSync(predPath, JSON.stringify(extractionOf(id)));
    const shared = spawnSync(process.execPath, [SCORER, goldPath, predPath, '--verbose'], { encoding: 'utf8' });
    const ours = runCli(['eval', goldPath, '--pred', predPath, '--verbose']);
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(shared.stdout);
    expect(ours.stderr).toBe(shared.stderr);
    expect(ours.stderr).toContain('missed relations (gold source -type-> target | evidence):');
    const json = runCli(['eval', goldPath, '--pred', predPath, '--json']);
    expect(json.stdout).toBe(spawnSync(process.execPath, [SCORER, goldPath, predPath, '--json'], { encoding: 'utf8' }).stdout);
  });
});
