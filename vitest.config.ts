// Test runner config: integration tests start real servers and a real browser, so give them time.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) builds. Node loads the CommonJS one for Apollo; make the
    // sources under test load the same file, or graphql's instanceof checks see two copies ("another realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster for the run (NEWSGRAPH_TEST_PG); skipped, loudly, when PostgreSQL is missing.
    globalSetup: ['tests/support/pg-global-setup.ts'],
    // The load test measures memory after a full collection.
    execArgv: ['--expose-gc'],
  },
});
