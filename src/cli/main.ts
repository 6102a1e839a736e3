// The newsgraph command line: argument parsing, output and exit codes only; the work is in the layers.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { ConfigError, InvalidInputError, isKgError, NotFoundError, UsageError } from '../errors.js';
import { decodeText, formatOf, type InputFormat, parseText, readDocumentFile, parseJsonlLine } from '../ingest/index.js';
import { EXTRACTOR_VERSION, extract } from '../nlp/index.js';
import { ingestStream, loadIndex, reindex, type WarcSummary } from '../pipeline.js';
import type { ChangeFeed } from '../graphql/context.js';
import { DEFAULT_WORKERS } from '../workers/extract-pool.js';
import { type DocumentStore, openStore as openLocation } from '../store/index.js';

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_BAD_INPUT = 2;

const HELP: Record<string, string> = {
  main: `newsgraph — news articles in, an evidence-backed knowledge graph out, served over GraphQL.

Usage: newsgraph <command> [options]

Commands:
  extract FILE|-        print the extraction of one article as JSON (the extraction contract)
  extract --jsonl       read {"id","text",...} lines on stdin, write one extraction per line
  build --input PATH    ingest a file or directory into the database (idempotent)
  serve                 serve the stored graph: GraphQL API and IDE at /graphql
  query '<graphql>'     run one GraphQL query against the stored graph and print the result
  export --format F     write the graph as json, gexf, graphml, cyjs, neo4j (CSV), dot, jsonl or geojson
  reindex               re-extract stored documents after the extraction rules changed
  watch --feeds FILE    poll RSS/Atom feeds, fetch each new article page and store it (--every 15m, --once)
  worker                take queued documents from a PostgreSQL database, extract and store them
  status                the PostgreSQL job queue: queued, running, done, failed, rates
  eval GOLD             score extraction against a gold file (.json), a folder of them, or CoNLL JSONL (.jsonl)

Run "newsgraph <command> --help" for a command's options.
Exit codes: 0 ok, 2 bad input or usage, 1 internal error.`,
  extract: `Usage: newsgraph extract FILE [--format txt|md|html|jsonl] [--pretty]
       newsgraph extract - [--format ...]          (read one article from stdin)
       newsgraph extract --jsonl < docs.jsonl      (one {"id","text","title"?,"publishedAt"?} per line)

Prints the extraction: document, entities with mentions and offsets, relations and events with evidence.
A .jsonl FILE is read like --jsonl. In --jsonl mode a bad line yields {"id", "error"} and the exit code is 2.`,
  build: `Usage: newsgraph build --input PATH [--db FILE|URL] [--workers N] [--enqueue]

Reads PATH (a .txt, .md, .html or .jsonl file, or a directory of them), extracts each document and stores it.
JSONL is streamed line by line, WARC (.warc, .warc.gz) record by record: its HTML responses are read, the other records
skipped and counted in the summary. Extraction runs in N worker threads (default: ${DEFAULT_WORKERS}), each document with a
60-second budget. A progress bar shows documents per second and the ETA.
Documents already stored (same content) are skipped. Ends with a summary; refused inputs make the exit code 2.
--enqueue (PostgreSQL only) reads and queues the documents without extracting them; \`newsgraph worker\` processes,
on this machine or others, take them from the queue (see newsgraph worker --help).
Database: --db, else NEWSGRAPH_DB, else ./data/newsgraph.db; a postgres://user@host/database URL selects PostgreSQL.`,
  worker: `Usage: newsgraph worker [--db URL] [--drain] [--name NAME]

Takes documents queued by \`newsgraph build --enqueue\` from the PostgreSQL database one at a time, extracts each
(60-second budget) and stores it with its job marked done in one transaction. Run as many as there are cores, on any
machine that reaches the database. A worker killed mid-job loses nothing: its job is taken again by the next worker
that asks (after 3 tries it is marked failed). A document that cannot be stored or extracted fails its job, with the
error kept (see newsgraph status). --drain exits when nothing is queued or running; otherwise the worker waits for
new jobs (woken by NOTIFY). SIGTERM or SIGINT finishes the current job, then exits 0.
Database: --db, else NEWSGRAPH_DB (a postgres:// URL).`,
  status: `Usage: newsgraph status [--db URL] [--json] [--retry-failed]

Shows the job queue of a PostgreSQL database: queued, running, done and failed jobs, the rate over the last minute,
the workers seen in the last ten minutes and the latest failures with their errors. --retry-failed queues the
failed jobs again. --json prints the counts as JSON.
Database: --db, else NEWSGRAPH_DB (a postgres:// URL).`,
  serve: `Usage: newsgraph serve [--db FILE] [--port N] [--host ADDR] [--input PATH]

Rebuilds the graph from the database (no NLP) and serves it:
  /graphql  GraphQL API (a browser gets the GraphiQL IDE)     /healthz, /readyz  probes
--input PATH ingests PATH first (as build does). Port: --port, else PORT, else 4000. Host: --host, else HOST, else 127.0.0.1.`,
  eval: `Usage: newsgraph eval GOLD.json [--text ARTICLE | --pred PRED.json] [--json] [--verbose]
       newsgraph eval GOLD_DIR [--pred PRED_DIR] [--json] [--verbose]
       newsgraph eval GOLD.jsonl [--pred PRED.jsonl] [--json]

Scores extraction the way ../shared/eval/score-gold.mjs, score-set.mjs and conll-score.mjs do, and prints the same
tables (--json: the same JSON).
Without --pred the article is extracted now: for a gold file, --text, else the file its "document" field names,
looked for in ./seeds and in ../seeds beside the gold file; for a folder, NN.txt beside each NN.gold.json; for
JSONL, the text of each line. With --pred PRED_DIR, PRED_DIR/NN.json is scored (a missing one counts as empty).
A folder gets one line per article and totals micro-averaged over articles.
--verbose lists on stderr missed and wrong entities, missed gold relations and predicted relations with no gold pair
(for a folder, under each gold file's path).`,
  reindex: `Usage: newsgraph reindex [--db FILE]

Re-extracts every stored document whose extraction came from an older extractor version (after the rules changed).
Documents stay; only their extractions are replaced, each in its own transaction.`,
  export: `Usage: newsgraph export --format json|gexf|graphml|cyjs|neo4j|dot|jsonl|geojson [--out PATH] [--db FILE]
                        [--focus NAME --hops N] [--types person,country,...] [--relations a,b]
                        [--min-confidence X] [--cooccurrence]

Writes to stdout unless --out is given; neo4j writes nodes.csv and relationships.csv into the --out folder
(import with: neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
--array-delimiter="U+001F" neo4j). jsonl writes the stored extractions. geojson writes the located places,
countries and events as RFC 7946 points ([lon, lat]). Co-occurrence edges are left out unless --cooccurrence is given.`,
  watch: `Usage: newsgraph watch --feeds FILE [--every 15m] [--once] [--timeout 20s] [--db FILE|URL] [--state FILE]

Polls the feeds listed in FILE (RSS 2.0, RSS 1.0 or Atom URLs, one per line; # starts a comment) every --every
(30s, 15m, 1h; at least 10s; default 15m). Each poll asks each feed with If-None-Match/If-Modified-Since (304: nothing
to do), and for each item not seen before (by guid or link) fetches its article page, extracts it and stores it; a
running serve on the same database shows it. When the page fails, the item's own content is used if it has any.
Polite: one request at a time per host (4 at most overall), User-Agent newsgraph/VERSION, a --timeout per request,
responses up to 5 MB, backoff after errors, 429 and 503 (Retry-After honoured). What was seen, ETags and backoff
are kept in the database (with a PostgreSQL --db, in the SQLite file --state, default ./data/watch-state.db), so a
restart resumes where it stopped. One summary line per poll. --once polls once and
exits (for cron). SIGTERM or SIGINT aborts in-flight requests, closes the database and exits 0.
Database: --db, else NEWSGRAPH_DB, else ./data/newsgraph.db.`,
  query: `Usage: newsgraph query '<graphql>' [--variables JSON] [--db FILE]

Runs one query against the stored graph and prints the JSON result, e.g.
  newsgraph query '{ entity(name: "Iran") { name type roles { title of { name } } } }'`,
};

class Output {
  constructor(private readonly stream: NodeJS.WritableStream) {}
  line(text: string): void {
    this.stream.write(`${text}\n`);
  }
}

const out = new Output(process.stdout);
const err = new Output(process.stderr);

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(args: string[], options: OptionSpec): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}. See --help.`);
  }
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function checkFormat(value: string | undefined): InputFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'txt' || value === 'md' || value === 'html' || value === 'jsonl') return value;
  throw new UsageError(`extract: --format "${value}" is not one of txt, md, html, jsonl.`);
}

async function cmdExtract(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { jsonl: { type: 'boolean' }, format: { type: 'string' }, pretty: { type: 'boolean' } });
  if (values.help) return help('extract');
  const format = checkFormat(str(values.format));
  const indent = values.pretty ? 2 : undefined;
  if (values.jsonl || (positionals[0] && positionals[0] !== '-' && (format ?? formatOf(positionals[0])) === 'jsonl')) {
    return extractJsonl(positionals[0] && positionals[0] !== '-' ? positionals[0] : null, indent);
  }
  const target = positionals[0];
  if (!target) throw new UsageError('extract: give a FILE, "-" for stdin, or --jsonl. See newsgraph extract --help.');
  if (positionals.length > 1) throw new UsageError(`extract: one FILE at a time (got ${positionals.length}); use build for many.`);
  let doc: ReturnType<typeof readDocumentFile>[number];
  if (target === '-') {
    const text = decodeText(await readStdin(), 'stdin');
    const results = [...parseText(text, format ?? 'txt', 'stdin')];
    const first = results[0];
    if (!first) throw new UsageError('extract: stdin is empty.');
    if (!first.ok) throw first.error;
    doc = first.document;
  } else {
    const docs = readDocumentFile(target, format ?? formatOf(target) ?? 'txt');
    doc = docs[0] as (typeof docs)[number];
  }
  out.line(JSON.stringify(extract(doc), null, indent));
  return EXIT_OK;
}

async function extractJsonl(path: string | null, indent: number | undefined): Promise<number> {
  const { createReadStream } = await import('node:fs');
  const input = path ? createReadStream(path) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  let failures = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    const source = `${path ?? 'stdin'}:${lineNo}`;
    try {
      const doc = parseJsonlLine(line, source);
      out.line(JSON.stringify(extract(doc), null, indent));
    } catch (error) {
      if (!isKgError(error)) throw error;
      failures++;
      let id: unknown = null;
      try {
        id = (JSON.parse(line) as { id?: unknown }).id ?? null;
      } catch {
        id = null;
      }
      out.line(JSON.stringify({ id, error: { code: error.code, message: error.message } }));
      err.line(`newsgraph: ${error.message}`);
    }
  }
  return failures > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

function openStore(config: Config, options: { listen?: boolean } = {}): DocumentStore {
  return openLocation(config.db, { listen: false, ...options });
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Bulk ingest with a progress bar on a terminal (plain lines every few seconds otherwise) and a summary. */
async function runIngest(store: DocumentStore, input: string, workers: number): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  const summary = await ingestStream(store, input, {
    workers,
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < (tty ? 200 : 5000)) return;
      last = now;
      const rate = p.seconds > 0 ? p.done / p.seconds : 0;
      const fraction = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
      const eta = fraction > 0 && fraction < 1 ? clock((p.seconds * (1 - fraction)) / fraction) : '—';
      const bar = `${'█'.repeat(Math.round(fraction * 20)).padEnd(20, '░')}`;
      const line = `${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${p.done} documents  ${rate.toFixed(1)} docs/s  ETA ${eta}  (${p.added} added, ${p.duplicates} already stored, ${p.refused} refused)`;
      if (tty) process.stderr.write(`\r${line}`);
      else err.line(line);
    },
  });
  if (tty) process.stderr.write(`\r${' '.repeat(120)}\r`);
  const rate = summary.seconds > 0 ? (summary.added / summary.seconds).toFixed(1) : '—';
  err.line(
    `newsgraph build: ${summary.added} added, ${summary.duplicates} already stored, ${summary.refused.length} refused (${summary.seconds.toFixed(1)} s, ${rate} docs/s) → ${store.path}`,
  );
  if (summary.warc) err.line(warcLine(summary.warc));
  for (const r of summary.refused.slice(0, 50)) err.line(`  refused: ${r.reason}`);
  if (summary.refused.length > 50) err.line(`  … and ${summary.refused.length - 50} more refusals`);
  return summary.refused.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

/** "WARC: 120 records, 40 HTML responses, 38 added, 2 refused, 80 skipped (40 request, 30 non-HTML, 10 not 200)" */
function warcLine(w: WarcSummary): string {
  const labels: [keyof WarcSummary['skipped'], string][] = [
    ['request', 'request'],
    ['warcinfo', 'warcinfo'],
    ['metadata', 'metadata'],
    ['revisit', 'revisit'],
    ['notOk', 'not 200'],
    ['nonHtml', 'non-HTML'],
    ['otherType', 'other record types'],
  ];
  const parts = labels.filter(([key]) => w.skipped[key] > 0).map(([key, label]) => `${w.skipped[key]} ${label}`);
  const skipped = Object.values(w.skipped).reduce((n, k) => n + k, 0);
  const stored = w.duplicates > 0 ? `${w.duplicates} already stored, ` : '';
  const stopped = w.stoppedEarly > 0 ? `; ${w.stoppedEarly} file${w.stoppedEarly > 1 ? 's' : ''} stopped at a format error (see the refusals)` : '';
  return `WARC${w.files > 1 ? ` (${w.files} files)` : ''}: ${w.records} records, ${w.html} HTML responses, ${w.added} added, ${stored}${w.refused} refused, ${skipped} skipped${parts.length ? ` (${parts.join(', ')})` : ''}${stopped}`;
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WORKERS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers is "${value}"; use a whole number from 0 (extract on the main thread) to 64.`);
  return n;
}

async function cmdBuild(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    input: { type: 'string', short: 'i' },
    db: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    enqueue: { type: 'boolean' },
  });
  if (values.help) return help('build');
  const workers = parseWorkers(str(values.workers));
  const input = str(values.input) ?? positionals[0];
  if (!input) throw new UsageError('build: give --input PATH (a file or a directory). See newsgraph build --help.');
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  try {
    if (values.enqueue) {
      const d = await import('./distributed.js');
      const queue = d.queueOf(store, 'build --enqueue');
      const s = await d.enqueueInput(queue, input, (l) => err.line(l));
      err.line(
        `newsgraph build --enqueue: ${s.queued} queued, ${s.skipped} already stored or queued, ${s.refused.length} refused (${s.seconds.toFixed(1)} s) → ${store.path}`,
      );
      for (const r of s.refused.slice(0, 50)) err.line(`  refused: ${r.reason}`);
      if (s.queued > 0) err.line(`  start workers to extract them: newsgraph worker --db '${store.path}'   (progress: newsgraph status)`);
      return s.refused.length > 0 ? EXIT_BAD_INPUT : EXIT_OK;
    }
    return await runIngest(store, input, workers);
  } finally {
    store.close();
  }
}

async function cmdServe(args: string[]): Promise<number> {
  const { values } = parse(args, {
    db: { type: 'string' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    input: { type: 'string', short: 'i' },
  });
  if (values.help) return help('serve');
  const config = loadConfig(process.env, { db: str(values.db), port: str(values.port), host: str(values.host) });
  const store = openStore(config);
  if (values.input) {
    const code = await runIngest(store, String(values.input), DEFAULT_WORKERS);
    if (code !== EXIT_OK && store.count() === 0) {
      store.close();
      return code;
    }
  }
  // Served from the store by a backend thread, behind a front that answers repeated queries from its cache
  // (see src/server/front.ts). This process keeps no connection of its own.
  store.close();
  const { startFront } = await import('../server/front.js');
  const front = await startFront({
    host: config.host,
    port: config.port,
    bodyLimit: '100kb',
    log: (l) => err.line(l),
    backend: { module: new URL('../server/store-backend.js', import.meta.url).href, args: { db: config.db } },
    server: { production: config.production, corsOrigins: config.corsOrigins, bodyLimit: '100kb', token: config.token },
  }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new ConfigError(
        `serve: cannot listen on ${config.host}:${config.port} (${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}). Pick another with --port or PORT (0 picks a free one).`,
      );
    throw error;
  });
  if (!config.token) err.line('newsgraph: NEWSGRAPH_TOKEN is not set, so writes (mutations) are refused.');
  const outcome = await Promise.race([front.ready.then(() => null), front.failed]).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  if (outcome) {
    await front.close();
    throw new Error(`serve: ${outcome.message}`);
  }
  out.line(`newsgraph: serving ${front.url}/graphql (IDE in a browser), ${front.url}/healthz`);
  const failure = await new Promise<Error | null>((resolve) => {
    const stop = (signal: string): void => {
      err.line(`newsgraph: ${signal}, finishing in-flight requests`);
      front
        .close()
        .catch((e: unknown) => err.line(`newsgraph: error while closing: ${String(e)}`))
        .finally(() => resolve(null));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    void front.failed.then((e) => {
      void front.close().finally(() => resolve(e));
    });
  });
  if (failure) throw new Error(`serve: ${failure.message}`);
  return EXIT_OK;
}

async function cmdQuery(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { variables: { type: 'string' }, db: { type: 'string' } });
  if (values.help) return help('query');
  const query = positionals[0];
  if (!query) throw new UsageError(`query: give the GraphQL text as an argument, e.g. newsgraph query '{ stats { entities } }'.`);
  let variables: Record<string, unknown> | undefined;
  if (values.variables) {
    try {
      variables = JSON.parse(String(values.variables)) as Record<string, unknown>;
    } catch {
      throw new UsageError('query: --variables is not valid JSON. Pass an object such as \'{"name": "Roe"}\'.');
    }
  }
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  try {
    const index = loadIndex(store);
    const { createApollo } = await import('../graphql/schema.js');
    const apollo = createApollo({ production: false, log: (l) => err.line(l) });
    await apollo.start();
    const { Deadline, analyticsInput, computeAnalytics } = await import('../graph/index.js');
    // A one-off command has no event loop to protect: compute analytics here, before the query.
    if (/\b(centrality|communities)\b/.test(query)) index.analytics = computeAnalytics(analyticsInput(index.graph));
    const { LIMITS } = await import('../graphql/limits.js');
    // The change log pages here as over HTTP; nothing commits during one query, so there is nothing to listen for.
    const changes: ChangeFeed = {
      after: (seq, limit) => store.changesAfter(seq, limit),
      countAfter: (seq) => store.countChangesAfter(seq),
      last: () => store.lastChangeSeq(),
      listen: () => () => {},
    };
    const contextValue = {
      index,
      deadline: new Deadline(LIMITS.budgetMs),
      writer: false,
      writes: null,
      documentText: (id: string) => store.documentText(id),
      documentsContaining: (needle: string) => store.documentsContaining(needle),
      changes,
    };
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    await apollo.stop();
    if (response.body.kind !== 'single') throw new Error('query: unexpected incremental response');
    const result = response.body.singleResult;
    out.line(JSON.stringify(result, null, 2));
    if (!result.errors) return EXIT_OK;
    return result.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ? EXIT_INTERNAL : EXIT_BAD_INPUT;
  } finally {
    store.close();
  }
}

async function cmdWorker(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, drain: { type: 'boolean' }, name: { type: 'string' } });
  if (values.help) return help('worker');
  if (positionals.length > 0) throw new UsageError(`worker: unexpected argument "${positionals[0]}". See newsgraph worker --help.`);
  const d = await import('./distributed.js');
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config, { listen: true });
  try {
    const queue = d.queueOf(store, 'worker');
    const name = str(values.name) ?? d.defaultWorkerName();
    const controller = new AbortController();
    const stop = (signal: NodeJS.Signals): void => {
      if (controller.signal.aborted) return;
      err.line(`newsgraph worker ${name}: ${signal}, stopping after the current job`);
      controller.abort();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    err.line(`newsgraph worker ${name}: taking jobs from ${store.path}${values.drain ? ' until the queue is empty' : ''}`);
    const s = await d.runWorker(queue, { name, drain: values.drain === true, signal: controller.signal, log: (l) => err.line(l) });
    err.line(
      `newsgraph worker ${name}: ${s.done} stored, ${s.duplicates} already stored, ${s.failed} failed in ${s.seconds.toFixed(1)} s (${s.cpuSeconds.toFixed(2)} CPU s; after the first job ${s.steadyDocuments} stored in ${s.steadyCpuSeconds.toFixed(2)} CPU s)`,
    );
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function cmdStatus(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' }, 'retry-failed': { type: 'boolean' } });
  if (values.help) return help('status');
  if (positionals.length > 0) throw new UsageError(`status: unexpected argument "${positionals[0]}". See newsgraph status --help.`);
  const d = await import('./distributed.js');
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  try {
    const queue = d.queueOf(store, 'status');
    if (values['retry-failed']) err.line(`newsgraph status: ${queue.retryFailed()} failed jobs queued again`);
    const counts = queue.jobCounts();
    if (values.json) out.line(JSON.stringify(counts, null, 2));
    else for (const line of d.statusText(counts, store.path)) out.line(line);
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function cmdWatch(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    feeds: { type: 'string', short: 'f' },
    every: { type: 'string' },
    once: { type: 'boolean' },
    timeout: { type: 'string' },
    db: { type: 'string' },
    state: { type: 'string' },
  });
  if (values.help) return help('watch');
  if (positionals.length > 0)
    throw new UsageError(`watch: unexpected argument "${positionals[0]}"; give the feed list with --feeds FILE. See newsgraph watch --help.`);
  const feedsPath = str(values.feeds);
  if (!feedsPath) throw new UsageError('watch: give --feeds FILE, a file with one feed URL per line. See newsgraph watch --help.');
  const w = await import('../watch/index.js');
  const everyMs = w.durationFlag('--every', str(values.every) ?? '15m', 10_000, 7 * 24 * 3600_000);
  const timeoutMs = w.durationFlag('--timeout', str(values.timeout) ?? '20s', 1_000, 5 * 60_000);
  const feeds = w.readFeedList(feedsPath);
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  const { WatchState } = await import('../store/watch-state.js');
  let state: ReturnType<typeof WatchState.open>;
  try {
    // Watch's bookkeeping is SQLite: in the database itself, or beside a PostgreSQL one in a file of its own.
    const separate = store.kind === 'postgres' || values.state !== undefined;
    state = WatchState.open(str(values.state) ?? (store.kind === 'postgres' ? 'data/watch-state.db' : config.db), { create: separate });
  } catch (error) {
    store.close();
    throw error;
  }
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    err.line(`newsgraph watch: ${signal}, stopping: in-flight requests are aborted, unfinished items are tried next time`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  err.line(
    `newsgraph watch: ${feeds.length} feed${feeds.length === 1 ? '' : 's'}${values.once ? ', once' : `, every ${w.formatDuration(everyMs)}`} → ${store.path}`,
  );
  try {
    const watcher = new w.Watcher(store, state, { ...w.DEFAULT_WATCH, feeds, everyMs, timeoutMs, log: (line) => err.line(line) });
    await watcher.run(controller.signal, values.once === true);
    return EXIT_OK;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    state.close();
    store.close();
  }
}

async function cmdReindex(args: string[]): Promise<number> {
  const { values } = parse(args, { db: { type: 'string' } });
  if (values.help) return help('reindex');
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  try {
    const r = reindex(store);
    err.line(`newsgraph reindex: ${r.reindexed} documents re-extracted with ${EXTRACTOR_VERSION} (${r.seconds.toFixed(1)} s) → ${store.path}`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function cmdExport(args: string[]): Promise<number> {
  const { values } = parse(args, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    db: { type: 'string' },
    focus: { type: 'string' },
    hops: { type: 'string' },
    types: { type: 'string' },
    relations: { type: 'string' },
    'min-confidence': { type: 'string' },
    cooccurrence: { type: 'boolean' },
  });
  if (values.help) return help('export');
  const ex = await import('../export/index.js');
  const format = str(values.format);
  if (!format || !ex.isExportFormat(format))
    throw new UsageError(`export: --format must be one of ${ex.EXPORT_FORMATS.join(', ')}${format ? ` (got "${format}")` : ''}.`);
  const options = ex.parseExportOptions({
    focus: str(values.focus),
    hops: str(values.hops),
    types: str(values.types),
    relations: str(values.relations),
    minConfidence: str(values['min-confidence']),
    cooccurrence: values.cooccurrence ? 'true' : undefined,
  });
  const config = loadConfig(process.env, { db: str(values.db) });
  const store = openStore(config);
  const { createWriteStream, mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { finished } = await import('node:stream/promises');
  const write = async (chunks: Iterable<string>, path: string | undefined): Promise<void> => {
    const stream = path ? createWriteStream(path) : process.stdout;
    for (const chunk of chunks) if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    if (path) {
      stream.end();
      await finished(stream);
    }
  };
  try {
    const out = str(values.out);
    if (format === 'jsonl') {
      await write(ex.extractionsJsonl(store.extractions()), out);
      return EXIT_OK;
    }
    const prepared = ex.prepareExport(loadIndex(store), options);
    if (format === 'neo4j') {
      if (!out) throw new UsageError('export: the neo4j format writes two files; give --out FOLDER.');
      mkdirSync(out, { recursive: true });
      for (const [name, chunks] of Object.entries(ex.neo4jFiles(prepared))) await write(chunks, join(out, name));
      err.line(`newsgraph export: ${prepared.graph.order} nodes, ${prepared.graph.size} relationships → ${out}; import with: ${ex.NEO4J_IMPORT_COMMAND}`);
      return EXIT_OK;
    }
    await write(ex.exportChunks(format, prepared), out);
    if (out) err.line(`newsgraph export: ${prepared.graph.order} nodes, ${prepared.graph.size} edges → ${out}`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function cmdEval(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { pred: { type: 'string' }, text: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean' } });
  if (values.help) return help('eval');
  const goldPath = positionals[0];
  if (!goldPath) throw new UsageError('eval: give a gold file, e.g. newsgraph eval ../shared/eval/seed.gold.json. See newsgraph eval --help.');
  const { existsSync, readFileSync, statSync } = await import('node:fs');
  const { basename, dirname, join } = await import('node:path');
  const ev = await import('../eval/index.js');
  if (existsSync(goldPath) && statSync(goldPath).isDirectory()) return evalSet(goldPath, str(values.pred), values);
  const readJsonl = (path: string): unknown[] => {
    if (!existsSync(path)) throw new NotFoundError(`eval: ${path} does not exist.`);
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          throw new InvalidInputError(`eval: ${path}:${i + 1} is not valid JSON.`);
        }
      });
  };
  if (goldPath.endsWith('.jsonl')) {
    const gold = readJsonl(goldPath) as import('../eval/index.js').ConllGold[];
    const pred = values.pred
      ? (readJsonl(String(values.pred)) as import('../eval/index.js').ConllPred[])
      : gold.map((g) => extract({ id: g.id, title: null, publishedAt: null, text: g.text }));
    const scores = ev.scoreConll(gold, pred);
    out.line(values.json ? JSON.stringify(scores) : ev.formatConll(scores));
    return EXIT_OK;
  }
  const gold = ev.readGoldFile(goldPath);
  let pred: import('../eval/index.js').Prediction;
  if (values.pred) pred = ev.readPrediction(String(values.pred));
  else {
    const candidates = values.text
      ? [String(values.text)]
      : gold.document
        ? [
            join('seeds', basename(gold.document)),
            join(dirname(goldPath), '..', 'seeds', basename(gold.document)),
            join(dirname(goldPath), basename(gold.document)),
          ]
        : [];
    const article = candidates.find((p) => existsSync(p));
    if (!article)
      throw new UsageError(
        `eval: cannot find the article for ${goldPath}${gold.document ? ` (looked for ${gold.document} in ${candidates.join(', ')})` : ''}. Pass --text ARTICLE or --pred PRED.json.`,
      );
    pred = extractArticle(article);
  }
  if (values.verbose) for (const line of ev.explainGold(gold, pred)) err.line(line);
  const scores = ev.scoreGold(gold, pred);
  out.line(values.json ? JSON.stringify(scores) : ev.formatGold(scores));
  return EXIT_OK;
}

function extractArticle(path: string): ReturnType<typeof extract> {
  const doc = readDocumentFile(path)[0];
  if (!doc) throw new InvalidInputError(`eval: ${path} holds no document.`);
  return extract(doc);
}

/** `eval GOLD_DIR`: every NN.gold.json against NN.txt extracted now, or against PRED_DIR/NN.json (as score-set.mjs). */
async function evalSet(goldDir: string, predDir: string | undefined, values: ParsedArgs['values']): Promise<number> {
  if (values.text) throw new UsageError(`eval: --text names one article; ${goldDir} is a folder, whose articles are its NN.txt files. Drop --text.`);
  const { existsSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const ev = await import('../eval/index.js');
  if (predDir !== undefined && !(existsSync(predDir) && statSync(predDir).isDirectory()))
    throw new NotFoundError(
      `eval: --pred ${predDir} is not a folder. Give the folder holding NN.json predictions, or drop --pred to extract ${goldDir}/NN.txt now.`,
    );
  const articles = ev.readGoldSet(goldDir, { requireText: predDir === undefined });
  const rows = articles.map((a) => {
    let pred: import('../eval/index.js').Prediction;
    if (predDir === undefined) pred = extractArticle(a.textPath);
    else {
      const path = join(predDir, `${a.id}.json`);
      if (existsSync(path)) pred = ev.readPrediction(path);
      else {
        err.line(`missing prediction ${path}: counted as empty`);
        pred = { entities: [], relations: [], events: [] };
      }
    }
    if (values.verbose) {
      err.line(`${a.goldPath}:`);
      for (const line of ev.explainGold(a.gold, pred)) err.line(line);
    }
    return { id: a.id, scores: ev.scoreGold(a.gold, pred) };
  });
  const set = ev.scoreSet(rows);
  out.line(values.json ? JSON.stringify(set) : ev.formatSet(set));
  return EXIT_OK;
}

function help(command: keyof typeof HELP): number {
  out.line(HELP[command] ?? HELP.main ?? '');
  return EXIT_OK;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract':
        return await cmdExtract(rest);
      case 'build':
        return await cmdBuild(rest);
      case 'serve':
        return await cmdServe(rest);
      case 'query':
        return await cmdQuery(rest);
      case 'eval':
        return await cmdEval(rest);
      case 'export':
        return await cmdExport(rest);
      case 'watch':
        return await cmdWatch(rest);
      case 'reindex':
        return await cmdReindex(rest);
      case 'worker':
        return await cmdWorker(rest);
      case 'status':
        return await cmdStatus(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return help('main');
      default:
        throw new UsageError(
          `unknown command "${command}". Commands: extract, build, serve, query, export, watch, reindex, worker, status, eval. See newsgraph --help.`,
        );
    }
  } catch (error) {
    if (isKgError(error)) {
      err.line(`newsgraph: ${error.message.split('\n')[0]}`);
      return EXIT_BAD_INPUT;
    }
    err.line(`newsgraph: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.NEWSGRAPH_DEBUG) err.line(error instanceof Error ? (error.stack ?? '') : '');
    return EXIT_INTERNAL;
  }
}
