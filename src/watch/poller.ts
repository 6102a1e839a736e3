// `newsgraph watch`: polls feeds, fetches each new item's page, extracts it and stores it; one summary line per poll.
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors.js';
import { type Document, makeDocument } from '../ingest/document.js';
import { type FeedItem, itemDocument, itemSource, readFeed } from '../ingest/feed.js';
import { parseHtml } from '../ingest/formats.js';
import { extractDocument } from '../pipeline.js';
import type { DocumentStore } from '../store/index.js';
import type { FeedState, WatchState } from '../store/watch-state.js';
import { decodeBody, FetchError, type FetchResult, fetchUrl, retryAfterMs } from './fetcher.js';
import { AbortedError, BackoffError, DEFAULT_GATE, type GateOptions, HostGate, sleep } from './hosts.js';
import { formatDuration } from './options.js';

export interface WatchOptions {
  feeds: string[];
  everyMs: number;
  /** Per request. */
  timeoutMs: number;
  /** Per response body. */
  maxBytes: number;
  /** Tries of an item whose page fails for now (timeout, 5xx, 429) before it is given up. */
  maxAttempts: number;
  gate: GateOptions;
  /** A failing feed waits this long before it is asked again, doubling with each failure in a row up to feedMaxBackoffMs. */
  feedBackoffMs: number;
  feedMaxBackoffMs: number;
  log: (line: string) => void;
}

export const DEFAULT_WATCH: Omit<WatchOptions, 'feeds' | 'log'> = {
  everyMs: 15 * 60_000,
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxAttempts: 3,
  gate: DEFAULT_GATE,
  feedBackoffMs: 60_000,
  feedMaxBackoffMs: 6 * 3600_000,
};

export interface PollSummary {
  poll: number;
  feeds: number;
  notModified: number;
  /** Feeds skipped this poll because they are backing off after errors or a Retry-After. */
  backingOff: number;
  /** Items not seen before (by guid or link) that this poll tried. */
  newItems: number;
  added: number;
  /** New items whose text was already stored (the same article under another link, or in another feed). */
  duplicates: number;
  refused: { source: string; short: string; reason: string }[];
  /** Items whose page failed for now and that have no text of their own: tried again next poll. */
  retry: { source: string; reason: string }[];
  errors: { feed: string; short: string; reason: string }[];
  /** The poll was stopped (SIGTERM/SIGINT) before it finished. */
  interrupted: boolean;
  seconds: number;
}

type ItemOutcome = 'added' | 'duplicate' | 'refused' | 'pending';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

const isStop = (error: unknown): boolean => error instanceof AbortedError || (error instanceof FetchError && error.kind === 'aborted');
const isHttp = (link: string | null): link is string => link !== null && /^https?:\/\//i.test(link);

/** The key an item is remembered by: its guid (or Atom id), else its link, else a hash of what it says; per feed. */
export function itemKey(feed: string, item: FeedItem): string {
  const own = item.guid ?? item.link;
  if (own) return `${feed} ${own}`;
  const hash = createHash('sha256')
    .update(`${item.title ?? ''}\n${item.content.map((c) => c.value).join('\n')}`)
    .digest('hex')
    .slice(0, 32);
  return `${feed} sha256:${hash}`;
}

/** A page answer that is worth reading; otherwise why not, and whether trying later could help. */
type PageFailure = { reason: string; short: string; transient: boolean };

export class Watcher {
  private readonly gate: HostGate;
  private polls = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly state: WatchState,
    private readonly options: WatchOptions,
  ) {
    this.gate = new HostGate(options.gate);
  }

  /** Polls until the signal aborts (or once); each poll ends with its summary line. */
  async run(signal: AbortSignal, once: boolean): Promise<PollSummary[]> {
    const summaries: PollSummary[] = [];
    for (;;) {
      const started = Date.now();
      const summary = await this.poll(signal);
      summaries.push(summary);
      const last = once || signal.aborted;
      this.options.log(formatSummary(summary, last ? null : this.options.everyMs));
      for (const line of detailLines(summary)) this.options.log(line);
      if (last) return summaries;
      try {
        await sleep(Math.max(0, started + this.options.everyMs - Date.now()), signal);
      } catch {
        return summaries;
      }
    }
  }

  /** One poll of every feed, feeds and pages of different hosts in parallel. Never throws for a feed's failure. */
  async poll(signal: AbortSignal): Promise<PollSummary> {
    const started = performance.now();
    const summary: PollSummary = {
      poll: ++this.polls,
      feeds: this.options.feeds.length,
      notModified: 0,
      backingOff: 0,
      newItems: 0,
      added: 0,
      duplicates: 0,
      refused: [],
      retry: [],
      errors: [],
      interrupted: false,
      seconds: 0,
    };
    const claimed = new Set<string>();
    const feedStates: FeedState[] = [];
    const results = await Promise.allSettled(this.options.feeds.map((feed) => this.pollFeed(feed, signal, summary, claimed, feedStates)));
    // One commit for every feed's state: a running serve rebuilds its graph on each commit it sees from another
    // process, so a quiet poll (all 304) costs it one rebuild, not one per feed.
    try {
      this.state.saveFeeds(feedStates);
    } catch (error) {
      const reason = `watch.poll: the feeds' state was not saved (${error instanceof Error ? error.message : String(error)}); their items are looked at again next poll.`;
      summary.errors.push({ feed: 'state', short: 'state not saved', reason });
    }
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      if (isStop(r.reason)) summary.interrupted = true;
      else {
        // Not a failure of the feed (those are recorded by pollFeed) but of ours, e.g. the database busy for too long.
        const reason = r.reason instanceof Error ? r.reason.message : String(r.reason);
        summary.errors.push({ feed: this.options.feeds[i] ?? '', short: reason.slice(0, 80), reason });
      }
    });
    if (signal.aborted) summary.interrupted = true;
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  private async pollFeed(url: string, signal: AbortSignal, summary: PollSummary, claimed: Set<string>, feedStates: FeedState[]): Promise<void> {
    const prev: FeedState = this.state.feed(url) ?? {
      url,
      etag: null,
      lastModified: null,
      lastPollAt: null,
      lastStatus: null,
      failures: 0,
      retryAt: null,
      lastError: null,
    };
    if (prev.retryAt && Date.parse(prev.retryAt) > Date.now()) {
      summary.backingOff++;
      return;
    }
    const polled: FeedState = { ...prev, lastPollAt: new Date().toISOString() };
    const fail = (short: string, reason: string, retryAfter: number | null): void => {
      const failures = prev.failures + 1;
      const backoff = Math.min(this.options.feedMaxBackoffMs, this.options.feedBackoffMs * 2 ** (failures - 1));
      const retryAt = new Date(Date.now() + Math.max(backoff, retryAfter ?? 0)).toISOString();
      feedStates.push({ ...polled, lastStatus: short, failures, retryAt, lastError: reason });
      summary.errors.push({ feed: url, short, reason });
    };
    let res: FetchResult;
    try {
      res = await this.request(url, signal, { accept: FEED_ACCEPT, etag: prev.etag, lastModified: prev.lastModified });
    } catch (error) {
      if (isStop(error)) throw error;
      if (error instanceof BackoffError) {
        summary.backingOff++;
        return;
      }
      if (!(error instanceof FetchError)) throw error;
      fail(error.message, `watch.pollFeed: ${url}: ${error.message}. It is asked again after a backoff.`, null);
      return;
    }
    if (res.status === 304) {
      feedStates.push({ ...polled, lastStatus: '304', failures: 0, retryAt: null, lastError: null });
      summary.notModified++;
      return;
    }
    if (res.status < 200 || res.status > 299) {
      const retryAfter = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after')) : null;
      const wait = retryAfter !== null ? ` (Retry-After: ${formatDuration(retryAfter)})` : '';
      fail(`HTTP ${res.status}`, `watch.pollFeed: ${url} answered HTTP ${res.status}${wait}. It is asked again after a backoff.`, retryAfter);
      return;
    }
    let items: FeedItem[];
    try {
      items = readFeed(decodeBody(res.body, res.headers.get('content-type')), url, res.url).items;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      fail('not a feed', error.message, null);
      return;
    }
    const fresh: { item: FeedItem; key: string; attempts: number }[] = [];
    for (const item of items) {
      const key = itemKey(url, item);
      // The same article twice in this poll (repeated in a feed, or in two feeds): once is enough.
      if (claimed.has(key) || (item.link && claimed.has(item.link))) continue;
      const seen = this.state.item(key, item.link);
      if (seen && seen.status !== 'pending') continue;
      claimed.add(key);
      if (item.link) claimed.add(item.link);
      fresh.push({ item, key, attempts: seen?.attempts ?? 0 });
    }
    summary.newItems += fresh.length;
    const outcomes = await Promise.allSettled(fresh.map((f) => this.processItem(url, f.item, f.key, f.attempts, signal, summary)));
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    // Validators are kept only once every new item is dealt with: a 304 next time would otherwise hide the ones left to retry.
    const settled = outcomes.every((o) => o.status === 'fulfilled' && o.value !== 'pending');
    feedStates.push({
      ...polled,
      etag: settled ? res.headers.get('etag') : prev.etag,
      lastModified: settled ? res.headers.get('last-modified') : prev.lastModified,
      lastStatus: String(res.status),
      failures: 0,
      retryAt: null,
      lastError: null,
    });
  }

  /** Fetches the item's page (its own content when the page fails), extracts and stores it, and records the outcome. */
  private async processItem(feed: string, item: FeedItem, key: string, attempts: number, signal: AbortSignal, summary: PollSummary): Promise<ItemOutcome> {
    const link = item.link;
    let doc: Document | null = null;
    let failure: PageFailure | null = null;
    if (isHttp(link)) {
      const page = await this.fetchPage(link, item, signal);
      if ('doc' in page) doc = page.doc;
      else failure = page;
    }
    if (!doc) {
      try {
        doc = itemDocument(item, feed);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        return this.refuseOrRetry(feed, item, key, attempts, failure, error.message, summary);
      }
    }
    const stored = this.store.findByContent(doc.contentHash);
    if (stored) {
      this.state.recordItem({ key, link, feed, status: 'duplicate', documentId: stored });
      summary.duplicates++;
      return 'duplicate';
    }
    let extraction: ReturnType<typeof extractDocument>;
    try {
      extraction = extractDocument(doc);
    } catch (error) {
      // As a bulk build does with a document its worker fails on: refused, with the reason, and not tried again.
      const reason = `watch.extract: ${doc.source}: extraction failed (${error instanceof Error ? error.message : String(error)}).`;
      this.state.recordItem({ key, link, feed, status: 'refused', reason });
      summary.refused.push({ source: doc.source, short: 'extraction failed', reason });
      return 'refused';
    }
    try {
      const result = this.store.ingest(doc, extraction);
      this.state.recordItem({ key, link, feed, status: result.status, documentId: result.id });
      if (result.status === 'added') summary.added++;
      else summary.duplicates++;
      return result.status;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      this.state.recordItem({ key, link, feed, status: 'refused', reason: error.message });
      summary.refused.push({ source: doc.source, short: 'refused by the store', reason: error.message });
      return 'refused';
    }
  }

  private refuseOrRetry(
    feed: string,
    item: FeedItem,
    key: string,
    attempts: number,
    failure: PageFailure | null,
    noText: string,
    summary: PollSummary,
  ): ItemOutcome {
    const source = item.link ?? itemSource(feed, item);
    if (!failure) {
      this.state.recordItem({ key, link: item.link, feed, status: 'refused', reason: noText });
      summary.refused.push({ source, short: 'no text', reason: noText });
      return 'refused';
    }
    if (failure.transient && attempts + 1 < this.options.maxAttempts) {
      const reason = `watch.fetchPage: ${source}: ${failure.reason}, and the feed item has no text of its own; tried again next poll (attempt ${attempts + 1} of ${this.options.maxAttempts}).`;
      this.state.recordItem({ key, link: item.link, feed, status: 'pending', reason });
      summary.retry.push({ source, reason });
      return 'pending';
    }
    const reason = failure.transient
      ? `watch.fetchPage: ${source}: gave up after ${attempts + 1} attempts (last: ${failure.reason}), and the feed item has no text of its own.`
      : `watch.fetchPage: ${source}: ${failure.reason}, and the feed item has no text of its own. It is not tried again.`;
    this.state.recordItem({ key, link: item.link, feed, status: 'refused', reason });
    summary.refused.push({ source, short: failure.transient ? `gave up: ${failure.short}` : failure.short, reason });
    return 'refused';
  }

  /**
   * One GET through the host gate. The host's backoff is settled before the gate lets its next request go: an error,
   * a timeout, 429 or 5xx backs the host off (Retry-After honoured on 429 and 503); any other answer clears it.
   */
  private request(url: string, signal: AbortSignal, headers: { accept: string; etag?: string | null; lastModified?: string | null }): Promise<FetchResult> {
    return this.gate.run(url, signal, async () => {
      try {
        const res = await fetchUrl(url, { timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes, signal, ...headers });
        if (res.status === 429 || res.status >= 500)
          this.gate.failed(url, res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after')) : null);
        else this.gate.succeeded(url);
        return res;
      } catch (error) {
        if (error instanceof FetchError && (error.kind === 'timeout' || error.kind === 'network')) this.gate.failed(url);
        throw error;
      }
    });
  }

  /** The item's article page as a document, or why there is none (transient failures may be retried). */
  private async fetchPage(link: string, item: FeedItem, signal: AbortSignal): Promise<{ doc: Document } | PageFailure> {
    let res: FetchResult;
    try {
      res = await this.request(link, signal, { accept: PAGE_ACCEPT });
    } catch (error) {
      if (isStop(error)) throw error;
      if (error instanceof BackoffError) return { reason: 'its host is backing off', short: 'host backing off', transient: true };
      if (!(error instanceof FetchError)) throw error;
      if (error.kind === 'too-large') return { reason: error.message, short: 'page too large', transient: false };
      return { reason: error.message, short: error.kind === 'timeout' ? 'timed out' : 'no connection', transient: true };
    }
    if (res.status === 429 || res.status >= 500) {
      return { reason: `HTTP ${res.status}`, short: `HTTP ${res.status}`, transient: true };
    }
    if (res.status < 200 || res.status > 299) return { reason: `HTTP ${res.status}`, short: `HTTP ${res.status}`, transient: false };
    const type = res.headers.get('content-type');
    if (type && !/html|xml/i.test(type)) return { reason: `not an HTML page (${type.split(';')[0]})`, short: 'not HTML', transient: false };
    try {
      const page = parseHtml(decodeBody(res.body, type), link);
      // Title and date from the feed when the page lacks them; the address answered when the page names none.
      return {
        doc: makeDocument({
          text: page.text,
          title: page.title ?? item.title,
          publishedAt: page.publishedAt ?? item.publishedAt,
          url: page.url ?? (res.url || link),
          source: link,
        }),
      };
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      return { reason: error.message.replace(/\.$/, ''), short: 'page unreadable', transient: false };
    }
  }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function grouped(shorts: string[]): string {
  const counts = new Map<string, number>();
  for (const s of shorts) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n > 1 ? `${s} ×${n}` : s)).join(', ');
}

/** `watch: poll 3 — 2 feeds, 1 not modified, 5 new items, 4 added, 1 refused (no text), 0 errors; next in 15m` */
export function formatSummary(s: PollSummary, nextMs: number | null): string {
  const parts = [plural(s.feeds, 'feed'), `${s.notModified} not modified`];
  if (s.backingOff > 0) parts.push(`${s.backingOff} backing off`);
  parts.push(plural(s.newItems, 'new item'), `${s.added} added`);
  if (s.duplicates > 0) parts.push(`${s.duplicates} already stored`);
  parts.push(`${s.refused.length} refused${s.refused.length ? ` (${grouped(s.refused.map((r) => r.short))})` : ''}`);
  if (s.retry.length > 0) parts.push(`${s.retry.length} to retry`);
  parts.push(`${plural(s.errors.length, 'error')}${s.errors.length ? ` (${s.errors.map((e) => `${e.feed}: ${e.short}`).join('; ')})` : ''}`);
  const tail = s.interrupted ? 'stopped before the poll finished' : nextMs === null ? 'done' : `next in ${formatDuration(nextMs)}`;
  return `watch: poll ${s.poll} — ${parts.join(', ')}; ${tail}`;
}

/** The full messages behind the summary's counts, one per line (at most 20 of each kind). */
export function detailLines(s: PollSummary): string[] {
  const lines: string[] = [];
  const some = <T>(list: T[], line: (x: T) => string): void => {
    for (const x of list.slice(0, 20)) lines.push(line(x));
    if (list.length > 20) lines.push(`  … and ${list.length - 20} more`);
  };
  some(s.errors, (e) => `  error: ${e.reason}`);
  some(s.refused, (r) => `  refused: ${r.reason}`);
  some(s.retry, (r) => `  retry: ${r.reason}`);
  return lines;
}
