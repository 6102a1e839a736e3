// Sorted lists of form numbers and the ways a search reads them: galloping intersection, k-way union, a bounded best-k.

/**
 * Form numbers in ascending order. Short lists are plain arrays (cheap when short, which most are) and long ones
 * Int32Array, packed at their size by a build and grown in place with room to spare.
 */
export type Postings = number[] | Int32Array;

/** An ascending stream of form numbers; -1 when done. */
export interface Cursor {
  next(): number;
  /** Skips to the first form number not below `min`. */
  seek(min: number): void;
}

/** First position at or after `from` whose value is not below `value` (galloping, then binary search). */
function gallop(list: Postings, from: number, value: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < list.length && (list[hi] as number) < value) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > list.length) hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const EMPTY: Cursor = { next: () => -1, seek: () => {} };

/** Forms in every list: driven by the shortest, the others galloped to. */
export class IntersectCursor implements Cursor {
  private readonly pos: number[];
  constructor(private readonly lists: Postings[]) {
    lists.sort((a, b) => a.length - b.length);
    this.pos = lists.map(() => 0);
  }
  next(): number {
    const lists = this.lists;
    const pos = this.pos;
    const driver = lists[0] as Postings;
    outer: while ((pos[0] as number) < driver.length) {
      const v = driver[pos[0] as number] as number;
      pos[0] = (pos[0] as number) + 1;
      for (let k = 1; k < lists.length; k++) {
        const list = lists[k] as Postings;
        const p = gallop(list, pos[k] as number, v);
        pos[k] = p;
        if (p >= list.length) {
          pos[0] = driver.length;
          return -1;
        }
        if (list[p] !== v) continue outer;
      }
      return v;
    }
    return -1;
  }
  seek(min: number): void {
    this.pos[0] = gallop(this.lists[0] as Postings, this.pos[0] as number, min);
  }
}

/** Forms in any list, each once: a k-way merge over a binary heap of lists. */
export class UnionCursor implements Cursor {
  private readonly pos: number[];
  private heap: number[] = [];
  private last = -1;
  constructor(private readonly lists: Postings[]) {
    this.pos = lists.map(() => 0);
    this.heapify();
  }
  private head(i: number): number {
    return (this.lists[i] as Postings)[this.pos[i] as number] as number;
  }
  private heapify(): void {
    this.heap = [];
    for (let i = 0; i < this.lists.length; i++) if ((this.pos[i] as number) < (this.lists[i] as Postings).length) this.heap.push(i);
    for (let k = (this.heap.length >> 1) - 1; k >= 0; k--) this.down(k);
  }
  private down(k: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[k] as number;
    const value = this.head(item);
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && this.head(heap[c + 1] as number) < this.head(heap[c] as number)) c++;
      if (this.head(heap[c] as number) >= value) break;
      heap[k] = heap[c] as number;
      k = c;
    }
    heap[k] = item;
  }
  next(): number {
    const heap = this.heap;
    while (heap.length > 0) {
      const i = heap[0] as number;
      const v = this.head(i);
      this.pos[i] = (this.pos[i] as number) + 1;
      if ((this.pos[i] as number) >= (this.lists[i] as Postings).length) {
        const lastItem = heap.pop() as number;
        if (heap.length > 0) heap[0] = lastItem;
      }
      if (heap.length > 0) this.down(0);
      if (v !== this.last) {
        this.last = v;
        return v;
      }
    }
    return -1;
  }
  seek(min: number): void {
    for (let i = 0; i < this.lists.length; i++) this.pos[i] = gallop(this.lists[i] as Postings, this.pos[i] as number, min);
    this.heapify();
  }
}

/** The best `size` entity numbers offered so far, best first, under the index's rank order. */
export class TopK {
  readonly items: number[] = [];
  constructor(
    private readonly size: number,
    private readonly better: (a: number, b: number) => boolean,
  ) {}
  get full(): boolean {
    return this.items.length >= this.size;
  }
  /** The worst kept, when full: nothing not better than it can get in. */
  get worst(): number {
    return this.items[this.items.length - 1] as number;
  }
  wouldTake(e: number): boolean {
    return !this.full || this.better(e, this.worst);
  }
  offer(e: number): void {
    if (!this.wouldTake(e) || this.items.includes(e)) return;
    let i = this.items.length;
    this.items.push(e);
    while (i > 0 && this.better(e, this.items[i - 1] as number)) {
      this.items[i] = this.items[i - 1] as number;
      i--;
    }
    this.items[i] = e;
    if (this.items.length > this.size) this.items.pop();
  }
}
