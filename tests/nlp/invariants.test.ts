// Invariants of the extraction contract: offsets slice back to their text, ids have their shape, output is deterministic.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { extract, type Extraction } from '../../src/nlp/index.js';
import { SEED_TEXT } from '../helpers.js';

function assertSlices(text: string, x: Extraction): void {
  for (const e of x.entities) {
    expect(e.id).toMatch(/^(person|country|organization|place|program|event):[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const m of e.mentions) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(m.text).not.toMatch(/['’]s$/);
      expect(m.text).not.toMatch(/^\s|\s$/);
    }
  }
  for (const r of [...x.relations, ...x.cooccurrences]) {
    for (const ev of r.evidence) expect(text.slice(ev.start, ev.end)).toBe(ev.text);
  }
  for (const ev of x.events) {
    expect(text.slice(ev.trigger.start, ev.trigger.end)).toBe(ev.trigger.text);
    expect(text.slice(ev.evidence.start, ev.evidence.end)).toBe(ev.evidence.text);
  }
  for (const s of x.sentences) expect(s.end).toBeGreaterThanOrEqual(s.start);
}

const FRAGMENTS = [
  'Iran',
  "Iran's",
  'Iran’s',
  'Tehran',
  'US',
  'U.S.',
  'President',
  'Foreign Minister',
  'Abbas Araghchi',
  'Araghchi',
  'said',
  'told',
  'Reuters',
  'on Monday',
  'in Geneva',
  '(IRGC)',
  'Islamic Revolutionary Guard Corps',
  'the',
  'and',
  ',',
  '.',
  '“',
  '”',
  '"',
  '—',
  'Mar-a-Lago',
  'al-Assad',
  '\n',
  '  ',
  '😀',
  'Zürich',
  'Ελλάδα',
  '東京',
  '\t',
  "'s",
  '-',
  'Plan of Action',
  'administration',
];

describe('offsets', () => {
  it('slice back to their text on the seed article', () => {
    assertSlices(SEED_TEXT, extract({ id: 'seed', title: null, publishedAt: null, text: SEED_TEXT }));
  });

  test.prop([fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(' '))], { numRuns: 150 })(
    'slice back to their text on generated news-like text',
    (text) => {
      assertSlices(text, extract({ id: 'gen', title: null, publishedAt: null, text }));
    },
  );

  test.prop([fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 })], { numRuns: 100 })('slice back on arbitrary unicode', (text) => {
    assertSlices(text, extract({ id: 'gen', title: null, publishedAt: null, text }));
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same text', () => {
    const a = JSON.stringify(extract({ id: 'seed', title: 't', publishedAt: null, text: SEED_TEXT }));
    const b = JSON.stringify(extract({ id: 'seed', title: 't', publishedAt: null, text: SEED_TEXT }));
    expect(a).toBe(b);
  });
});
