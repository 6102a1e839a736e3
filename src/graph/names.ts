// The name index: entities by exact name or alias, prefix, word, substring and near miss, ranked as search() promises, kept up to date in place.
import { InvalidInputError } from '../errors.js';
import { nameKey } from '../nlp/slug.js';
import { ENTITY_TYPES, type EntityType } from '../nlp/types.js';
import type { EntityNode, KnowledgeGraph } from './model.js';
import { type Cursor, EMPTY, IntersectCursor, type Postings, TopK, UnionCursor } from './postings.js';

/** Case-, accent-, punctuation-, article- and possessive-insensitive comparison key. */
export const foldKey = (s: string): string =>
  nameKey(s)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');

/** Typos allowed in a query word of this length: none below 4 letters, one up to 7, two from 8. */
export const typosFor = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** Form flags: the folded name itself (a person's surname is read from it), and a name or alias (not only the acronym). */
const NAME = 1;
const NAME_OR_ALIAS = 2;

/** Search tiers, best first: exact form, prefix of a form, a whole word, a substring, every query word near a word. */
const EXACT = 5;
const PREFIX = 4;
const WORD = 3;
const SUBSTRING = 2;

/** The tail (forms added in place since the last build) is folded into a rebuild past this share of the built forms. */
const TAIL_SHARE = 1 / 4;

/** One bit per entity type: each list of forms knows which types it holds, so a type filter skips lists of others. */
const TYPE_BIT = new Map<EntityType, number>(ENTITY_TYPES.map((t, i) => [t, 1 << i]));
const ALL_TYPES = (1 << ENTITY_TYPES.length) - 1;

const byRank = (a: EntityNode, b: EntityNode): number => b.mentionCount - a.mentionCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A list of forms and the types of their owners (bits of TYPE_BIT; may keep a type no longer there). */
interface Filed {
  list: Postings;
  types: number;
  /** Entries written so far while a build fills a list allocated at its size. */
  filled: number;
  /** A packed list grown in place is a view of this, which has room to spare (see append). */
  spare: Int32Array | null;
}

/** Files form `form` under `key` (once: forms arrive in ascending order); true when the key is new. */
function append<K>(map: Map<K, Filed>, key: K, form: number, bit: number): boolean {
  const filed = map.get(key);
  if (!filed) {
    map.set(key, { list: [form], types: bit, filled: 1, spare: null });
    return true;
  }
  filed.types |= bit;
  const list = filed.list;
  if (list[list.length - 1] === form) return false;
  if (Array.isArray(list)) list.push(form);
  else {
    // Packed lists stay packed: they grow by half into a larger buffer, and the list is a view of its filled part.
    const n = list.length;
    let spare = filed.spare ?? list;
    if (spare.length <= n) {
      spare = new Int32Array(Math.ceil(n * 1.5) + 8);
      spare.set(list);
      filed.spare = spare;
    }
    spare[n] = form;
    filed.list = spare.subarray(0, n + 1);
  }
  return false;
}

/**
 * A trigram's key: three UTF-16 units below 1024 (Latin, Greek, IPA: nearly every folded name) packed in a small
 * integer, so that filing one allocates nothing; others as the string itself.
 */
function trigramKey(text: string, i: number): number | string {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const c = text.charCodeAt(i + 2);
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : text.slice(i, i + 3);
}

const trigramText = (key: number | string): string => (typeof key === 'string' ? key : String.fromCharCode(key >>> 20, (key >>> 10) & 1023, key & 1023));

/** First position in `sorted` (form numbers ordered by their text) whose text is not below `q`. */
function lowerBoundText(sorted: ArrayLike<number>, text: readonly string[], q: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((text[sorted[mid] as number] as string) < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The positions of `sorted` whose text starts with `q` (exactly equals it when `exact`). */
function textRange(sorted: ArrayLike<number>, text: readonly string[], q: string, exact: boolean): [number, number] {
  const lo = lowerBoundText(sorted, text, q);
  let l = lo;
  let hi = sorted.length;
  while (l < hi) {
    const mid = (l + hi) >>> 1;
    const t = text[sorted[mid] as number] as string;
    if (exact ? t === q : t.startsWith(q)) l = mid + 1;
    else hi = mid;
  }
  return [lo, l];
}

/**
 * Every name, alias and acronym of the graph's entities, folded (foldKey), and indexed four ways: sorted (exact and
 * prefix), by word (whole words, and the vocabulary near misses are looked up in), by trigram (substrings) and by
 * entity. Entities are numbered in rank order (most mentioned first, then id) and their forms numbered in entity
 * order, so every list of forms is also in rank order: a search stops at the first `first` answers of a tier instead
 * of ranking every match. An entity changed in place gets a new number at the end (the tail, ranked when read);
 * its old number goes dead, and a rebuild folds the tail in once it grows past a quarter of the index.
 */
export class NameIndex {
  private ids: (string | null)[] = [];
  private types: EntityType[] = [];
  private numberOf = new Map<string, number>();
  /** Entity e's forms are firstForm[e] up to firstForm[e + 1] (or the end). */
  private firstForm: number[] = [];
  private formText: string[] = [];
  private formOwner: number[] = [];
  private formFlags: number[] = [];
  private words = new Map<string, Filed>();
  private trigrams = new Map<number | string, Filed>();
  /** Forms of one or two characters: no trigram holds them. */
  private shortForms: number[] = [];
  /** Every word of every form, sorted: prefix ranges and the near-miss walk run over it. */
  private vocabulary: string[] = [];
  /** Built forms ordered by text; forms added since, the same way. */
  private sorted: Int32Array = new Int32Array(0);
  /** The owner of each sorted form, beside it: a prefix range is read in one pass, not one jump per form. */
  private sortedOwner: Int32Array = new Int32Array(0);
  private tailSorted: number[] = [];
  private builtEntities = 0;
  private builtForms = 0;
  /** Scratch marks over form numbers for one search at a time (see nextStamp). */
  private stamps: Uint32Array = new Uint32Array(0);
  private stamp = 0;
  /** False while building: forms then go straight into the lists that are sorted once at the end. */
  private inPlace = false;

  constructor(private readonly graph: KnowledgeGraph) {
    this.build();
  }

  private build(): void {
    this.inPlace = false;
    this.builtEntities = 0;
    this.builtForms = 0;
    this.vocabulary = [];
    this.ids = [];
    this.types = [];
    this.numberOf = new Map();
    this.firstForm = [];
    this.formText = [];
    this.formOwner = [];
    this.formFlags = [];
    this.words = new Map();
    this.trigrams = new Map();
    this.shortForms = [];
    this.tailSorted = [];
    const nodes: EntityNode[] = [];
    this.graph.forEachNode((_id, n) => {
      nodes.push(n);
    });
    nodes.sort(byRank);
    for (const n of nodes) this.addEntity(n);
    this.builtEntities = this.ids.length;
    this.builtForms = this.formText.length;
    const text = this.formText;
    const order = Array.from({ length: this.builtForms }, (_, i) => i);
    order.sort((a, b) => {
      const x = text[a] as string;
      const y = text[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    this.sorted = Int32Array.from(order);
    this.sortedOwner = Int32Array.from(order, (f) => this.formOwner[f] as number);
    this.fileAll();
    this.vocabulary = [...this.words.keys()].sort();
    this.inPlace = true;
  }

  /**
   * Files every built form by word and trigram in two passes, counting then filling, so that each list is
   * allocated once at its size (packed when long: half the memory of an array of small integers). A graph of a
   * million entities files some fifteen million trigrams: grown arrays would leave as much again as garbage, and
   * collecting it next to a large graph is what a build would spend its time on.
   */
  private fileAll(): void {
    const words = new Map<string, number>();
    const trigrams = new Map<number | string, number>();
    // The distinct words and trigrams of one form (a key met twice in a form is filed once); reused form to form.
    const seenWords: string[] = [];
    const seenTrigrams: (number | string)[] = [];
    const keysOf = (f: number): void => {
      const text = this.formText[f] as string;
      seenWords.length = 0;
      seenTrigrams.length = 0;
      for (const w of text.split(' ')) if (!seenWords.includes(w)) seenWords.push(w);
      for (let i = 0; i + 3 <= text.length; i++) {
        const key = trigramKey(text, i);
        if (!seenTrigrams.includes(key)) seenTrigrams.push(key);
      }
    };
    for (let f = 0; f < this.builtForms; f++) {
      keysOf(f);
      for (const w of seenWords) words.set(w, (words.get(w) ?? 0) + 1);
      for (const key of seenTrigrams) trigrams.set(key, (trigrams.get(key) ?? 0) + 1);
    }
    const allocate = <K>(sizes: Map<K, number>): Map<K, Filed> => {
      const map = new Map<K, Filed>();
      for (const [key, n] of sizes) map.set(key, { list: n >= 8 ? new Int32Array(n) : [], types: 0, filled: 0, spare: null });
      return map;
    };
    this.words = allocate(words);
    this.trigrams = allocate(trigrams);
    const fill = (filed: Filed, f: number, bit: number): void => {
      filed.types |= bit;
      filed.list[filed.filled++] = f;
    };
    for (let f = 0; f < this.builtForms; f++) {
      const bit = TYPE_BIT.get(this.types[this.formOwner[f] as number] as EntityType) ?? ALL_TYPES;
      keysOf(f);
      for (const w of seenWords) fill(this.words.get(w) as Filed, f, bit);
      for (const key of seenTrigrams) fill(this.trigrams.get(key) as Filed, f, bit);
    }
  }

  /** The distinct non-empty folded forms of an entity's names, with their flags. */
  private static forms(n: EntityNode): Map<string, number> {
    const forms = new Map<string, number>();
    const add = (s: string, flags: number): void => {
      const f = foldKey(s);
      if (f) forms.set(f, (forms.get(f) ?? 0) | flags);
    };
    add(n.name, NAME | NAME_OR_ALIAS);
    for (const a of n.aliases) add(a, NAME_OR_ALIAS);
    if (n.acronym) add(n.acronym, 0);
    return forms;
  }

  private addEntity(n: EntityNode): void {
    const e = this.ids.length;
    this.ids.push(n.id);
    this.types.push(n.type);
    this.numberOf.set(n.id, e);
    this.firstForm.push(this.formText.length);
    const inPlace = this.inPlace;
    const bit = TYPE_BIT.get(n.type) ?? ALL_TYPES;
    for (const [text, flags] of NameIndex.forms(n)) {
      const f = this.formText.length;
      this.formText.push(text);
      this.formOwner.push(e);
      this.formFlags.push(flags);
      if (text.length < 3) this.shortForms.push(f);
      // A build files its forms all at once at the end (fileAll); in place, each is filed now.
      if (!inPlace) continue;
      for (const w of text.split(' ')) if (append(this.words, w, f, bit)) this.vocabulary.splice(lowerBound(this.vocabulary, w), 0, w);
      for (let i = 0; i + 3 <= text.length; i++) append(this.trigrams, trigramKey(text, i), f, bit);
      this.tailSorted.splice(lowerBoundText(this.tailSorted, this.formText, text), 0, f);
    }
  }

  private formsOf(e: number): [number, number] {
    return [this.firstForm[e] as number, e + 1 < this.firstForm.length ? (this.firstForm[e + 1] as number) : this.formText.length];
  }

  /**
   * Brings the index up to date after entities changed in place (GraphIndex.update): each one's old forms go
   * dead and its current ones join the tail; past a quarter of the index the whole is rebuilt.
   */
  apply(changed: Iterable<string>): void {
    const ids = [...changed];
    for (const id of ids) {
      const old = this.numberOf.get(id);
      if (old === undefined) continue;
      this.ids[old] = null;
      this.numberOf.delete(id);
    }
    for (const id of ids) if (this.graph.hasNode(id)) this.addEntity(this.graph.getNodeAttributes(id));
    if (this.formText.length - this.builtForms > Math.max(4096, this.builtForms * TAIL_SHARE)) this.build();
  }

  /** a before b in search order: more mentions first, then id. Built entities are numbered in that order already. */
  private readonly better = (a: number, b: number): boolean => {
    if (a < this.builtEntities && b < this.builtEntities) return a < b;
    const x = this.ids[a];
    const y = this.ids[b];
    // A dead number (its entity changed since) is asked about before it is turned away: it is never better.
    if (x === null || x === undefined || y === null || y === undefined) return y === null || y === undefined;
    return byRank(this.graph.getNodeAttributes(x), this.graph.getNodeAttributes(y)) < 0;
  };

  /** By name, alias or acronym (folded); else a person by surname alone. The most mentioned wins, then the smaller id. */
  find(name: string): string | null {
    const key = foldKey(name);
    if (!key) return null;
    const top = new TopK(1, this.better);
    const live = (e: number): boolean => this.ids[e] !== null;
    this.offerRange(key, true, top, live);
    if (top.items.length === 0) {
      // A person is also found by surname alone ("Petrov" for "Ivan Petrov") when no name or alias matches.
      const filed = this.words.get(key);
      const list = filed && (filed.types & (TYPE_BIT.get('person') ?? 0)) !== 0 ? filed.list : undefined;
      if (list) {
        this.drain(new UnionCursor([list]), top, live, (f) => {
          if (!((this.formFlags[f] as number) & NAME) || this.types[this.formOwner[f] as number] !== 'person') return false;
          const words = (this.formText[f] as string).split(' ');
          return words.length >= 2 && words[words.length - 1] === key;
        });
      }
    }
    const e = top.items[0];
    return e === undefined ? null : (this.ids[e] as string);
  }

  /** Offers the owners of forms equal to (or starting with) q, built and tail. */
  private offerRange(q: string, exact: boolean, top: TopK, accept: (e: number) => boolean): void {
    const [lo, hi] = textRange(this.sorted, this.formText, q, exact);
    const owners = this.sortedOwner;
    const built = this.builtEntities;
    // Ranges run to tens of thousands of forms for a short prefix: the common case (a built entity ranked below a
    // full top) is one comparison.
    let bar = top.full ? top.worst : Number.POSITIVE_INFINITY;
    for (let i = lo; i < hi; i++) {
      const e = owners[i] as number;
      if (e >= bar && e < built) continue;
      if (top.wouldTake(e) && accept(e)) {
        top.offer(e);
        if (top.full) bar = top.worst < built ? top.worst : Number.POSITIVE_INFINITY;
      }
    }
    const [tlo, thi] = textRange(this.tailSorted, this.formText, q, exact);
    for (let i = tlo; i < thi; i++) {
      const e = this.formOwner[this.tailSorted[i] as number] as number;
      if (top.wouldTake(e) && accept(e)) top.offer(e);
    }
  }

  /**
   * Offers the owners of a cursor's forms that pass `verify`. Built forms come in rank order, so once the top is
   * full the rest of them cannot get in and the cursor skips to the tail.
   */
  private drain(cursor: Cursor, top: TopK, accept: (e: number) => boolean, verify: (f: number) => boolean): void {
    let taken = -1;
    for (let f = cursor.next(); f >= 0; f = cursor.next()) {
      const e = this.formOwner[f] as number;
      if (f < this.builtForms && top.full && e >= top.worst) {
        cursor.seek(this.builtForms);
        continue;
      }
      if (e === taken || !top.wouldTake(e) || !accept(e) || !verify(f)) continue;
      top.offer(e);
      taken = e;
    }
  }

  /**
   * Forms that may contain `q` and belong to one of the types in `mask`: every one that does, and for three letters
   * or more, a few that only share its trigrams.
   */
  private substringCursor(q: string, mask: number): Cursor {
    if (q.length >= 3) {
      const lists: Postings[] = [];
      let types = mask;
      for (let i = 0; i + 3 <= q.length; i++) {
        const filed = this.trigrams.get(trigramKey(q, i));
        types &= filed?.types ?? 0;
        if (!filed || types === 0) return EMPTY;
        if (!lists.includes(filed.list)) lists.push(filed.list);
      }
      return new IntersectCursor(lists);
    }
    return new UnionCursor(this.shortLists(q, mask));
  }

  /** For a needle of one or two characters: every trigram list holding it, and the forms too short for trigrams. */
  private shortLists(q: string, mask: number): Postings[] {
    const lists: Postings[] = [this.shortForms];
    for (const [key, filed] of this.trigrams) if ((filed.types & mask) !== 0 && trigramText(key).includes(q)) lists.push(filed.list);
    return lists;
  }

  /**
   * Ranked: exact name or alias, prefix, word, substring, then near misses (every query word a prefix of a word of
   * the same form, or within one typo of it from 4 letters, two from 8); ties by mentions, then id.
   */
  search(text: string, types: readonly EntityType[] | null, first: number): string[] {
    const q = foldKey(text);
    if (!q) throw new InvalidInputError('query.search: the search text is empty. Give at least one letter or digit.');
    const picked: number[] = [];
    const taken = new Set<number>();
    const typeFilter = types && types.length > 0 ? types : null;
    const mask = typeFilter ? typeFilter.reduce((m, t) => m | (TYPE_BIT.get(t) ?? 0), 0) : ALL_TYPES;
    const accept = (e: number): boolean => this.ids[e] !== null && !taken.has(e) && (typeFilter === null || typeFilter.includes(this.types[e] as EntityType));
    for (let tier = EXACT; tier >= 1 && picked.length < first; tier--) {
      const top = new TopK(first - picked.length, this.better);
      if (tier === EXACT || tier === PREFIX) this.offerRange(q, tier === EXACT, top, accept);
      else if (tier === WORD) {
        const filed = q.includes(' ') ? undefined : this.words.get(q);
        const list = filed && (filed.types & mask) !== 0 ? filed.list : undefined;
        if (list) this.drain(new UnionCursor([list]), top, accept, () => true);
      } else if (tier === SUBSTRING) this.drain(this.substringCursor(q, mask), top, accept, (f) => (this.formText[f] as string).includes(q));
      else this.nearMisses(q, mask, top, accept);
      for (const e of top.items) {
        picked.push(e);
        taken.add(e);
      }
    }
    return picked.map((e) => this.ids[e] as string);
  }

  /** The last tier: every query word matches a word of one form, as a prefix or within its typo allowance. */
  private nearMisses(q: string, mask: number, top: TopK, accept: (e: number) => boolean): void {
    // An empty query word (a stray double space) is a prefix of every word: it asks nothing.
    const queryWords = q.split(' ').filter((w) => w !== '');
    const matched = queryWords.map((qw) => this.wordsNear(qw));
    if (matched.length === 0 || matched.some((m) => m.size === 0)) return;
    const lists = matched.map((m) => {
      const out: Postings[] = [];
      for (const w of m) {
        const filed = this.words.get(w);
        if (filed && (filed.types & mask) !== 0) out.push(filed.list);
      }
      return out;
    });
    const sizes = lists.map((ls) => ls.reduce((s, l) => s + l.length, 0));
    const order = sizes.map((_s, i) => i).sort((a, b) => (sizes[a] as number) - (sizes[b] as number));
    const driver = order[0] as number;
    const others = order.slice(1).map((i) => matched[i] as Set<string>);
    const verify = (f: number): boolean => {
      if (others.length === 0) return true;
      const formWords = (this.formText[f] as string).split(' ');
      return others.every((m) => formWords.some((w) => m.has(w)));
    };
    const second = order[1];
    if (second === undefined || (sizes[second] as number) > 64 * (sizes[driver] as number) + 4096) {
      this.drain(new UnionCursor(lists[driver] as Postings[]), top, accept, verify);
      return;
    }
    // Two words or more: the forms of the next rarest are marked, and only the driver's forms that carry the mark
    // (few: both words in one name) are read, in order; the rest cost one array read each, no text.
    const stamp = this.nextStamp(this.formText.length);
    const marks = this.stamps;
    for (const list of lists[second] as Postings[]) for (let i = 0; i < list.length; i++) marks[list[i] as number] = stamp;
    const both: number[] = [];
    for (const list of lists[driver] as Postings[]) {
      for (let i = 0; i < list.length; i++) {
        const f = list[i] as number;
        if (marks[f] === stamp) {
          both.push(f);
          marks[f] = 0;
        }
      }
    }
    this.drain(new UnionCursor([both.sort((a, b) => a - b)]), top, accept, verify);
  }

  /** A fresh mark for `stamps`, grown to cover `size` numbers (forms or entities); marks from earlier calls never match it. */
  private nextStamp(size: number): number {
    if (this.stamps.length < size) this.stamps = new Uint32Array(Math.ceil(size * 1.25) + 64);
    if (this.stamp >= 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** Vocabulary words that start with `qw` or are within its typo allowance (Damerau–Levenshtein, adjacent swaps). */
  private wordsNear(qw: string): Set<string> {
    const vocab = this.vocabulary;
    const out = new Set<string>();
    for (let i = lowerBound(vocab, qw); i < vocab.length && (vocab[i] as string).startsWith(qw); i++) out.add(vocab[i] as string);
    const t = typosFor(qw);
    if (t > 0) walkNear(vocab, qw, t, out);
    return out;
  }

  /** Entities whose name or an alias (not only the acronym) contains `needle` (folded), as entity numbers (see number). */
  containing(needle: string): number[] {
    const hits: number[] = [];
    if (needle.length < 3) {
      // A short needle is in many trigram lists and many forms: mark owners list by list, no merge.
      const stamp = this.nextStamp(this.ids.length);
      const marks = this.stamps;
      const take = (f: number): void => {
        const e = this.formOwner[f] as number;
        if (marks[e] === stamp || this.ids[e] === null || !((this.formFlags[f] as number) & NAME_OR_ALIAS)) return;
        if (!(this.formText[f] as string).includes(needle)) return;
        marks[e] = stamp;
        hits.push(e);
      };
      for (const list of this.shortLists(needle, ALL_TYPES)) for (let i = 0; i < list.length; i++) take(list[i] as number);
      return hits;
    }
    const cursor = this.substringCursor(needle, ALL_TYPES);
    // One trigram, one list: every form in it holds the needle.
    const exact = needle.length === 3;
    let last = -1;
    for (let f = cursor.next(); f >= 0; f = cursor.next()) {
      const e = this.formOwner[f] as number;
      if (e === last || this.ids[e] === null || !((this.formFlags[f] as number) & NAME_OR_ALIAS)) continue;
      if (!exact && !(this.formText[f] as string).includes(needle)) continue;
      hits.push(e);
      last = e;
    }
    return hits;
  }

  /** The entity's current number (they change when it changes in place), for arrays indexed by number. */
  number(id: string): number | undefined {
    return this.numberOf.get(id);
  }

  /** One more than the highest entity number. */
  get capacity(): number {
    return this.ids.length;
  }

  /** The entity a number stands for, null when that number went dead. */
  idOf(e: number): string | null {
    return this.ids[e] ?? null;
  }

  /** foldKey(name) of an entity, as filed ('' when it folds to nothing). */
  foldedName(id: string): string {
    const e = this.numberOf.get(id);
    if (e === undefined) return '';
    const [from, to] = this.formsOf(e);
    for (let f = from; f < to; f++) if ((this.formFlags[f] as number) & NAME) return this.formText[f] as string;
    return '';
  }

  /** Whether this entity's name or an alias contains `needle` (folded). */
  nameContains(id: string, needle: string): boolean {
    const e = this.numberOf.get(id);
    if (e === undefined) return false;
    const [from, to] = this.formsOf(e);
    for (let f = from; f < to; f++) if ((this.formFlags[f] as number) & NAME_OR_ALIAS && (this.formText[f] as string).includes(needle)) return true;
    return false;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds to `out` every word of the sorted vocabulary within `t` edits of `qw` (optimal string alignment: insert,
 * delete, substitute, swap two neighbours). Walks the vocabulary as the trie it is when sorted: words sharing a
 * prefix are a range, the edit-distance row of a prefix is computed once for the whole range, and a range is left
 * as soon as no row entry is within `t` (rows never get better further down).
 */
function walkNear(vocab: readonly string[], qw: string, t: number, out: Set<string>): void {
  const m = qw.length;
  const q = Array.from({ length: m }, (_, j) => qw.charCodeAt(j));
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  const chars: number[] = [];
  const walk = (lo: number, hi: number, depth: number): void => {
    let i = lo;
    const row = rows[depth] as Int32Array;
    if ((vocab[i] as string).length === depth) {
      if ((row[m] as number) <= t) out.add(vocab[i] as string);
      i++;
    }
    const next = rows[depth + 1] ?? new Int32Array(m + 1);
    rows[depth + 1] = next;
    const prev2 = depth > 0 ? (rows[depth - 1] as Int32Array) : null;
    while (i < hi) {
      const c = (vocab[i] as string).charCodeAt(depth);
      let l = i + 1;
      let h = hi;
      while (l < h) {
        const mid = (l + h) >>> 1;
        if ((vocab[mid] as string).charCodeAt(depth) === c) l = mid + 1;
        else h = mid;
      }
      const end = l;
      chars[depth] = c;
      next[0] = depth + 1;
      let min = next[0] as number;
      for (let j = 1; j <= m; j++) {
        const cost = c === q[j - 1] ? 0 : 1;
        let v = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost);
        if (prev2 && j > 1 && c === q[j - 2] && chars[depth - 1] === q[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
        next[j] = v;
        if (v < min) min = v;
      }
      if (min <= t) walk(i, end, depth + 1);
      i = end;
    }
  };
  if (vocab.length > 0) walk(0, vocab.length, 0);
}
