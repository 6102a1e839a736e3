// Worker-thread entry of the backend behind the front (front.ts): loads the graph, runs Express and Apollo on a
// Unix socket, and tells the front when it is ready and whenever the graph it serves changes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { type GraphSource, graphGeneration, type ServedGraph, type ServerOptions, startServer } from './app.js';

/** What a backend module exports: `createBackend(args, log)` loads a graph and hands back how to serve it. */
export interface Backend {
  source: () => ServedGraph;
  close?: () => void | Promise<void>;
  /** Answers every request itself instead of Express and Apollo (the benchmark's bare limit in the same layout). */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
}
export type BackendFactory = (args: unknown, log: (line: string) => void) => Backend | Promise<Backend>;

/** Sent from the backend to the front. */
export type BackendMessage =
  | { type: 'listening' }
  | { type: 'graph'; generation: number; documents: number }
  | { type: 'log'; line: string }
  | { type: 'failed'; message: string }
  | { type: 'closed' };

/** Sent from the front to the backend. */
export type FrontMessage = { type: 'close' };

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

let announced = 0;
const announce = (): void => {
  const served = source();
  const generation = graphGeneration(served?.index);
  if (generation === announced || !served) return;
  announced = generation;
  send({ type: 'graph', generation, documents: served.index.documents.length });
};
// Writes through the API name their graph in the answer itself; this catches rebuilds started elsewhere
// (another process's `newsgraph build`, picked up by the service's watch).
const poll = setInterval(announce, 100);

port.on('message', (message: FrontMessage) => {
  if (message.type !== 'close') return;
  clearInterval(poll);
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
