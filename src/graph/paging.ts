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
  let lo = 0;
  if (after !== null) {
    const key = decodeCursor(after, order);
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(keyOf(sorted[mid] as T), key) <= 0) lo = mid + 1;
      else hi = mid;
    }
  }
  const items: Page<T>['items'] = [];
  let k = lo;
  for (; k < sorted.length && items.length < first; k++) {
    const t = sorted[k] as T;
    if (matches(t)) items.push({ cursor: encodeCursor(order, keyOf(t)), node: t });
  }
  let hasNextPage = false;
  for (; k < sorted.length; k++) {
    if (matches(sorted[k] as T)) {
      hasNextPage = true;
      break;
    }
  }
  return { items, hasNextPage, totalCount: total ?? (() => sorted.filter(matches).length) };
}

/**
 * The same page as keysetPage gives over the whole sorted listing, picked out of an unsorted handful: the `first`
 * matching items with the smallest keys after the cursor. Costs one key per item, not a sort of the listing, and
 * does not care how the items cluster in it.
 */
export function keysetSelect<T>(
  items: readonly T[],
  keyOf: (t: T) => SortKey,
  order: string,
  matches: (t: T) => boolean,
  first: number,
  after: string | null,
): Page<T> {
  const from = after !== null ? decodeCursor(after, order) : null;
  // Ascending by key, at most first + 1 (the one past the page says there is a next page).
  const best: { t: T; k: SortKey }[] = [];
  let count = 0;
  for (const t of items) {
    if (!matches(t)) continue;
    count++;
    const k = keyOf(t);
    if (from && compareKeys(k, from) <= 0) continue;
    if (best.length > first && compareKeys(k, (best[best.length - 1] as { k: SortKey }).k) >= 0) continue;
    best.splice(
      lowerBoundBy(best, (x) => x.k, k),
      0,
      { t, k },
    );
    if (best.length > first + 1) best.pop();
  }
  return {
    items: best.slice(0, first).map((x) => ({ cursor: encodeCursor(order, x.k), node: x.t })),
    hasNextPage: best.length > first,
    totalCount: () => count,
  };
}
