// The front of `newsgraph serve`: a small HTTP server on the main thread in front of the backend (backend.ts), which
// holds the graph, Express and Apollo in a worker thread and listens on a private Unix socket.
//
// Why two heaps: a graph of 100k entities and 500k relations is a heap of about 1 GB, and on a heap that size every
// young-generation collection is slow and promotes garbage, so even a bare handler serves a third of what it serves
// from an empty process. The front keeps the answers of read-only queries until the graph changes and serves them
// from a heap of a few MB. Other JSON POSTs to /graphql go to the backend as a message on the worker port (no HTTP
// parsing or socket writes on the backend's big heap); everything else passes through to the backend's socket
// unchanged, as do the JSON POSTs the backend's runner leaves to Apollo (writes, refusals). The front also answers /healthz
// and /readyz itself, so probes answer while the backend is busy (a rebuild, a long query). WebSocket upgrades
// (subscriptions at /graphql) are tunnelled to the backend byte for byte and never cached.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Agent, createServer, type IncomingHttpHeaders, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { CACHEABLE_HEADER, GRAPH_HEADER, type PlainReply, type RunningServer } from './app.js';
import type { BackendData, BackendMessage, FrontMessage, ReplicaLag } from './backend.js';
import { cacheKey, isJsonPost, isShareable, JSON_TYPE, parseLimit, ResponseCache, readBody, sendCached, sendJson, sendJsonError } from './cache.js';

export interface FrontOptions {
  host: string;
  port: number;
  /** Largest accepted request body ("100kb" notation); the backend enforces the same limit. */
  bodyLimit: string;
  /** Keep successful query answers until the graph changes (default true). */
  responseCache?: boolean;
  log: (line: string) => void;
  /** The module (a file URL) whose createBackend(args, log) loads the graph, and its arguments. */
  backend: { module: string; args: unknown };
  /** Server options handed to the backend. */
  server: BackendData['options'];
}

export interface RunningFront extends RunningServer {
  /** Resolves once the graph is loaded; rejects when the backend fails to load it. */
  ready: Promise<void>;
  /** Resolves with the reason when the backend stops on its own (a failure), never on close(). */
  failed: Promise<Error>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

function spawnBackend(data: BackendData): Worker {
  // No memory reducer in the backend: when a server has been idle a while, V8 starts a full collection to give memory
  // back, marking the whole graph in steps on the thread that answers — on a million entities and five million
  // relations that is 8–18 s during which the first requests after the pause wait (measured: 196 req/s, p99 1.2 s,
  // against 3,400 before the pause). The graph is most of the heap and stays, so there is little to give back. V8
  // reads the flag when an isolate's heap is set up: it is set here, before the worker's isolate exists (it also
  // applies to isolates made later in this process, none of which holds much).
  setFlagsFromString('--no-memory-reducer');
  if (import.meta.url.endsWith('.ts')) {
    const url = new URL('./backend.ts', import.meta.url).href;
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, {
      eval: true,
      workerData: data,
    });
  }
  return new Worker(fileURLToPath(new URL('./backend.js', import.meta.url)), { workerData: data });
}

export async function startFront(options: FrontOptions): Promise<RunningFront> {
  const socketPath = join(tmpdir(), `newsgraph-${process.pid}-${randomBytes(6).toString('hex')}.sock`);
  const limitBytes = parseLimit(options.bodyLimit);
  const cache = new ResponseCache();
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  // The generation of the newest graph the backend has named; answers of older graphs are never kept.
  let generation = 0;
  let owner: object = { generation };
  let documents = 0;
  let loaded = false;
  /** The backend's last word on its change-log position (store-backed servers), for /readyz. */
  let lag: ReplicaLag | null | undefined;
  let failure: Error | null = null;
  let closing = false;
  /** JSON POSTs handed to the backend over the worker port, by number, waiting for its reply. */
  const pending = new Map<number, { res: ServerResponse; done: (reply: PlainReply | null) => void }>();
  let asked = 0;

  const seeGeneration = (g: number): void => {
    if (!(g > generation)) return;
    generation = g;
    owner = { generation };
  };

  const worker = spawnBackend({ module: options.backend.module, args: options.backend.args, socketPath, options: options.server });
  let onReady: { resolve: () => void; reject: (e: Error) => void } = { resolve: () => {}, reject: () => {} };
  const ready = new Promise<void>((resolve, reject) => {
    onReady = { resolve, reject };
  });
  ready.catch(() => {});
  let onFailed: (e: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    onFailed = resolve;
  });
  let onListening: { resolve: () => void; reject: (e: Error) => void } = { resolve: () => {}, reject: () => {} };
  const listening = new Promise<void>((resolve, reject) => {
    onListening = { resolve, reject };
  });
  let onClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    onClosed = resolve;
  });
  const fail = (error: Error): void => {
    if (failure || closing) return;
    failure = error;
    options.log(`newsgraph: ${error.message}`);
    onListening.reject(error);
    onReady.reject(error);
    onFailed(error);
    for (const { res } of pending.values())
      if (!res.headersSent) sendJsonError(res, 502, 'UNAVAILABLE', `The graph backend did not answer (${error.message}); retry in a moment.`);
    pending.clear();
  };
  worker.on('message', (message: BackendMessage) => {
    if (message.type === 'log') options.log(message.line);
    else if (message.type === 'listening') onListening.resolve();
    else if (message.type === 'graph') {
      seeGeneration(message.generation);
      documents = message.documents;
      if (!loaded) {
        loaded = true;
        onReady.resolve();
      }
    } else if (message.type === 'reply') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.done(message.reply);
    } else if (message.type === 'lag') lag = message.lag;
    else if (message.type === 'failed') fail(new Error(`the graph backend failed to load: ${message.message}`));
    else if (message.type === 'closed') onClosed();
  });
  worker.on('error', (error) => fail(new Error(`the graph backend stopped: ${error.stack ?? error.message}`)));
  worker.on('exit', (code) => {
    onClosed();
    if (!closing) fail(new Error(`the graph backend exited (code ${code})`));
  });

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer | null, key: string | null): void => {
    const headers: IncomingHttpHeaders = { ...req.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    if (body) headers['content-length'] = String(body.length);
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      const g = Number(answer.headers[GRAPH_HEADER]);
      seeGeneration(g);
      const keep = key !== null && answer.statusCode === 200 && answer.headers[CACHEABLE_HEADER] === '1' && g === generation;
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || HOP_BY_HOP.includes(name) || name === GRAPH_HEADER || name === CACHEABLE_HEADER) continue;
        out[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      if (keep) {
        const chunks: Buffer[] = [];
        const kept = owner;
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (kept === owner) cache.set(key, kept, Buffer.concat(chunks), String(answer.headers['content-type'] ?? 'application/json'));
        });
      }
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) sendJsonError(res, 502, 'UNAVAILABLE', `The graph backend did not answer (${error.message}); retry in a moment.`);
      else res.destroy(error);
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };

  // A JSON POST /graphql goes to the backend over the worker port: no second HTTP request and response to parse and
  // write on either side, and none of their objects in the backend's big heap. What the backend's runner does not
  // take (writes, introspection, refusals: Apollo's) comes back as null and goes over HTTP.
  const ask = (req: IncomingMessage, res: ServerResponse, raw: string, key: string | null): void => {
    const id = ++asked;
    pending.set(id, {
      res,
      done: (reply) => {
        if (!reply) {
          forward(req, res, Buffer.from(raw, 'utf8'), key);
          return;
        }
        seeGeneration(reply.generation);
        const body = Buffer.from(reply.body, 'utf8');
        res.writeHead(reply.status, { ...reply.headers, 'content-length': body.length });
        res.end(body);
        if (key !== null && reply.status === 200 && reply.cacheable && reply.generation === generation)
          cache.set(key, owner, body, reply.headers['content-type'] ?? JSON_TYPE);
      },
    });
    const message: FrontMessage = {
      type: 'ask',
      id,
      ask: { accept: req.headers.accept, authorization: req.headers.authorization, origin: req.headers.origin, body: raw },
    };
    worker.postMessage(message);
  };

  const respond = (req: IncomingMessage, res: ServerResponse): void => {
    if (!isJsonPost(req)) {
      forward(req, res, null, null);
      return;
    }
    readBody(req, limitBytes).then(
      (raw) => {
        if (raw === null) {
          sendJsonError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${options.bodyLimit}. Send a smaller query.`);
          return;
        }
        const key = options.responseCache !== false && isShareable(req) ? cacheKey(req, raw) : null;
        const hit = key !== null && loaded ? cache.get(key, owner) : null;
        if (hit) sendCached(res, hit);
        else if (loaded) ask(req, res, raw, key);
        else forward(req, res, Buffer.from(raw, 'utf8'), key);
      },
      () => sendJsonError(res, 400, 'BAD_REQUEST', 'The request body could not be read.'),
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') sendJson(res, failure ? 503 : 200, { status: failure ? 'failed' : 'ok' });
    else if (req.method === 'GET' && path === '/readyz') {
      if (failure) sendJson(res, 503, { status: 'failed', reason: failure.message });
      else if (loaded)
        sendJson(
          res,
          200,
          lag === undefined
            ? { status: 'ready', documents }
            : { status: 'ready', documents, changes: lag ?? { error: 'the database cannot be read; see the log' } },
        );
      else sendJson(res, 503, { status: 'loading' });
    } else if (failure) sendJsonError(res, 503, 'UNAVAILABLE', `The server cannot answer: ${failure.message}. Restart it (see its log).`);
    else respond(req, res);
  };

  // An upgrade (a WebSocket at /graphql) is passed to the backend as it came: the request line and headers written
  // again on a new connection to its socket, then bytes both ways until either side closes. The backend checks the
  // path and the origin and answers the handshake; the front keeps nothing of it.
  const tunnels = new Set<Duplex>();
  const tunnel = (req: IncomingMessage, client: Duplex, head: Buffer): void => {
    if (failure) {
      client.end(
        `HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ errors: [{ message: `The server cannot answer: ${failure.message}. Restart it (see its log).`, extensions: { code: 'UNAVAILABLE' } }] })}`,
      );
      return;
    }
    tunnels.add(client);
    const upstream: Socket = connect(socketPath);
    let open = false;
    const close = (): void => {
      tunnels.delete(client);
      client.destroy();
      upstream.destroy();
    };
    // The backend closing its side ends the client's after what it sent is flushed (the WebSocket close frame).
    const finish = (): void => {
      client.end();
    };
    upstream.once('connect', () => {
      open = true;
      let lines = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      upstream.write(`${lines}\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (!open && client.writable)
        client.end(
          `HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ errors: [{ message: `The graph backend did not answer (${error.message}); retry in a moment.`, extensions: { code: 'UNAVAILABLE' } }] })}`,
        );
      close();
    });
    client.on('error', close);
    upstream.on('close', finish);
    client.on('close', close);
  };

  const server: Server = createServer(handle);
  server.on('upgrade', tunnel);
  const stopBackend = async (): Promise<void> => {
    closing = true;
    worker.postMessage({ type: 'close' } satisfies FrontMessage);
    const timeout = setTimeout(() => void worker.terminate(), 10_000);
    await closed;
    clearTimeout(timeout);
    agent.destroy();
    rmSync(socketPath, { force: true });
  };
  try {
    await listening;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    await stopBackend();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    ready,
    failed,
    close: async () => {
      // In-flight requests finish (the backend is still up for them); then the backend closes its database.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      // An open WebSocket lasts as long as its client wants: the backend says goodbye on each (1001, "going away"),
      // which ends its tunnel; any tunnel still open a little later is cut.
      worker.postMessage({ type: 'close-websockets' } satisfies FrontMessage);
      const cut = setTimeout(() => {
        for (const t of tunnels) t.destroy();
      }, 2000);
      await httpClosed;
      clearTimeout(cut);
      await stopBackend();
    },
  };
}
