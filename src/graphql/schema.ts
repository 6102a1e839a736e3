// Loads schema/*.graphql (the source of truth) and builds the Apollo server used over HTTP and by `newsgraph query`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type GraphQLFormattedError,
  GraphQLError,
  type GraphQLSchema,
  getNullableType,
  isListType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LIMITS } from './limits.js';
import { isKgError } from '../errors.js';
import type { GraphContext } from './context.js';
import { resolvers } from './resolvers.js';

/** schema/ sits at the package root, beside src/ and dist/. */
export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');

export function schemaSource(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'))
    .join('\n');
}

const CODE_FOR: Record<string, string> = {
  BAD_INPUT: 'BAD_USER_INPUT',
  USAGE: 'BAD_USER_INPUT',
  CONFIG: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TIMEOUT: 'TIMEOUT',
  UNAVAILABLE: 'UNAVAILABLE',
};

/** graphql-armor throws (a 500 from Apollo) unless told otherwise: report its rejections as validation errors (400). */
const reportAsValidationError = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(error);
};

/**
 * Lists multiply the cost of what they contain: by their `first`/`limit`, or by 10 when they have neither. A
 * connection's `edges` are as many as the connection's `first`, already counted there.
 */
const listEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  if (field.name === 'edges' && type.name.endsWith('Connection')) return 1 + childComplexity;
  const n = typeof args.first === 'number' ? args.first : typeof args.limit === 'number' ? args.limit : null;
  if (n !== null) return 1 + Math.max(1, n) * Math.max(1, childComplexity);
  if (isListType(getNullableType(field.type))) return 1 + 10 * Math.max(1, childComplexity);
  return undefined;
};

/** Marks successful read-only answers as cacheable (the server's response cache keeps them until the next write). */
const cacheablePlugin: ApolloServerPlugin<GraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ operation, response, contextValue }) {
        if (operation?.operation === 'query' && response.body.kind === 'single' && !response.body.singleResult.errors) contextValue.markCacheable?.();
      },
    };
  },
};

/** The estimated cost of running `document` (lists multiply their children, see listEstimator). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** The error a query over the cost limit gets. */
export const tooExpensive = (cost: number): GraphQLError =>
  new GraphQLError(`Query is too expensive: estimated cost ${cost}, limit ${LIMITS.cost}. Lower "first" or "limit" on nested lists, or split the query.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: LIMITS.cost, http: { status: 400 } },
  });

/** Refuses, before execution, a query whose estimated cost is over the limit. */
const costLimitPlugin: ApolloServerPlugin<GraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema, operation }) {
        // Introspection (the IDE's schema fetch) is bounded by the schema itself, not by data.
        if (operation?.selectionSet.selections.every((sel) => sel.kind === 'Field' && sel.name.value.startsWith('__'))) return;
        const cost = queryCost(schema, document, request.variables ?? {}, request.operationName);
        if (cost > LIMITS.cost) throw tooExpensive(cost);
      },
    };
  },
};

/** Expected errors keep their message and code; anything unexpected is masked and logged. */
export function formatError(log: (line: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isKgError(original)) {
      const code = CODE_FOR[original.code];
      if (code) return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    log(`graphql: unexpected error: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export interface ApolloOptions {
  production: boolean;
  log: (line: string) => void;
  plugins?: ApolloServerPlugin<GraphContext>[];
}

/** The executable schema: schema/*.graphql with the resolvers, built once per process. */
let built: GraphQLSchema | null = null;
export function executableSchema(): GraphQLSchema {
  built ??= makeExecutableSchema({ typeDefs: schemaSource(), resolvers: resolvers as never });
  return built;
}

/** Validation rules beyond graphql's own (specifiedRules): the shape limits. */
export const VALIDATION_RULES: ValidationRule[] = [
  maxDepthRule({ n: LIMITS.depth, exposeLimits: true, propagateOnRejection: false, onReject: [reportAsValidationError], ignoreIntrospection: true }),
  maxAliasesRule({ n: LIMITS.aliases, exposeLimits: true, propagateOnRejection: false, onReject: [reportAsValidationError] }),
  maxDirectivesRule({ n: LIMITS.directives, exposeLimits: true, propagateOnRejection: false, onReject: [reportAsValidationError] }),
];

export function createApollo(options: ApolloOptions): ApolloServer<GraphContext> {
  return new ApolloServer<GraphContext>({
    schema: executableSchema(),
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Apollo's own token limit answers 400 (graphql-armor's would answer 500).
    parseOptions: { maxTokens: LIMITS.tokens },
    validationRules: VALIDATION_RULES,
    formatError: formatError(options.log),
    // Cache-control hints are unused here and would wrap every resolver in instrumentation.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), costLimitPlugin, cacheablePlugin, ...(options.plugins ?? [])],
  });
}
