// Worker-thread entry of the backend behind the front (front.ts): loads the graph, runs Express and Apollo on a
// Unix socket, and tells the front when it is ready and whenever the graph it serves changes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { type GraphSource, graphGeneration, type PlainAsk, type PlainReply, type ServedGraph, type ServerOptions, startServer } from './app.js';
import { JSON_TYPE } from './cache.js';

/** What a backend module exports: `createBackend(args, log)` loads a graph and hands back how to serve it. */
export interface Backend {
  source: () => ServedGraph;
  close?: () => void | Promise<void>;
  /** Answers every request itself instead of Express and Apollo (the benchmark's bare limit in the same layout). */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
  /** With handler: answers what the front hands over its port itself (null: over HTTP, to handler). */
  answer?: (ask: PlainAsk) => PlainReply | null | Promise<PlainReply | null>;
  /** How far the served graph is behind its database (a store-backed server following other processes' writes). */
  lag?: () => ReplicaLag;
}

/** A server's position in its database's change log: /readyz reports it. */
export interface ReplicaLag {
  /** The newest change the served graph includes. */
  applied: number;
  /** The newest change in the database. */
  latest: number;
  /** Changes not yet applied. */
  behind: number;
  /** Age of the oldest change not yet applied (0 when none). */
  seconds: number;
}
export type BackendFactory = (args: unknown, log: (line: string) => void) => Backend | Promise<Backend>;

/** Sent from the backend to the front. */
export type BackendMessage =
  | { type: 'listening' }
  | { type: 'graph'; generation: number; documents: number }
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string }
  | { type: 'lag'; lag: ReplicaLag | null }
  | { type: 'reply'; id: number; reply: PlainReply | null }
  | { type: 'closed' };

/**
 * Sent from the front to the backend: a JSON POST /graphql to answer without HTTP (a reply with null sends it over
 * HTTP instead); close its WebSockets (the first step of closing), or close altogether.
 */
export type FrontMessage = { type: 'ask'; id: number; ask: PlainAsk } | { type: 'close-websockets' } | { type: 'close' };

export interface BackendData {
  module: string;
  args: unknown;
  socketPath: string;
  options: Omit<ServerOptions, 'log' | 'host' | 'port' | 'socketPath' | 'behindFront' | 'responseCache'>;
}

const port = parentPort;
if (!port) throw new Error('backend.ts runs as a worker thread; start it through startFront().');
const data = workerData as BackendData;
const send = (message: BackendMessage): void => port.postMessage(message);
const log = (line: string): void => send({ type: 'log', line });

let backend: Backend | null = null;
const source: GraphSource = () => backend?.source() ?? null;
const server = await startServer(source, { ...data.options, host: '127.0.0.1', port: 0, socketPath: data.socketPath, behindFront: true, log });
send({ type: 'listening' });

/**
 * A heap this large after a load is a big graph: let it grow by half past what the last full collection kept before
 * the next one. V8's own factor for a large, busy heap is about a tenth; a full collection marks the whole graph —
 * 10–16 s of CPU for a million entities and five million relations on these machines — while a busy API promotes
 * several MB a second of request objects into the old generation, so at a tenth a million-entity server spent most of
 * its time collecting (39 requests a second). Small graphs keep V8's choice, which grows them more than that. The
 * flag takes effect at the next full collection, so one runs now, before the front says the graph is ready, instead
 * of at the first busy moment.
 */
const BIG_HEAP_BYTES = 1024 ** 3;
const BIG_HEAP_GROWING_PERCENT = 50;
let tunedForBig = false;
const tuneHeap = (): void => {
  const big = getHeapStatistics().used_heap_size >= BIG_HEAP_BYTES;
  if (big === tunedForBig) return;
  tunedForBig = big;
  // V8 flags belong to the process; the front's heap is small and collected often either way.
  setFlagsFromString(`--heap-growing-percent=${big ? BIG_HEAP_GROWING_PERCENT : 0}`);
  if (!big) return;
  // A full collection without --expose-gc on the command line: a context made after the flag has gc().
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
};

let announced = 0;
const announce = (): void => {
  const served = source();
  const generation = graphGeneration(served?.index);
  if (generation === announced || !served) return;
  announced = generation;
  tuneHeap();
  send({ type: 'graph', generation, documents: served.index.documents.length });
};
// Writes through the API name their graph in the answer itself; this catches rebuilds started elsewhere
// (another process's `newsgraph build`, picked up by the service's watch).
const poll = setInterval(announce, 100);
// Where the graph stands in its database's change log, for /readyz (a query on the store, so once a second).
const lagPoll = setInterval(() => {
  if (!backend?.lag) return;
  try {
    send({ type: 'lag', lag: backend.lag() });
  } catch (error) {
    log(`newsgraph: cannot read the change log: ${error instanceof Error ? error.message : String(error)}`);
    send({ type: 'lag', lag: null });
  }
}, 1000);
lagPoll.unref();

const answer = (id: number, ask: PlainAsk): void => {
  const reply = (r: PlainReply | null): void => send({ type: 'reply', id, reply: r });
  const by = backend?.handler ? backend.answer : server.answer;
  if (!by) {
    reply(null);
    return;
  }
  Promise.resolve()
    .then(() => by(ask))
    .then(reply, (error: unknown) => {
      log(`graphql: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const body = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      reply({ status: 500, headers: { 'content-type': JSON_TYPE }, body, generation: graphGeneration(source()?.index), cacheable: false });
    });
};

port.on('message', (message: FrontMessage) => {
  if (message.type === 'ask') {
    answer(message.id, message.ask);
    return;
  }
  if (message.type === 'close-websockets') {
    void server.closeWebSockets?.();
    return;
  }
  if (message.type !== 'close') return;
  clearInterval(poll);
  clearInterval(lagPoll);
  void (async () => {
    await server.close();
    await backend?.close?.();
    send({ type: 'closed' });
    port.close();
  })();
});

try {
  const mod = (await import(data.module)) as { createBackend?: BackendFactory };
  if (typeof mod.createBackend !== 'function') throw new Error(`${data.module} does not export createBackend(args, log).`);
  backend = await mod.createBackend(data.args, log);
  const handler = backend.handler;
  if (handler) {
    server.server.removeAllListeners('request');
    server.server.on('request', handler);
  }
  announce();
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
