// The one place that wires the stages in order: ingest → nlp → store → resolve → graph → (graphql, server).
import { InvalidInputError, NotFoundError } from './errors.js';
import {
  addExtraction,
  buildGraph,
  type DocumentInfo,
  type DocumentMeta,
  documentInfo,
  type EntityNode,
  finalizeNode,
  type GraphChange,
  GraphIndex,
  isCopy,
  type Overrides,
  runAnalytics,
  type StorySource,
} from './graph/index.js';
import { type Document, emptyWarcStats, inputSize, makeDocument, parseHtml, readDocuments, streamDocuments, type WarcStats } from './ingest/index.js';
import { EXTRACTOR_VERSION, type Extraction, extract } from './nlp/index.js';
import { applyMerges, followChains, followOne, MergeIndex } from './resolve/index.js';
import type { ChangeFeed, IngestOutcome, IngestRequest } from './graphql/context.js';
import type { DocumentStore, StoredDocument } from './store/index.js';
import { ExtractPool } from './workers/extract-pool.js';

export interface IngestSummary {
  added: number;
  duplicates: number;
  refused: { source: string; reason: string }[];
  seconds: number;
  /** Set by ingestStream when the input held WARC files: what became of their records. */
  warc?: WarcSummary;
}

/** A WARC read: the reader's counts, and what became of its HTML responses (added + duplicates + refused = html). */
export interface WarcSummary extends WarcStats {
  added: number;
  duplicates: number;
  refused: number;
}

export type ProgressListener = (event: { done: number; source: string; status: 'added' | 'duplicate' | 'refused' }) => void;

export function extractDocument(doc: Document): Extraction {
  return extract(doc);
}

/**
 * Reads every document under `path`, extracts it and stores it (one transaction per document).
 * Content already stored is skipped before extraction, so a re-run costs only the reading.
 */
export function ingestPath(store: DocumentStore, path: string, onProgress?: ProgressListener): IngestSummary {
  const started = performance.now();
  const summary: IngestSummary = { added: 0, duplicates: 0, refused: [], seconds: 0 };
  let done = 0;
  for (const item of readDocuments(path)) {
    done++;
    if (!item.ok) {
      summary.refused.push({ source: item.source, reason: item.error.message });
      onProgress?.({ done, source: item.source, status: 'refused' });
      continue;
    }
    const status = ingestDocument(store, item.document, summary);
    onProgress?.({ done, source: item.document.source, status });
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export interface IngestProgress {
  done: number;
  added: number;
  duplicates: number;
  refused: number;
  bytes: number;
  totalBytes: number;
  seconds: number;
}

export interface IngestOptions {
  /** Extraction workers (worker threads); 0 extracts on this thread. */
  workers?: number;
  /** Per-document extraction budget in workers (ms). */
  budgetMs?: number;
  onProgress?: (p: IngestProgress) => void;
}

/**
 * Bulk ingest: streams the input (JSONL line by line), extracts in worker threads with a per-document time budget,
 * stores each document in its own transaction as it comes back. Memory stays bounded by the in-flight window.
 */
export async function ingestStream(store: DocumentStore, path: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const workers = options.workers ?? 0;
  const summary: IngestSummary = { added: 0, duplicates: 0, refused: [], seconds: 0 };
  const progress: IngestProgress = { done: 0, added: 0, duplicates: 0, refused: 0, bytes: 0, totalBytes: inputSize(path), seconds: 0 };
  const report = (): void => {
    progress.added = summary.added;
    progress.duplicates = summary.duplicates;
    progress.refused = summary.refused.length;
    progress.seconds = (performance.now() - started) / 1000;
    options.onProgress?.(progress);
  };
  const pool = workers > 0 ? new ExtractPool(workers, options.budgetMs) : null;
  const inFlight = new Set<Promise<void>>();
  const hashesInFlight = new Set<string>();
  /** The last commit asked for: each document's commit waits for the one read before it. */
  let commits: Promise<unknown> = Promise.resolve();
  const warcStats = emptyWarcStats();
  const warcOutcomes = { added: 0, duplicates: 0, refused: 0 };
  try {
    for await (const item of streamDocuments(path, warcStats)) {
      progress.bytes += item.bytes;
      // An HTML response from a WARC file: its outcome also counts in the WARC summary.
      const warc = item.warc ? warcOutcomes : null;
      if (!item.ok) {
        if (warc) warc.refused++;
        summary.refused.push({ source: item.source, reason: item.error.message });
        progress.done++;
        report();
        continue;
      }
      const doc = item.document;
      if (hashesInFlight.has(doc.contentHash) || store.findByContent(doc.contentHash)) {
        if (warc) warc.duplicates++;
        summary.duplicates++;
        progress.done++;
        report();
        continue;
      }
      hashesInFlight.add(doc.contentHash);
      // Settled at once (an extraction that fails while earlier commits wait is not an unhandled rejection).
      const extracted = (pool ? pool.run(doc) : Promise.resolve().then(() => extractDocument(doc))).then(
        (extraction) => ({ extraction, error: null }),
        (error: unknown) => ({ extraction: null, error }),
      );
      // Extractions run side by side; commits follow the input's order, so stories (the first version ingested is
      // canonical) and ingest order come out the same whatever the number of workers.
      const job = commits
        .then(() => extracted)
        .then(({ extraction, error }) => (extraction ? extraction : Promise.reject(error)))
        .then(
          (extraction) => {
            try {
              const r = store.ingest(doc, extraction);
              if (r.status === 'added') summary.added++;
              else summary.duplicates++;
              if (warc) warc[r.status === 'added' ? 'added' : 'duplicates']++;
            } catch (error) {
              if (!(error instanceof InvalidInputError)) throw error;
              if (warc) warc.refused++;
              summary.refused.push({ source: doc.source, reason: error.message });
            }
          },
          (error: unknown) => {
            if (warc) warc.refused++;
            summary.refused.push({ source: doc.source, reason: error instanceof Error ? error.message : String(error) });
          },
        )
        .finally(() => {
          inFlight.delete(job);
          hashesInFlight.delete(doc.contentHash);
          progress.done++;
          report();
        });
      commits = job.catch(() => {});
      inFlight.add(job);
      // Bounded window: read ahead only a few documents per worker.
      if (inFlight.size >= 4 * Math.max(1, workers)) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  if (warcStats.files > 0) summary.warc = { ...warcStats, ...warcOutcomes };
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function ingestDocument(store: DocumentStore, doc: Document, summary: IngestSummary): 'added' | 'duplicate' | 'refused' {
  if (store.findByContent(doc.contentHash)) {
    summary.duplicates++;
    return 'duplicate';
  }
  try {
    const result = store.ingest(doc, extractDocument(doc));
    if (result.status === 'added') summary.added++;
    else summary.duplicates++;
    return result.status;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    summary.refused.push({ source: doc.source, reason: error.message });
    return 'refused';
  }
}

/** Re-extracts every stored document whose extraction came from another extractor version. */
export function reindex(store: DocumentStore, onProgress?: (done: number, total: number) => void): { reindexed: number; seconds: number } {
  const started = performance.now();
  const stale = store.staleDocuments(EXTRACTOR_VERSION);
  stale.forEach((id, i) => {
    const doc = store.storedDocument(id);
    if (doc) store.replaceExtraction(id, extractDocument(doc));
    onProgress?.(i + 1, stale.length);
  });
  return { reindexed: stale.length, seconds: (performance.now() - started) / 1000 };
}

/** Curation operations as stored: merges, renames and aliases, applied in order on every rebuild. */
export type Curation = { op: 'merge'; ids: string[]; into: string } | { op: 'rename'; id: string; name: string } | { op: 'alias'; id: string; alias: string };

function parseCurations(rows: { op: string; args: unknown }[]): Curation[] {
  const out: Curation[] = [];
  for (const r of rows) {
    const a = r.args as Record<string, unknown>;
    if (r.op === 'merge' && Array.isArray(a.ids) && typeof a.into === 'string') out.push({ op: 'merge', ids: a.ids.map(String), into: a.into });
    else if (r.op === 'rename' && typeof a.id === 'string' && typeof a.name === 'string') out.push({ op: 'rename', id: a.id, name: a.name });
    else if (r.op === 'alias' && typeof a.id === 'string' && typeof a.alias === 'string') out.push({ op: 'alias', id: a.id, alias: a.alias });
  }
  return out;
}

/** What a graph was built from besides the extractions, kept so that one more document can be added in place. */
export interface GraphState {
  merges: MergeIndex;
  /** Curated merges: id → the id it was merged into. */
  curated: Map<string, string>;
  overrides: Overrides;
}

/** Where an entity id ends up: the documents' merge decisions, overridden by curation, chains followed. */
function targetOf(state: Pick<GraphState, 'merges' | 'curated'>): (id: string) => string {
  const lookup = {
    has: (id: string) => state.curated.has(id) || state.merges.target(id) !== id,
    get: (id: string) => state.curated.get(id) ?? state.merges.target(id),
  };
  return (id) => followOne(lookup, id);
}

/** Resolves entities across documents, applies curation, then builds the graph; independent of ingest order. */
export function buildIndex(extractions: Extraction[], meta: Iterable<DocumentMeta> = [], curations: Curation[] = []): GraphIndex {
  return buildGraphState(extractions, meta, curations).index;
}

export function buildGraphState(extractions: Extraction[], meta: Iterable<DocumentMeta>, curations: Curation[]): { index: GraphIndex; state: GraphState } {
  const merges = new MergeIndex(extractions);
  const curated = new Map<string, string>();
  for (const c of curations) {
    if (c.op === 'merge') for (const id of c.ids) if (id !== c.into) curated.set(id, c.into);
  }
  const target = targetOf({ merges, curated });
  const overrides: Overrides = { renames: new Map(), aliases: new Map() };
  for (const c of curations) {
    if (c.op === 'rename') overrides.renames.set(target(c.id), c.name);
    if (c.op === 'alias') overrides.aliases.set(target(c.id), [...(overrides.aliases.get(target(c.id)) ?? []), c.alias]);
  }
  const finalMerges = followChains(new Map([...merges.merges(), ...curated]));
  const { graph, documents } = buildGraph(
    extractions.map((x) => applyMerges(x, finalMerges)),
    meta,
    overrides,
  );
  return { index: new GraphIndex(graph, documents), state: { merges, curated, overrides } };
}

/**
 * Adds one stored document to a built graph in place, at a cost that follows the document, not the corpus.
 * A near-copy of a stored story (`meta.storyId` names another document) adds no facts: it joins the story's sources.
 * Returns null when the document changes how entities already in the graph were merged (a full rebuild is then
 * needed, and the graph must not be used further).
 */
export function addToIndex(index: GraphIndex, state: GraphState, x: Extraction, meta: DocumentMeta): GraphIndex | null {
  if (isCopy(meta)) {
    const source = { id: x.document.id, title: x.document.title, url: meta.url, source: meta.source, publishedAt: x.document.publishedAt };
    return addSource(index, meta.storyId as string, { ...source, similarity: meta.similarity ?? 1 });
  }
  if (index.document(x.document.id)) return index;
  if (!state.merges.add(x)) return null;
  const target = targetOf(state);
  const finalMerges = new Map<string, string>();
  const ids = new Set<string>([...x.entities.map((e) => e.id)]);
  for (const id of ids) {
    const to = target(id);
    if (to !== id) finalMerges.set(id, to);
  }
  const merged = applyMerges(x, finalMerges);
  const graph = index.graph;
  const change: GraphChange = { nodes: new Set(), newEdges: new Set(), edges: new Set() };
  addExtraction(graph, merged, change);
  for (const id of change.nodes) finalizeNode(graph, id, state.overrides);
  graph.setAttribute('documents', graph.getAttribute('documents') + 1);
  return index.update({ change, document: documentInfo(merged, meta) });
}

/**
 * A story gained a source: the canonical document lists it (its sources array is replaced, not changed, so a reader
 * holding the old list keeps a whole one). Returns null when the canonical document is not in this graph.
 */
function addSource(index: GraphIndex, storyId: string, source: StorySource): GraphIndex | null {
  const canonical = index.document(storyId);
  if (!canonical) return null;
  if (canonical.sources.some((s) => s.id === source.id)) return index;
  canonical.sources = [...canonical.sources, source];
  return index.renewed();
}

const toSource = (d: StoredDocument): StorySource => ({
  id: d.id,
  title: d.title,
  url: d.url,
  source: d.source,
  publishedAt: d.publishedAt,
  similarity: d.similarity,
});

/** Stored documents as the graph's metadata: each one's story, and for a story with copies its sources in ingest order. */
export function storyMeta(documents: readonly StoredDocument[]): DocumentMeta[] {
  const members = new Map<string, StoredDocument[]>();
  for (const d of documents) {
    if (d.storyId === d.id) continue;
    const list = members.get(d.storyId) ?? [];
    list.push(d);
    members.set(d.storyId, list);
  }
  return documents.map((d) => {
    const copies = d.storyId === d.id ? members.get(d.id) : undefined;
    const meta: DocumentMeta = { id: d.id, url: d.url, source: d.source, storyId: d.storyId };
    if (copies) meta.sources = [d, ...copies.sort((a, b) => a.seq - b.seq)].map(toSource);
    return meta;
  });
}

/** Rebuilds the graph from stored extractions and curation; no NLP runs. */
export function loadIndex(store: DocumentStore): GraphIndex {
  return loadGraphState(store).index;
}

export function loadGraphState(store: DocumentStore): { index: GraphIndex; state: GraphState } {
  // Each story's canonical document only: a copy's facts would count a second time.
  return buildGraphState([...store.storyExtractions()], storyMeta(store.documents()), parseCurations(store.curations()));
}

/** The document an ingestDocument request describes: its text, or what the HTML reader takes from its page. */
export function apiDocument(input: IngestRequest): Document {
  const hasText = typeof input.text === 'string';
  const hasHtml = typeof input.html === 'string';
  if (hasText === hasHtml) {
    throw new InvalidInputError(
      `ingestDocument: give the article as exactly one of "text" (plain text) and "html" (the page's HTML); got ${hasText ? 'both' : 'neither'}.`,
    );
  }
  if (hasText)
    return makeDocument({
      text: input.text as string,
      title: input.title ?? null,
      url: input.url ?? null,
      publishedAt: input.publishedAt ?? null,
      source: 'api',
    });
  const page = parseHtml(input.html as string, 'api');
  return makeDocument({
    text: page.text,
    title: input.title ?? page.title,
    url: input.url ?? page.url,
    publishedAt: input.publishedAt ?? page.publishedAt,
    source: 'api',
  });
}

/**
 * Whether the stored extractions (`next`, a graph mark "seq|version:n,…") are those of the last look (`prev`) plus the
 * ones added to the graph since (`added`, by extractor version): a reindex leaves no entry in the change log, only
 * counts that do not add up.
 */
function marksAgree(prev: string, added: ReadonlyMap<string, number>, next: string): boolean {
  const counts = (mark: string): Map<string, number> =>
    new Map(
      (mark.split('|')[1] ?? '')
        .split(',')
        .filter(Boolean)
        .map((p) => {
          const at = p.lastIndexOf(':');
          return [p.slice(0, at), Number(p.slice(at + 1))];
        }),
    );
  const expected = counts(prev);
  for (const [version, n] of added) expected.set(version, (expected.get(version) ?? 0) + n);
  const actual = counts(next);
  for (const version of new Set([...expected.keys(), ...actual.keys()])) if ((expected.get(version) ?? 0) !== (actual.get(version) ?? 0)) return false;
  return true;
}

/**
 * The served graph and the writes that change it. After each write the graph is rebuilt from the store and
 * swapped in whole; analytics then run in a worker thread and attach themselves when done.
 */
export class GraphService {
  index: GraphIndex;
  private state: GraphState;
  private readonly store: DocumentStore;
  private readonly log: (line: string) => void;
  private generation = 0;
  /** Documents added in place (for logs, tests and the bench), and how long the last one took (ms). */
  incrementalUpdates = 0;
  lastUpdateMs = 0;

  private readonly changeListeners = new Set<() => void>();

  /**
   * The store's change log, and word after each write here or rebuild after another process's write; subscriptions
   * read what is new when told (the log, not the notice, says what changed, so no notice can be missed or doubled).
   */
  readonly changes: ChangeFeed = {
    after: (seq, limit) => this.store.changesAfter(seq, limit),
    countAfter: (seq) => this.store.countChangesAfter(seq),
    last: () => this.store.lastChangeSeq(),
    listen: (listener) => {
      this.changeListeners.add(listener);
      return () => {
        this.changeListeners.delete(listener);
      };
    },
  };

  /** Called once the served graph shows a commit, so that a pushed change's document is already in the graph. */
  private announceChanges(): void {
    for (const listener of [...this.changeListeners]) {
      try {
        listener();
      } catch (error) {
        this.log(`newsgraph: a change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  constructor(store: DocumentStore, log: (line: string) => void = () => {}) {
    this.store = store;
    this.log = log;
    this.applied = store.lastChangeSeq();
    const built = loadGraphState(store);
    this.index = built.index;
    this.state = built.state;
    this.startAnalytics();
  }

  /** Resolves when the current graph's analytics are ready (tests and `serve` logs use it). */
  analyticsReady: Promise<void> = Promise.resolve();
  private analyticsTimer: NodeJS.Timeout | null = null;
  private attached = 0;

  private startAnalytics(): void {
    if (this.analyticsTimer) clearTimeout(this.analyticsTimer);
    this.analyticsTimer = null;
    const index = this.index;
    const generation = ++this.generation;
    this.analyticsReady = runAnalytics(index.graph).then(
      (result) => {
        // The graph may have grown in place since (a newer run is then on its way); a rebuilt graph is another one.
        if (this.index.graph !== index.graph || generation < this.attached) return;
        this.attached = generation;
        this.index.analytics = result;
        this.index.analyticsError = null;
        if (generation === this.generation) this.log(`newsgraph: analytics ready in ${result.seconds.toFixed(2)} s`);
      },
      (error: unknown) => {
        index.analyticsError = error instanceof Error ? error.message : String(error);
        this.log(`newsgraph: analytics failed: ${index.analyticsError}`);
      },
    );
  }

  /**
   * After a document is added in place the previous analytics keep answering, and new ones are computed once
   * writes pause (a burst of ingests costs one run, not one each).
   */
  private scheduleAnalytics(delayMs = 1000): void {
    if (this.analyticsTimer) clearTimeout(this.analyticsTimer);
    this.analyticsTimer = setTimeout(() => this.startAnalytics(), delayMs);
    this.analyticsTimer.unref();
  }

  /** The service is its own write API (see graphql/context.ts WriteApi). */
  get writes(): this {
    return this;
  }

  private watcher: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  /** The newest change-log entry the served graph includes: everything up to it is applied. */
  private applied = 0;
  /** Bumped by every rebuild, so that a catch-up loop notices one made under it. */
  private rebuilds = 0;
  private checking = false;

  /**
   * Follows what other processes (a `newsgraph build`, `watch`, `worker`, `reindex`, another server) commit to the
   * same database: documents they add are added to the graph in place, in change-log order; removals, curation and
   * re-extraction rebuild it. Checked every `ms`, and at once when the store says another process committed
   * (PostgreSQL's LISTEN/NOTIFY; SQLite is polled). Commits to other tables (watch's bookkeeping) cost nothing.
   */
  watch(ms = 1000): void {
    this.watching = true;
    let seen = Number.NaN;
    this.mark = this.store.graphMark();
    this.sinceMark.clear();
    let pending = false;
    let pushes = false;
    /**
     * Applies what other processes committed. `compare` also compares what the graph is built from with the last
     * look (a polled store after every commit; a pushing one when it may have missed a notice): a reindex leaves no
     * entry in the change log, only extractor-version counts that went down.
     */
    const check = (force: boolean, reindex: boolean, compare: boolean): void => {
      if (this.checking || !this.watching) return;
      this.checking = true;
      try {
        if (reindex) {
          this.log('newsgraph: stored extractions were replaced (reindex); rebuilding the graph');
          this.rebuild();
        }
        const now = this.store.dataVersion();
        if (now === seen && !force) return;
        const rebuilds = this.rebuilds;
        // In slices of 50 ms, the server answering in between, until the log is applied.
        if (this.catchUp(50)) {
          setImmediate(() => check(true, false, compare));
          return;
        }
        if (!pushes || compare) {
          const next = this.store.graphMark();
          if (this.rebuilds === rebuilds && this.mark !== null && !marksAgree(this.mark, this.sinceMark, next)) {
            this.log('newsgraph: stored extractions changed (reindex); rebuilding the graph');
            this.rebuild();
          }
          this.mark = next;
          this.sinceMark.clear();
        }
        // Only once all of it is applied: an error above leaves the next poll to try again.
        seen = now;
      } catch (error) {
        // The database is unreachable for now (a restart, the network): the next check tries again.
        this.log(`newsgraph: cannot follow the database: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.checking = false;
      }
    };
    this.watcher = setInterval(() => check(false, false, false), ms);
    this.watcher.unref();
    // A burst of notifications costs one check; a reindex (one notice per document) one rebuild, a second after
    // its last notice.
    this.stopListening = this.store.onCommit((what) => {
      if (what === 'reindex') {
        if (this.reindexTimer) clearTimeout(this.reindexTimer);
        this.reindexTimer = setTimeout(() => {
          this.reindexTimer = null;
          check(true, true, false);
        }, 1000);
        this.reindexTimer.unref();
        return;
      }
      if (what === 'resync') {
        setImmediate(() => check(true, false, true));
        return;
      }
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        check(true, false, false);
      });
    });
    pushes = this.stopListening !== null;
    // What was committed while the graph loaded.
    setImmediate(() => check(true, false, false));
  }

  private watching = false;
  private reindexTimer: NodeJS.Timeout | null = null;
  /** What the graph was built from at the last look (null after a rebuild: the next look takes it as it is). */
  private mark: string | null = null;
  /** Extractions added to the graph since that look, by extractor version. */
  private readonly sinceMark = new Map<string, number>();

  unwatch(): void {
    this.watching = false;
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
    this.stopListening?.();
    this.stopListening = null;
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.reindexTimer = null;
    if (this.analyticsTimer) clearTimeout(this.analyticsTimer);
    this.analyticsTimer = null;
  }

  /**
   * Applies the change log past what the graph includes: an added document (its stored extraction and story) in
   * place, anything else by a rebuild. A document already in the graph (written through this service) is skipped.
   * Stops after `budgetMs` so that a server keeps answering during a long burst of writes; returns whether changes
   * are left.
   */
  catchUp(budgetMs = Number.POSITIVE_INFINITY): boolean {
    const end = performance.now() + budgetMs;
    for (;;) {
      const batch = this.store.changesAfter(this.applied, 100);
      if (batch.length === 0) return false;
      for (const c of batch) {
        const generation = this.rebuilds;
        if (c.kind !== 'document_added' || !c.documentId) {
          this.log(`newsgraph: the database changed (${c.kind === 'curation' ? `curation: ${c.op}` : `${c.documentId} removed`}); rebuilding the graph`);
          this.rebuild();
          break;
        }
        if (!this.index.document(c.documentId)) {
          const stored = this.store.document(c.documentId);
          const listed = stored && stored.storyId !== stored.id && this.index.document(stored.storyId)?.sources.some((s) => s.id === stored.id);
          const extraction = stored && !listed ? this.store.extraction(c.documentId) : null;
          // Gone again (a removal further on in the log rebuilds), or a copy its story already lists: nothing to add.
          if (stored && extraction)
            this.addDocument(extraction, { id: stored.id, url: stored.url, source: stored.source, storyId: stored.storyId, similarity: stored.similarity });
        }
        if (this.rebuilds !== generation) break;
        this.applied = c.seq;
        if (performance.now() >= end) return true;
      }
    }
  }

  /** How far the served graph is behind the database's change log (a replica's lag, for /readyz). */
  lag(): { applied: number; latest: number; behind: number; seconds: number } {
    const latest = this.store.lastChangeSeq();
    const behind = Math.max(0, latest - this.applied);
    const first = behind > 0 ? this.store.changesAfter(this.applied, 1)[0] : undefined;
    const seconds = first ? Math.max(0, (Date.now() - Date.parse(first.at)) / 1000) : 0;
    return { applied: this.applied, latest, behind, seconds };
  }

  rebuild(): void {
    // The log's position first: changes committed while loading are applied again by catchUp, which skips them.
    const seq = this.store.lastChangeSeq();
    const built = loadGraphState(this.store);
    this.index = built.index;
    this.state = built.state;
    this.applied = seq;
    this.rebuilds++;
    this.mark = null;
    this.sinceMark.clear();
    this.startAnalytics();
    this.announceChanges();
  }

  documentsContaining(needle: string): ReadonlySet<string> {
    return this.store.documentsContaining(needle);
  }

  documentText(id: string): string | null {
    return this.store.documentText(id);
  }

  extractions(): Iterable<Extraction> {
    return this.store.extractions();
  }

  ingest(input: IngestRequest): IngestOutcome {
    const doc = apiDocument(input);
    const existing = this.store.findByContent(doc.contentHash);
    if (existing) {
      // The same text as a stored copy: its story's canonical document answers.
      const shown = this.store.document(existing)?.storyId ?? existing;
      const info = this.index.document(shown);
      if (!info) throw new NotFoundError(`ingestDocument: stored document ${shown} is missing from the graph; restart the server to rebuild it.`);
      return { document: info, added: false, entities: 0, relations: 0, events: 0 };
    }
    const extraction = extractDocument(doc);
    const stored = this.store.ingest(doc, extraction);
    this.addDocument(extraction, { id: doc.id, url: doc.url, source: doc.source, storyId: stored.storyId, similarity: stored.similarity });
    // Steps over this document's own change (already in the graph), so the lag /readyz reports stays true.
    this.catchUp();
    // A near-copy answers with its story's canonical document, whose sources now list it; its facts were counted there.
    if (stored.storyId !== doc.id) return { document: this.index.document(stored.storyId) as DocumentInfo, added: true, entities: 0, relations: 0, events: 0 };
    const info = this.index.document(doc.id) as DocumentInfo;
    return { document: info, added: true, entities: extraction.entities.length, relations: extraction.relations.length, events: extraction.events.length };
  }

  /** Adds a stored document to the served graph in place; rebuilds instead when it changes earlier merges. */
  private addDocument(extraction: Extraction, meta: DocumentMeta): void {
    const started = performance.now();
    this.sinceMark.set(extraction.extractor, (this.sinceMark.get(extraction.extractor) ?? 0) + 1);
    const next = addToIndex(this.index, this.state, extraction, meta);
    if (!next) {
      this.log(
        isCopy(meta)
          ? `newsgraph: document ${extraction.document.id} joins story ${meta.storyId}, which is not in the served graph; rebuilding the graph`
          : `newsgraph: document ${extraction.document.id} changes how earlier documents' entities merge; rebuilding the graph`,
      );
      this.rebuild();
      return;
    }
    this.index = next;
    this.incrementalUpdates++;
    this.lastUpdateMs = performance.now() - started;
    this.scheduleAnalytics();
    this.announceChanges();
  }

  remove(id: string): boolean {
    const removed = this.store.removeDocument(id);
    if (removed) this.rebuild();
    return removed;
  }

  merge(ids: string[], into: string): EntityNode {
    const target = this.index.resolve(into, 'mergeEntities.into');
    const sources = ids.map((id) => this.index.resolve(id, 'mergeEntities.ids'));
    for (const s of sources) {
      if (s.type !== target.type)
        throw new InvalidInputError(`mergeEntities: ${s.id} is a ${s.type} and ${target.id} a ${target.type}; only entities of one type merge.`);
    }
    this.store.addCuration('merge', { ids: sources.map((s) => s.id), into: target.id });
    this.rebuild();
    return this.index.node(target.id);
  }

  rename(id: string, name: string): EntityNode {
    const node = this.index.resolve(id, 'renameEntity.id');
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) throw new InvalidInputError('renameEntity: the new name is empty.');
    this.store.addCuration('rename', { id: node.id, name: clean });
    this.rebuild();
    return this.index.node(node.id);
  }

  addAlias(id: string, alias: string): EntityNode {
    const node = this.index.resolve(id, 'addAlias.id');
    const clean = alias.replace(/\s+/g, ' ').trim();
    if (!clean) throw new InvalidInputError('addAlias: the alias is empty.');
    this.store.addCuration('alias', { id: node.id, alias: clean });
    this.rebuild();
    return this.index.node(node.id);
  }
}
