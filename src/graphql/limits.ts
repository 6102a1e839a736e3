// Hard caps on list sizes, traversal depth and query shape, checked before any work; violations are client errors.
import { InvalidInputError } from '../errors.js';

export const LIMITS = {
  first: 100,
  hops: 3,
  maxHops: 6,
  pathsMaxHops: 4,
  paths: 20,
  neighborhoodLimit: 500,
  /** Query shape, checked at validation: depth of selections, aliases, directives, lexer tokens. */
  depth: 12,
  aliases: 20,
  directives: 10,
  tokens: 3000,
  /** Estimated cost: each list field multiplies its children by its `first`/`limit`. */
  cost: 20_000,
  /** Per-request time budget for resolvers that walk the graph. */
  budgetMs: 2_000,
} as const;

export function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`"${name}" must be an integer from ${min} to ${max}; got ${value}.`);
  }
  return value;
}
