// Table-driven tests of the clause layer: every verb, noun, action-noun, compound and construction rule fires on its
// own examples with its reason and wording, and stays silent on its near misses; then the constructions themselves.
import { describe, expect, it } from 'vitest';
import {
  CLAUSE_RULES,
  COMPOUND_RULES,
  type Extraction,
  type ExtractedRelation,
  extract,
  NOMINAL_RULES,
  NOUN_RULES,
  PREDICATE_RULES,
  RELATION_RULES,
  VERB_RULES,
} from '../../src/nlp/index.js';
import { CLAUSE_EXAMPLES } from './clause-examples.js';
import type { RuleExamples } from './rule-examples.js';

const run = (text: string): Extraction => extract({ id: 'test', title: null, publishedAt: null, text });
const examples = (reason: string): RuleExamples => CLAUSE_EXAMPLES[reason] ?? { fires: [], mustNotFire: [] };

/** Entity ids named by a name or an alias ("Turkey" for Türkiye, "Britain" for the United Kingdom). */
const idsOf = (x: Extraction, name: string): string[] => x.entities.filter((e) => e.name === name || e.aliases.includes(name)).map((e) => e.id);

/** The relation "Source|type|Target", by entity name or alias. */
function relation(x: Extraction, triple: string): ExtractedRelation | undefined {
  const [s = '', type, t = ''] = triple.split('|');
  return x.relations.find((r) => r.type === type && idsOf(x, s).includes(r.source) && idsOf(x, t).includes(r.target));
}

const nameOf = (x: Extraction, id: string): string => x.entities.find((e) => e.id === id)?.name ?? id;
const listed = (x: Extraction): string =>
  `relations: ${x.relations.map((r) => `${nameOf(x, r.source)}|${r.type}|${nameOf(x, r.target)} [${r.rule}]`).join('; ') || 'none'}; entities: ${x.entities
    .map((e) => `${e.type}:${e.name}`)
    .join(', ')}`;

const GROUPS: [string, string[]][] = [
  ['verb rules (VERB_RULES)', VERB_RULES.map((r) => r.reason)],
  ['relational nouns (NOUN_RULES)', NOUN_RULES.map((r) => r.reason)],
  ['action nouns (NOMINAL_RULES)', NOMINAL_RULES.map((r) => r.reason)],
  ['hyphen compounds (COMPOUND_RULES)', COMPOUND_RULES.map((r) => r.reason)],
  ['constructions (CLAUSE_RULES)', CLAUSE_RULES.map((r) => r.reason)],
];

describe('clause-layer examples name registered rules', () => {
  it('has no example table for a reason nobody registered', () => {
    const known = new Set([...GROUPS.flatMap(([, reasons]) => reasons), ...PREDICATE_RULES.map((r) => r.reason), ...RELATION_RULES.map((r) => r.reason)]);
    expect(Object.keys(CLAUSE_EXAMPLES).filter((reason) => !known.has(reason))).toEqual([]);
  });
});

for (const [group, reasons] of GROUPS) {
  describe(`${group}, from their own examples`, () => {
    for (const reason of reasons) {
      describe(reason, () => {
        const ex = examples(reason);
        // A rule no plain sentence fires on yet keeps those sentences as todo, so the gap shows in every run.
        it('has examples that must fire (or are still to fire) and must not', () => {
          expect(ex.fires.length + (ex.todo?.length ?? 0)).toBeGreaterThan(0);
          expect(ex.mustNotFire.length).toBeGreaterThan(0);
        });
        it.each(ex.fires)('fires on: %s', (text, triple) => {
          const x = run(text);
          const r = relation(x, triple);
          expect(r, listed(x)).toBeDefined();
          if (!r) return;
          expect(r.rule).toBe(reason);
          expect(r.modality).toBeUndefined();
          const evidence = r.evidence[0];
          expect(evidence?.text).toBe(text.slice(evidence?.start, evidence?.end));
          // The wording as written: words of the sentence, not a label.
          expect(r.predicate?.trim()).toBeTruthy();
          expect(evidence?.text).toContain(r.predicate);
        });
        it.each(ex.mustNotFire)('does not fire on: %s', (text) => {
          const x = run(text);
          expect(x.relations.filter((r) => r.rule === reason).map((r) => r.id)).toEqual([]);
        });
        for (const [text, expected] of ex.todo ?? []) it.todo(`should fire on: ${text} (${expected})`);
        for (const text of ex.todoMustNotFire ?? []) it.todo(`should not fire on: ${text}`);
      });
    }
  });
}
