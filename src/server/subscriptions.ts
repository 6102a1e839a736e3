// GraphQL over WebSocket (graphql-ws, protocol `graphql-transport-ws`) at /graphql: the change feed's subscription,
// with the same schema, shape limits, cost limit, error masking and read rule as the HTTP API.
import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
// Renamed: a `use…` call reads as a React hook to the linter.
import { useServer as serveGraphqlWs } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { Deadline } from '../graph/index.js';
import type { GraphContext } from '../graphql/context.js';
import { LIMITS } from '../graphql/limits.js';
import { formatError, queryCost, tooExpensive, VALIDATION_RULES } from '../graphql/schema.js';
import type { GraphSource, ServedGraph } from './app.js';

export interface SubscriptionOptions {
  schema: GraphQLSchema;
  source: GraphSource;
  /** NODE_ENV=production: no introspection, as over HTTP. */
  production: boolean;
  /** Origins allowed cross-site, as for CORS over HTTP. */
  corsOrigins: string[];
  /** Largest accepted message, the HTTP body limit. */
  maxPayloadBytes: number;
  budgetMs: number;
  log: (line: string) => void;
}

export interface SubscriptionServer {
  /** Says goodbye (1001) to every open socket, ends their subscriptions, and stops taking new ones. */
  close: () => Promise<void>;
}

/** A refused handshake answers like the HTTP API does: a status and a JSON error naming the fix. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Browsers send Origin on every WebSocket handshake and, unlike fetch, apply no CORS to what comes back: without
 * this check any page the user visits could read the feed from a server on loopback. Same origin (the IDE) and the
 * CORS allow-list pass; programs, which send no Origin, pass too.
 */
function originAllowed(req: IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** graphql-js leaves validation and syntax errors without a code; Apollo gives them these, and so do we. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

/** Only the introspection fields: bounded by the schema, not the data, so no cost estimate (as over HTTP). */
const onlyIntrospection = (document: DocumentNode, operationName: string | null | undefined): boolean =>
  getOperationAST(document, operationName)?.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value.startsWith('__')) ?? false;

export function attachSubscriptions(httpServer: Server, options: SubscriptionOptions): SubscriptionServer {
  const { schema, source } = options;
  const rules = [...specifiedRules, ...VALIDATION_RULES, ...(options.production ? [NoSchemaIntrospectionCustomRule] : [])];
  const format = formatError(options.log);
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => format(e.toJSON(), e));

  /**
   * A subscription's context lives as long as the subscription: it reads the graph served now (not the one of the
   * moment it started), and each pushed change's fields get one time budget (resolvers of one event run in one turn
   * of the event loop). Nothing is written over a WebSocket (see onSubscribe), so it carries no write access at all.
   */
  const contextFor = (graph: ServedGraph): GraphContext => {
    let deadline: Deadline | null = null;
    const served = (): ServedGraph => source() ?? graph;
    return {
      get index() {
        return served().index;
      },
      get deadline() {
        if (!deadline) {
          deadline = new Deadline(options.budgetMs);
          setImmediate(() => {
            deadline = null;
          });
        }
        return deadline;
      },
      writer: false,
      writes: null,
      documentText: (id) => served().documentText(id),
      documentsContaining: (needle) => served().documentsContaining?.(needle) ?? new Set(),
      changes: graph.changes ?? null,
    };
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/graphql') refuse(socket, 404, 'NOT_FOUND', 'No WebSocket endpoint here. Connect to /graphql (graphql-ws protocol).');
    else if (!originAllowed(req, options.corsOrigins))
      refuse(socket, 403, 'FORBIDDEN', `Origin ${req.headers.origin} may not open a WebSocket here. Add it to NEWSGRAPH_CORS_ORIGINS to allow it.`);
    else wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  serveGraphqlWs(
    {
      isProd: options.production,
      // Reads are open, as over HTTP (writes need the bearer token, and writes are not taken here): every
      // connection is accepted, with or without a connection_init payload.
      onSubscribe: (_ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const graph = source();
        if (!graph) return [new GraphQLError('The graph is still loading; retry in a moment (see /readyz).', { extensions: { code: 'UNAVAILABLE' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: LIMITS.tokens });
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run in "operationName".', { extensions: { code: 'BAD_REQUEST' } })];
        // Writes stay on HTTP: there the bearer token is checked and the answer names the graph it made, which is how
        // the front knows to drop its cached answers before the next request. A write here would leave them stale.
        if (operation.operation === 'mutation')
          return [
            new GraphQLError('Mutations are not taken over WebSocket. Send them as POST /graphql with "Authorization: Bearer <token>".', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        const variables = payload.variables ?? {};
        if (!onlyIntrospection(document, payload.operationName)) {
          let cost: number;
          try {
            cost = queryCost(schema, document, variables, payload.operationName);
          } catch (error) {
            if (error instanceof GraphQLError) return [withCode(error, 'BAD_USER_INPUT')];
            throw error;
          }
          if (cost > LIMITS.cost) return [tooExpensive(cost)];
        }
        return { schema, document, operationName: payload.operationName, variableValues: variables, contextValue: contextFor(graph) };
      },
      // Execution errors (a bad cursor, say) arrive in results; refusals before execution arrive here. Both are
      // masked and coded as the HTTP API masks and codes them.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    },
    wss,
  );

  return {
    close: async () => {
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'The server is shutting down');
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      // A client that does not answer the closing handshake does not hold the shutdown up.
      const timer = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 1000);
      await closed;
      clearTimeout(timer);
    },
  };
}
