// The text key lets the runner skip parsing a text whose shape it knows, so it must agree with graphql's own lexer
// wherever it answers: the same literals in the same order, the same token count, and no answer for what it does not follow.
import { Kind, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { textKey } from '../../src/graphql/textkey.js';

const TEXTS = [
  '{ entity(name: "Iran") { id name relations(first: 3) { totalCount } } }',
  'query Q($n: Int = 4) { search(text: "café, ünïcode", first: $n) @include(if: true) { ...F } } fragment F on Entity { id }',
  '{ relations(filter: { type: "located_in", minConfidence: 0.75 }, first: 100) { type } }',
  '{ a: neighborhood(id: "x", hops: -1, limit: 1e3) { nodes { id } } b: stats { entities } }',
  '\ufeff{ entities(first: 2, filter: { type: COUNTRY }, orderBy: { field: MENTIONS, direction: DESC }) { edges { node { id } } } } # a comment, "quoted" 12',
  '{ x(list: [1, 2.5, "three", [4]], obj: { a: null, b: false }) }',
];

/** The string, int and float literals of a parsed document, in text order. */
function literalsOf(text: string): [string, string][] {
  const out: { start: number; kind: string; value: string }[] = [];
  visit(parse(text), {
    enter(node) {
      if (node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT) {
        out.push({ start: node.loc?.start ?? 0, kind: node.kind, value: node.value });
      }
    },
  });
  return out.sort((a, b) => a.start - b.start).map((l) => [l.kind, l.value]);
}

describe('textKey', () => {
  it.each(TEXTS)('finds the literals graphql finds, and counts tokens as its parser does: %s', (text) => {
    const key = textKey(text);
    expect(key).not.toBeNull();
    if (!key) return;
    expect(key.kinds.map((k, i) => [k, key.values[i]])).toEqual(literalsOf(text));
    expect(() => parse(text, { maxTokens: key.tokens })).not.toThrow();
    expect(() => parse(text, { maxTokens: key.tokens - 1 })).toThrow(/tokens/);
  });

  it('gives texts that differ only in string and number literals one key, and others another', () => {
    const a = textKey('{ entity(name: "Iran") { relations(first: 3) { totalCount } } }');
    const b = textKey('{entity(name:"Israel"),{relations(first:12){totalCount}}} # other');
    const c = textKey('{ entity(name: "Iran") { relations(last: 3) { totalCount } } }');
    const d = textKey('{ entities(filter: { type: COUNTRY }) { totalCount } }');
    const e = textKey('{ entities(filter: { type: PERSON }) { totalCount } }');
    expect(a?.key).toBe(b?.key);
    expect(a?.key).not.toBe(c?.key);
    expect(d?.key).not.toBe(e?.key);
    expect(b?.values).toEqual(['Israel', '12']);
  });

  it.each([
    ['an escape', '{ a(s: "x\\"y") }'],
    ['a block string', '{ a(s: """x""") }'],
    ['a line break in a string', '{ a(s: "x\ny") }'],
    ['an unterminated string', '{ a(s: "x'],
    ['a control character', '{ a(s: "x\u0001") }'],
    ['a lone surrogate', '{ a(s: "\ud800") }'],
    ['a lone surrogate in a comment', '{ a } # \udc00'],
    ['a leading zero', '{ a(n: 01) }'],
    ['a dot without digits', '{ a(n: 1.) }'],
    ['an exponent without digits', '{ a(n: 1e) }'],
    ['a name right after a number', '{ a(n: 1x) }'],
    ['a lone minus', '{ a(n: -) }'],
    ['a single dot', '{ a(n: .5) }'],
    ['a character outside the language', '{ a(n: 1) } ?'],
  ])('gives up on %s (the parser decides)', (_name, text) => {
    expect(textKey(text)).toBeNull();
  });
});
