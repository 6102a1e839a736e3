// Hard caps on list sizes and traversal depth, checked before any work; violations are BAD_USER_INPUT.
import { InvalidInputError } from '../errors.js';

export const LIMITS = {
  first: 100,
  hops: 3,
  maxHops: 6,
  neighborhoodLimit: 500,
} as const;

export function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`"${name}" must be an integer from ${min} to ${max}; got ${value}.`);
  }
  return value;
}
