// Loads schema/*.graphql (the source of truth) and builds the Apollo server used over HTTP and by `newsgraph query`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
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

export function createApollo(options: ApolloOptions): ApolloServer<GraphContext> {
  return new ApolloServer<GraphContext>({
    typeDefs: schemaSource(),
    resolvers,
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: formatError(options.log),
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(options.plugins ?? [])],
  });
}
