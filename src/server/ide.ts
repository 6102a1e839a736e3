// The GraphiQL IDE, served from our own node_modules (no CDN, no external font), opened with example queries.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// Some packages do not export their UMD files; find them beside their package.json instead.
const fileIn = (pkg: string, file: string): string => join(dirname(require.resolve(`${pkg}/package.json`)), file);

/** Files the IDE page loads, all from this server under /ide/ (React 18 UMD builds + GraphiQL 3's bundle). */
const IDE_ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};
const assetCache = new Map<string, Buffer>();

export interface ExampleQuery {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Example tabs, kept beside the seeds in examples/ide-queries.json (they name entities of the seed graph, which
 * have no place in src/); the browser test runs the first one.
 */
export const EXAMPLES_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'ide-queries.json');

let examples: ExampleQuery[] | null = null;

/** Read once per process: the file ships with the package and does not change while it runs. */
export function exampleQueries(): ExampleQuery[] {
  examples ??= readExamples();
  return examples;
}

function readExamples(): ExampleQuery[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(EXAMPLES_PATH, 'utf8'));
    if (Array.isArray(parsed))
      return parsed.filter((q): q is ExampleQuery => typeof q === 'object' && q !== null && typeof (q as ExampleQuery).query === 'string');
  } catch {
    // No examples file: the IDE opens on an empty tab.
  }
  return [];
}

const escapeJsonForHtml = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

export function idePage(): string {
  const tabs = exampleQueries().map((q) => ({ query: q.query, variables: q.variables ? JSON.stringify(q.variables, null, 2) : undefined }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsgraph — GraphQL IDE</title>
<link rel="stylesheet" href="/ide/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the IDE…</div>
<script id="ide-config" type="application/json">${escapeJsonForHtml({ endpoint: '/graphql', tabs })}</script>
<script src="/ide/react.js"></script>
<script src="/ide/react-dom.js"></script>
<script src="/ide/graphiql.js"></script>
<script src="/ide/app.js"></script>
</body>
</html>
`;
}

/** Boots GraphiQL with the example tabs; kept out of the HTML so the page needs no inline script. */
export const IDE_APP_JS = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  // A fresh visit opens on the examples; a returning user keeps the tabs they left.
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: 'variables',
    shouldPersistHeaders: false
  }));
})();
`;

export function readAsset(name: string): { body: Buffer; type: string } | null {
  const asset = Object.hasOwn(IDE_ASSETS, name) ? IDE_ASSETS[name] : undefined;
  if (!asset) return null;
  let body = assetCache.get(name);
  if (!body) {
    body = readFileSync(fileIn(asset.pkg, asset.file));
    assetCache.set(name, body);
  }
  return { body, type: asset.type };
}
