// Keyset paging: opaque cursors over listings sorted by a key, so that inserts between pages never repeat or skip an item.
import { InvalidInputError } from '../errors.js';

export type SortKey = (string | number)[];

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  totalCount: () => number;
}

const encodeCursor = (order: string, key: SortKey): string => Buffer.from(JSON.stringify({ o: order, k: key }), 'utf8').toString('base64url');

/** Decodes an opaque cursor for this ordering; anything else is a BAD_USER_INPUT error. */
export function decodeCursor(cursor: string, order: string): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const v = value as { o?: unknown; k?: unknown };
      if (v.o === order && Array.isArray(v.k) && v.k.every((x) => typeof x === 'string' || typeof x === 'number')) return v.k as SortKey;
      if (typeof v.o === 'string' && v.o !== order) {
        throw new InvalidInputError(
          `query.decodeCursor: this cursor belongs to another ordering ("${v.o}", not "${order}"). Keep orderBy the same while paging.`,
        );
      }
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
  }
  throw new InvalidInputError(
    `query.decodeCursor: "${cursor.slice(0, 40)}" is not a cursor from this API. Pass an endCursor from a previous page, or omit "after".`,
  );
}

export const compareKeys = (a: SortKey, b: SortKey): number => {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
};

/** Where `key` goes in a list sorted by `keyOf`: the first place whose key is not below it. */
export function lowerBoundBy<T>(sorted: readonly T[], keyOf: (t: T) => SortKey, key: SortKey): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keyOf(sorted[mid] as T), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a page after `after` starts in a listing sorted by `keyOf`: the first item whose key is above the cursor's. */
export function startAfter<T>(sorted: readonly T[], keyOf: (t: T) => SortKey, order: string, after: string | null): number {
  if (after === null) return 0;
  const key = decodeCursor(after, order);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(keyOf(sorted[mid] as T), key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page made of these positions of the listing (ascending; one more than `first` says there is a next page). */
export function pageAt<T>(
  sorted: readonly T[],
  keyOf: (t: T) => SortKey,
  order: string,
  positions: readonly number[],
  first: number,
  total: () => number,
): Page<T> {
  return {
    items: positions.slice(0, first).map((p) => {
      const t = sorted[p] as T;
      return { cursor: encodeCursor(order, keyOf(t)), node: t };
    }),
    hasNextPage: positions.length > first,
    totalCount: total,
  };
}

/**
 * Keyset paging over items sorted by `keyOf`: a page starts after the cursor's key, so inserts between pages
 * never repeat or skip an item that was there before. `total` counts the matches when the caller knows a
 * cheaper way than filtering the whole listing.
 */
export function keysetPage<T>(
  sorted: readonly T[],
  keyOf: (t: T) => SortKey,
  order: string,
  matches: (t: T) => boolean,
  first: number,
  after: string | null,
  total?: () => number,
): Page<T> {
  return keysetPageWithin(sorted, keyOf, order, matches, first, after, Number.POSITIVE_INFINITY, total) as Page<T>;
}

/** keysetPage that gives up (null) after looking at `budget` items: for callers with another way to find the page. */
export function keysetPageWithin<T>(
  sorted: readonly T[],
  keyOf: (t: T) => SortKey,
  order: string,
  matches: (t: T) => boolean,
  first: number,
  after: string | null,
  budget: number,
  total?: () => number,
): Page<T> | null {
  const lo = startAfter(sorted, keyOf, order, after);
  const positions: number[] = [];
  const end = Math.min(sorted.length, lo + budget);
  let k = lo;
  for (; k < end && positions.length <= first; k++) if (matches(sorted[k] as T)) positions.push(k);
  if (positions.length <= first && k < sorted.length) return null;
  return pageAt(sorted, keyOf, order, positions, first, total ?? (() => sorted.filter(matches).length));
}
