// A query text's key without parsing it: the tokens in order with every string and number literal masked, and the
// literals themselves. Two texts with one key parse to the same document but for those literal values, so the runner
// can answer a text whose key it has seen through the shape it validated and compiled then, and skip building a
// syntax tree (a third of an uncached request's GraphQL time). The scanner follows the GraphQL lexer where it accepts
// a text and gives up (null: parse it) on anything it does not follow exactly — escapes, block strings, odd numbers,
// characters outside the language — so that it never accepts what graphql's parser would refuse.

import { Kind } from 'graphql';

export type LiteralKind = Kind.STRING | Kind.INT | Kind.FLOAT;

export interface TextKey {
  key: string;
  /** Literal kinds and values, in text order. */
  kinds: LiteralKind[];
  values: string[];
  /** Tokens the parser would count against its maxTokens (comments are not counted). */
  tokens: number;
}

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameContinue = (c: number): boolean => isNameStart(c) || isDigit(c);
// ! $ & ( ) : = @ [ ] { | }
const PUNCTUATORS = new Set([33, 36, 38, 40, 41, 58, 61, 64, 91, 93, 123, 124, 125]);

/** The key of a query text, or null when the scanner does not follow it (the caller parses it instead). */
export function textKey(text: string): TextKey | null {
  const parts: string[] = [];
  const kinds: LiteralKind[] = [];
  const values: string[] = [];
  let tokens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Ignored: white space, line terminators, commas, the byte order mark.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 35) {
      // A comment runs to the end of the line; a lone surrogate would be the parser's error.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        if (d >= 0xd800 && d <= 0xdfff) return null;
        i++;
      }
      continue;
    }
    tokens++;
    if (PUNCTUATORS.has(c)) {
      parts.push(text[i] as string);
      i++;
    } else if (c === 46) {
      if (text.charCodeAt(i + 1) !== 46 || text.charCodeAt(i + 2) !== 46) return null;
      parts.push('...');
      i += 3;
    } else if (isNameStart(c)) {
      const start = i;
      i++;
      while (i < n && isNameContinue(text.charCodeAt(i))) i++;
      parts.push(text.slice(start, i));
    } else if (c === 34) {
      // A plain string: no escapes, no block strings, no control characters, no surrogates.
      if (text.charCodeAt(i + 1) === 34 && text.charCodeAt(i + 2) === 34) return null;
      const start = ++i;
      for (;;) {
        if (i >= n) return null;
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92 || d === 10 || d === 13 || (d < 32 && d !== 9) || (d >= 0xd800 && d <= 0xdfff)) return null;
        i++;
      }
      kinds.push(Kind.STRING);
      values.push(text.slice(start, i));
      parts.push('"');
      i++;
    } else if (c === 45 || isDigit(c)) {
      // IntValue / FloatValue as the spec has them, and not followed by a name start or a dot.
      const start = i;
      if (c === 45) i++;
      if (text.charCodeAt(i) === 48) {
        i++;
        if (isDigit(text.charCodeAt(i))) return null;
      } else if (isDigit(text.charCodeAt(i))) {
        while (isDigit(text.charCodeAt(i))) i++;
      } else return null;
      let float = false;
      if (text.charCodeAt(i) === 46) {
        float = true;
        i++;
        if (!isDigit(text.charCodeAt(i))) return null;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 69 || e === 101) {
        float = true;
        i++;
        const sign = text.charCodeAt(i);
        if (sign === 43 || sign === 45) i++;
        if (!isDigit(text.charCodeAt(i))) return null;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      const next = text.charCodeAt(i);
      if (next === 46 || isNameStart(next)) return null;
      kinds.push(float ? Kind.FLOAT : Kind.INT);
      values.push(text.slice(start, i));
      parts.push('#');
    } else return null;
  }
  return { key: parts.join(' '), kinds, values, tokens };
}
