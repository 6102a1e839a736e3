// Every entity's relations strongest first, for walks: built once per graph into a few typed arrays instead of asking
// graphology for a node's edge keys, looking each one up and sorting them on every step of every walk.
//
// Why: a two-hop neighbourhood of 50 entities asked graphology for about a hundred edge lists, each an array of keys,
// an array of attributes and a sort; under a varied load that was two fifths of the backend's time and most of its
// garbage. The table is a handful of objects whatever the graph's size (typed arrays live outside the collected heap),
// so it adds nothing for V8's full collections to mark on a million-entity graph.
import type { KnowledgeGraph, RelationEdge } from './model.js';
import type { Direction } from './traverse.js';

/** The order of relationKey (stated first, heavier, surer, then by id) without building the keys. */
export function compareRelations(a: RelationEdge, b: RelationEdge): number {
  if (!a.cooccurrence !== !b.cooccurrence) return a.cooccurrence ? 1 : -1;
  if (a.weight !== b.weight) return b.weight - a.weight;
  const ca = Math.round(a.confidence * 1000);
  const cb = Math.round(b.confidence * 1000);
  if (ca !== cb) return cb - ca;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** One direction's lists: node i's relations are list[start[i] .. start[i + 1]), the first stated[i] of them stated. */
interface Lists {
  start: Int32Array;
  stated: Int32Array;
  list: Int32Array;
}

export class AdjacencyTable {
  /** Entity id → its number in the table, and back. */
  private readonly numbers: Map<string, number>;
  private readonly ids: string[];
  /** Relation number → the numbers of its source and target. */
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  /** Per entity, the number of the last walk that reached it (walk() marks entities here instead of in a set). */
  private readonly reached: Int32Array;
  private walks = 0;
  /**
   * Per entity, 1 when its relations changed since the table was built (a document added in place): its lists are
   * read from the graph again (see GraphIndex.adjacency), as are those of entities the table never saw.
   */
  private readonly stale: Uint8Array;
  /** Every relation, strongest first: a relation's number is its place here. */
  readonly ordered: readonly RelationEdge[];
  private readonly lists: Record<Direction, Lists>;

  constructor(graph: KnowledgeGraph) {
    const n = graph.order;
    this.numbers = new Map();
    this.ids = new Array(n);
    graph.forEachNode((id) => {
      this.ids[this.numbers.size] = id;
      this.numbers.set(id, this.numbers.size);
    });
    this.reached = new Int32Array(n);
    this.stale = new Uint8Array(n);
    const m = graph.size;
    const edges: RelationEdge[] = new Array(m);
    const ends = new Int32Array(2 * m);
    let k = 0;
    graph.forEachEdge((_key, e, source, target) => {
      edges[k] = e;
      ends[2 * k] = this.numbers.get(source) as number;
      ends[2 * k + 1] = this.numbers.get(target) as number;
      k++;
    });
    // One sort of all relations; dealing them out in that order (a stable counting sort by end) leaves every
    // entity's list sorted too.
    const order = new Int32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    order.sort((a, b) => compareRelations(edges[a] as RelationEdge, edges[b] as RelationEdge));
    this.ordered = Array.from(order, (i) => edges[i] as RelationEdge);
    // From here a relation is known by its place in `ordered`.
    const from = new Int32Array(m);
    const to = new Int32Array(m);
    for (let r = 0; r < m; r++) {
      const i = order[r] as number;
      from[r] = ends[2 * i] as number;
      to[r] = ends[2 * i + 1] as number;
    }
    this.from = from;
    this.to = to;
    let loops = 0;
    for (let r = 0; r < m; r++) if (from[r] === to[r]) loops++;
    this.lists = {
      out: this.deal(n, from, null, m),
      in: this.deal(n, to, null, m),
      // As graphology's edges(node): a relation of an entity with itself is listed once.
      both: this.deal(n, from, to, 2 * m - loops),
    };
  }

  /** Relation r goes to the lists of entity first[r] and (when given and another entity) second[r]. */
  private deal(n: number, first: Int32Array, second: Int32Array | null, total: number): Lists {
    const m = first.length;
    const start = new Int32Array(n + 1);
    const stated = new Int32Array(n);
    const put = (node: number, r: number, fill: Int32Array | null): void => {
      if (fill) {
        const at = stated[node] as number;
        fill[at] = r;
        stated[node] = at + 1;
        return;
      }
      start[node + 1] = (start[node + 1] as number) + 1;
    };
    for (let r = 0; r < m; r++) {
      put(first[r] as number, r, null);
      if (second && second[r] !== first[r]) put(second[r] as number, r, null);
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    // stated[] serves as each entity's next free place while dealing, then holds its count of stated relations.
    stated.set(start.subarray(0, n));
    const list = new Int32Array(total);
    for (let r = 0; r < m; r++) {
      put(first[r] as number, r, list);
      if (second && second[r] !== first[r]) put(second[r] as number, r, list);
    }
    for (let i = 0; i < n; i++) {
      let count = 0;
      const end = start[i + 1] as number;
      for (let k = start[i] as number; k < end && !this.ordered[list[k] as number]?.cooccurrence; k++) count++;
      stated[i] = count;
    }
    return { start, stated, list };
  }

  /** The entity's number in the table, or -1 when the table does not know it as it is now: ask the graph. */
  numberOf(id: string): number {
    const i = this.numbers.get(id);
    return i === undefined || this.stale[i] ? -1 : i;
  }

  /** Where entity i's list in one direction ends (its stated relations only unless withCooccurrence). */
  private endOf(lists: Lists, i: number, withCooccurrence: boolean): number {
    return withCooccurrence ? (lists.start[i + 1] as number) : (lists.start[i] as number) + (lists.stated[i] as number);
  }

  /** Entity i's relations in one direction, strongest first (stated only unless withCooccurrence). */
  relations(i: number, direction: Direction, withCooccurrence: boolean): RelationEdge[] {
    const lists = this.lists[direction];
    const from = lists.start[i] as number;
    const out: RelationEdge[] = new Array(this.endOf(lists, i, withCooccurrence) - from);
    for (let k = 0; k < out.length; k++) out[k] = this.ordered[lists.list[from + k] as number] as RelationEdge;
    return out;
  }

  /** How many relations entity i has in one direction (stated only unless withCooccurrence). */
  count(i: number, direction: Direction, withCooccurrence: boolean): number {
    const lists = this.lists[direction];
    return this.endOf(lists, i, withCooccurrence) - (lists.start[i] as number);
  }

  /** The entity's relations changed in the graph: read them from there from now on. */
  forget(id: string): void {
    const i = this.numbers.get(id);
    if (i !== undefined) this.stale[i] = 1;
  }

  /**
   * traverse.ts neighborhood() without relation types, periods or entity types, on numbers: breadth first from the
   * centre over relations in both directions, strongest first, until `limit` entities; then every relation (in its
   * stated direction) between the entities reached. `step` runs once per relation looked at (the time budget). Null
   * when the walk meets an entity the table does not know as it is now: walk the graph instead.
   */
  walk(
    center: string,
    hops: number,
    limit: number,
    withCooccurrence: boolean,
    step: () => void,
  ): { ids: string[]; relations: RelationEdge[]; truncated: boolean } | null {
    const c = this.numbers.get(center);
    if (c === undefined) return null;
    if (this.walks === 0x7fffffff) {
      this.reached.fill(0);
      this.walks = 0;
    }
    const mark = ++this.walks;
    const { reached, from, to, stale } = this;
    const both = this.lists.both;
    reached[c] = mark;
    const seen = [c];
    let frontier = [c];
    let truncated = false;
    for (let h = 0; h < hops && frontier.length > 0 && !truncated; h++) {
      const next: number[] = [];
      for (const at of frontier) {
        if (stale[at]) return null;
        const end = this.endOf(both, at, withCooccurrence);
        for (let k = both.start[at] as number; k < end; k++) {
          step();
          const r = both.list[k] as number;
          const other = from[r] === at ? (to[r] as number) : (from[r] as number);
          if (reached[other] === mark) continue;
          if (seen.length >= limit) {
            truncated = true;
            break;
          }
          reached[other] = mark;
          seen.push(other);
          next.push(other);
        }
        if (truncated) break;
      }
      frontier = next;
    }
    const out = this.lists.out;
    const relations: RelationEdge[] = [];
    for (const n of seen) {
      if (stale[n]) return null;
      const end = this.endOf(out, n, withCooccurrence);
      for (let k = out.start[n] as number; k < end; k++) {
        step();
        const r = out.list[k] as number;
        if (reached[to[r] as number] === mark) relations.push(this.ordered[r] as RelationEdge);
      }
    }
    return { ids: seen.map((i) => this.ids[i] as string), relations, truncated };
  }
}
