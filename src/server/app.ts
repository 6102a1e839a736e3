// The HTTP server: Express 5 + Apollo Server 5 on loopback, the offline IDE, health probes and JSON errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { isKgError } from '../errors.js';
import { Deadline } from '../graph/index.js';
import type { ChangeFeed, GraphContext, WriteApi } from '../graphql/context.js';
import { LIMITS } from '../graphql/limits.js';
import { type PlainRequest, QueryRunner, plainRequest } from '../graphql/runner.js';
import { createApollo, executableSchema, formatError, queryCost, VALIDATION_RULES } from '../graphql/schema.js';
import {
  acceptsPlainJson,
  acceptsPlainJsonType,
  cacheKey,
  captureBody,
  isJsonPost,
  isShareable,
  JSON_TYPE,
  parseLimit,
  ResponseCache,
  readBody,
  sendCached,
  sendJsonError,
} from './cache.js';
import type { GraphIndex } from '../graph/index.js';
import type { Extraction } from '../nlp/types.js';
import { explorerBundle, explorerPage } from './explorer/page.js';
import { IDE_APP_JS, idePage, readAsset } from './ide.js';
import { attachSubscriptions } from './subscriptions.js';

export interface ServerOptions {
  host: string;
  port: number;
  /** NODE_ENV=production: no introspection, no schema hints in errors. */
  production: boolean;
  /** Origins allowed cross-site (exact match). */
  corsOrigins: string[];
  /** Largest accepted request body. */
  bodyLimit: string;
  /** Bearer token for writes; null refuses every write. */
  token: string | null;
  /** Time budget of one request's graph walks (default LIMITS.budgetMs). */
  budgetMs?: number;
  /** Keep successful query answers until the next write (default true). */
  responseCache?: boolean;
  /** Listen on this Unix socket instead of host:port (the backend behind a front, see front.ts). */
  socketPath?: string;
  /**
   * Behind a front (front.ts): no cache here; every response names the graph it came from (GRAPH_HEADER) and
   * successful queries say they may be cached (CACHEABLE_HEADER).
   */
  behindFront?: boolean;
  log: (line: string) => void;
}

/** What the server answers from; GraphService is the real one. */
export interface ServedGraph {
  readonly index: GraphIndex;
  documentText(id: string): string | null;
  /** Ids of the stored documents whose text contains the needle (absent when there is no store). */
  documentsContaining?(needle: string): ReadonlySet<string>;
  /** Null serves read-only. */
  readonly writes: WriteApi | null;
  /** The stored extractions, for the JSONL export (absent when there is no store). */
  extractions?(): Iterable<Extraction>;
  /** The store's change log (absent when there is no store: the `changes` fields then say so). */
  readonly changes?: ChangeFeed;
}

/** The graph the server answers from: null until it is loaded (then /readyz turns 200). */
export type GraphSource = () => ServedGraph | null;

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Response header naming the graph generation an answer came from (backend → front, never sent to clients). */
export const GRAPH_HEADER = 'x-newsgraph-graph';
/** Response header marking an answer the front may keep until the graph changes. */
export const CACHEABLE_HEADER = 'x-newsgraph-cacheable';

const generations = new WeakMap<object, number>();
let lastGeneration = 0;
/** A number per graph index, increasing as new indexes appear (0 while nothing is loaded). */
export function graphGeneration(index: object | null | undefined): number {
  if (!index) return 0;
  let g = generations.get(index);
  if (g === undefined) {
    g = ++lastGeneration;
    generations.set(index, g);
  }
  return g;
}

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
  /**
   * Answers a JSON POST /graphql without HTTP (the front hands these over its worker port, see front.ts), or null:
   * send it over HTTP, where Express and Apollo take what the runner does not.
   */
  answer?: (ask: PlainAsk) => Promise<PlainReply | null>;
  /** Closes the open WebSockets only (the front asks for this first, see front.ts); close() does it too. */
  closeWebSockets?: () => Promise<void>;
}

/** A JSON POST /graphql as the front hands it to the backend: the headers an answer depends on, and the body. */
export interface PlainAsk {
  accept: string | undefined;
  authorization: string | undefined;
  origin: string | undefined;
  body: string;
}

/** The answer to a PlainAsk: what the HTTP answer would have been, the graph it came from, and whether it may be kept. */
export interface PlainReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  generation: number;
  cacheable: boolean;
}

const jsonError = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

export async function startServer(source: GraphSource, options: ServerOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const cache = new ResponseCache();
  const exportCache = new WeakMap<GraphIndex, Map<string, string>>();
  const cacheable = new WeakSet<IncomingMessage>();
  const limitBytes = parseLimit(options.bodyLimit);
  const schema = executableSchema();
  const runner = new QueryRunner({
    schema,
    rules: VALIDATION_RULES,
    maxTokens: LIMITS.tokens,
    cost: (document, variables, operationName) => queryCost(schema, document, variables, operationName),
    costLimit: LIMITS.cost,
    formatError: formatError(options.log),
  });
  const contextFor = (service: ServedGraph, req: IncomingMessage, res: ServerResponse): GraphContext =>
    contextOf(service, req.headers.authorization, () => (options.behindFront ? res.setHeader(CACHEABLE_HEADER, '1') : cacheable.add(req)));
  const contextOf = (service: ServedGraph, auth: string | undefined, markCacheable: () => void): GraphContext => {
    return {
      index: service.index,
      deadline: new Deadline(options.budgetMs ?? LIMITS.budgetMs),
      writer: options.token !== null && typeof auth === 'string' && sameSecret(auth, `Bearer ${options.token}`),
      writes: service.writes,
      documentText: (id) => service.documentText(id),
      documentsContaining: service.documentsContaining ? (needle) => service.documentsContaining?.(needle) ?? new Set() : null,
      changes: service.changes ?? null,
      markCacheable,
    };
  };
  const corsOf = (origin: string | undefined): Record<string, string> | null =>
    origin && options.corsOrigins.includes(origin)
      ? {
          'Access-Control-Allow-Origin': origin,
          Vary: 'Origin',
          'Access-Control-Allow-Headers': 'content-type, authorization, apollo-require-preflight',
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        }
      : null;
  const corsHeaders = (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(corsOf(req.headers.origin) ?? {})) res.setHeader(name, value);
  };
  // A plain read query answered by the runner (null: Apollo's to answer), as handle() below sends it over HTTP and the
  // backend sends it to the front over its worker port (answer()).
  const runPlain = async (graph: ServedGraph, plain: PlainRequest, auth: string | undefined, origin: string | undefined): Promise<PlainReply | null> => {
    const done = await runner.run(
      plain,
      contextOf(graph, auth, () => {}),
    );
    if (!done) return null;
    return {
      status: done.status,
      headers: { 'content-type': JSON_TYPE, ...corsOf(origin) },
      body: done.body,
      generation: graphGeneration(graph.index),
      cacheable: done.cacheable,
    };
  };
  const answer = async (ask: PlainAsk): Promise<PlainReply | null> => {
    const graph = source();
    if (!graph || !acceptsPlainJsonType(ask.accept)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(ask.body);
    } catch {
      return null;
    }
    const plain = plainRequest(parsed);
    return plain ? runPlain(graph, plain, ask.authorization, ask.origin) : null;
  };
  const useCache = options.responseCache !== false && !options.behindFront;
  // Every JSON POST /graphql is read here. An exact body (and Accept) answered before from the same graph gets the
  // stored answer; a plain read query is answered by the runner (a shape validated once, then execution); anything
  // else goes on through Express and Apollo with its body already parsed.
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (options.behindFront) {
      // Named when the headers go out, so a write's answer already names the graph it produced.
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as unknown as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args: unknown[]) => {
        if (!res.headersSent) res.setHeader(GRAPH_HEADER, String(graphGeneration(source()?.index)));
        return writeHead(...args);
      };
    }
    if (!isJsonPost(req)) {
      app(req, res);
      return;
    }
    readBody(req, limitBytes).then(
      (raw) => {
        if (raw === null) return sendJsonError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${options.bodyLimit}. Send a smaller query.`);
        const graph = source();
        const shareable = useCache && isShareable(req);
        const key = shareable ? cacheKey(req, raw) : '';
        const hit = shareable && graph ? cache.get(key, graph.index) : null;
        if (hit) return sendCached(res, hit);
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          return sendJsonError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON. Send {"query": "..."} with Content-Type: application/json.');
        }
        // Express's JSON parser skips a request whose body is already read.
        Object.assign(req, { body: parsed, _body: true });
        const viaApollo = (): void => {
          if (shareable && graph) {
            const owner = graph.index;
            captureBody(res, (body) => {
              if (res.statusCode === 200 && cacheable.has(req)) cache.set(key, owner, body, String(res.getHeader('content-type') ?? 'application/json'));
            });
          }
          app(req, res);
        };
        const plain = graph && acceptsPlainJson(req) ? plainRequest(parsed) : null;
        if (!graph || !plain) return viaApollo();
        runPlain(graph, plain, req.headers.authorization, req.headers.origin).then(
          (reply) => {
            if (!reply) return viaApollo();
            const body = Buffer.from(reply.body);
            if (reply.cacheable) {
              if (options.behindFront) res.setHeader(CACHEABLE_HEADER, '1');
              else if (shareable) cache.set(key, graph.index, body, JSON_TYPE);
            }
            res.writeHead(reply.status, { ...reply.headers, 'content-length': body.length });
            res.end(body);
          },
          (error: unknown) => {
            options.log(`graphql: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
          },
        );
      },
      () => sendJsonError(res, 400, 'BAD_REQUEST', 'The request body could not be read.'),
    );
  };
  const httpServer: Server = createServer(handle);
  // Behind the front, the only client is the front's keep-alive agent: closing its idle sockets after the default 5 s
  // races a request the agent is just sending on one (ECONNRESET, a 502 for the user). They are closed on close().
  if (options.socketPath) httpServer.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    if (options.socketPath) httpServer.listen(options.socketPath, () => resolve());
    else httpServer.listen(options.port, options.host, () => resolve());
  });

  const apollo = createApollo({ production: options.production, log: options.log, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  await apollo.start();
  // Upgrades to /graphql: subscriptions over graphql-ws (behind the front, it passes them through to this socket).
  const subscriptions = attachSubscriptions(httpServer, {
    schema,
    source,
    production: options.production,
    corsOrigins: options.corsOrigins,
    maxPayloadBytes: limitBytes,
    budgetMs: options.budgetMs ?? LIMITS.budgetMs,
    log: options.log,
  });

  app.use((req, res, next) => {
    corsHeaders(req, res);
    if (req.method === 'OPTIONS' && res.hasHeader('Access-Control-Allow-Origin')) {
      res.status(204).end();
      return;
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const service = source();
    if (service) res.json({ status: 'ready', documents: service.index.documents.length });
    else res.status(503).json({ status: 'loading' });
  });

  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  const ideHeaders = (res: Response): void => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; script-src 'self'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
  };
  app.get('/ide/app.js', (_req, res) => {
    ideHeaders(res);
    res.type('text/javascript').send(IDE_APP_JS);
  });
  app.get('/ide/:asset', (req, res) => {
    const asset = readAsset(String(req.params.asset));
    if (!asset) {
      jsonError(res, 404, 'NOT_FOUND', `No IDE asset "${req.params.asset}".`);
      return;
    }
    ideHeaders(res);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(asset.type).send(asset.body);
  });
  // The explorer: a sigma.js page bundled at build time, served from here.
  app.get('/explore', (_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; script-src 'self'; worker-src 'self' blob:",
    );
    res.type('text/html').send(explorerPage());
  });
  // What the explorer draws first (src/graph/overview.ts): kept per graph and options until the graph changes.
  const overviewCache = new WeakMap<GraphIndex, { analytics: GraphIndex['analytics']; byKey: Map<string, string> }>();
  app.get('/explore/view.json', async (req, res, next) => {
    try {
      const service = source();
      if (!service) return jsonError(res, 503, 'UNAVAILABLE', 'The graph is still loading; retry in a moment.');
      const { overview, parseOverviewOptions } = await import('../graph/overview.js');
      const q = (name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const options = parseOverviewOptions({ scope: q('scope'), limit: q('limit'), focus: q('focus') });
      const index = service.index;
      const key = JSON.stringify([options.scope ?? '', options.limit ?? 0, options.focus ?? '']);
      // Kept per graph and per analytics answer: the worker sets new analytics on the same index after an update.
      let kept = overviewCache.get(index);
      if (!kept || kept.analytics !== index.analytics) {
        kept = { analytics: index.analytics, byKey: new Map<string, string>() };
        overviewCache.set(index, kept);
      }
      const byKey = kept.byKey;
      let text = byKey.get(key);
      if (text === undefined) {
        text = JSON.stringify(overview(index, options));
        if (byKey.size >= 16) byKey.clear();
        byKey.set(key, text);
      }
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(text);
    } catch (error) {
      next(error);
    }
  });
  app.get('/explore/explorer.js', (_req, res) => {
    const js = explorerBundle();
    if (!js) return jsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'The explorer bundle is missing; run npm run build.');
    res.setHeader('Cache-Control', 'public, max-age=600');
    res.type('text/javascript').send(js);
  });

  // Downloads: /export/json|gexf|graphml|cyjs|dot|jsonl|geojson and /export/neo4j?part=nodes|relationships, with the
  // CLI's options as query parameters; written chunk by chunk so large graphs stream.
  app.get('/export/:format', async (req, res, next) => {
    try {
      const service = source();
      if (!service) return jsonError(res, 503, 'UNAVAILABLE', 'The graph is still loading; retry in a moment.');
      const ex = await import('../export/index.js');
      const format = String(req.params.format);
      if (!ex.isExportFormat(format)) return jsonError(res, 404, 'NOT_FOUND', `No export format "${format}". Use one of ${ex.EXPORT_FORMATS.join(', ')}.`);
      const q = (name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      let chunks: Iterable<string>;
      let filename = `newsgraph.${ex.FILE_EXTENSIONS[format]}`;
      if (format === 'jsonl') {
        if (!service.extractions) return jsonError(res, 404, 'NOT_FOUND', 'This server has no stored extractions to export.');
        chunks = ex.extractionsJsonl(service.extractions());
      } else {
        const plain = Object.keys(req.query).length === 0;
        const cached = plain ? exportCache.get(service.index)?.get(format) : undefined;
        if (cached !== undefined) {
          res.setHeader('Content-Type', `${ex.CONTENT_TYPES[format]}; charset=utf-8`);
          res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
          res.send(cached);
          return;
        }
        const prepared = ex.prepareExport(
          service.index,
          ex.parseExportOptions({
            focus: q('focus'),
            hops: q('hops'),
            types: q('types'),
            relations: q('relations'),
            minConfidence: q('minConfidence'),
            cooccurrence: q('cooccurrence'),
          }),
        );
        if (format === 'neo4j') {
          const part = q('part') ?? 'nodes';
          if (part !== 'nodes' && part !== 'relationships') return jsonError(res, 400, 'BAD_USER_INPUT', 'part must be "nodes" or "relationships".');
          chunks = ex.neo4jFiles(prepared)[`${part}.csv`];
          filename = `${part}.csv`;
        } else if (plain && (format === 'json' || format === 'gexf')) {
          // The explorer loads the whole graph on every visit: keep that answer until the graph changes.
          const text = [...ex.exportChunks(format, prepared)].join('');
          const byFormat = exportCache.get(service.index) ?? new Map<string, string>();
          byFormat.set(format, text);
          exportCache.set(service.index, byFormat);
          chunks = [text];
        } else chunks = ex.exportChunks(format, prepared);
      }
      res.status(200);
      // RFC 7946 registers application/geo+json without parameters (GeoJSON is UTF-8 by definition).
      res.setHeader('Content-Type', format === 'geojson' ? ex.CONTENT_TYPES[format] : `${ex.CONTENT_TYPES[format]}; charset=utf-8`);
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      for (const chunk of chunks) if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
      res.end();
    } catch (error) {
      next(error);
    }
  });

  // A browser asking for /graphql gets the IDE; programs get the API.
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query) {
      ideHeaders(res);
      res.type('text/html').send(idePage());
      return;
    }
    next();
  });

  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphContext> => {
        const service = source();
        if (!service)
          throw new GraphQLError('The graph is still loading; retry in a moment (see /readyz).', {
            extensions: { code: 'UNAVAILABLE', http: { status: 503 } },
          });
        return contextFor(service, req, res);
      },
    }),
  );

  app.use((_req, res) => jsonError(res, 404, 'NOT_FOUND', 'No such route. Try /graphql, /healthz or /readyz.'));
  // Body-parser and other middleware errors: JSON, never an HTML page or a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (isKgError(error))
      return jsonError(res, error.code === 'NOT_FOUND' ? 404 : 400, error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT', error.message);
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large')
      return jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${options.bodyLimit}. Send a smaller query.`);
    if (e.type === 'entity.parse.failed')
      return jsonError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON. Send {"query": "..."} with Content-Type: application/json.');
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return jsonError(res, e.status, 'BAD_REQUEST', e.message ?? 'Bad request.');
    options.log(`http: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return jsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });

  const address = httpServer.address();
  const url =
    typeof address === 'string' || address === null
      ? `unix:${options.socketPath}`
      : `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${(address as AddressInfo).port}`;
  return {
    url,
    server: httpServer,
    answer,
    closeWebSockets: () => subscriptions.close(),
    close: async () => {
      // Open WebSockets would keep the HTTP server from closing: they go first.
      await subscriptions.close();
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
