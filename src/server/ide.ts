// The GraphiQL IDE, served from our own node_modules (no CDN, no external font), opened with example queries.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

/** Example tabs; each works on the seed graph (the browser test runs the first one). */
export const EXAMPLE_QUERIES: ExampleQuery[] = [
  {
    title: 'Who is Araghchi?',
    query: `# Look up an entity by any of its names, and see what the articles say about it.
query WhoIs {
  entity(name: "Araghchi") {
    id
    name
    type
    aliases
    roles { title of { name } }
    relations(first: 10) {
      totalCount
      edges {
        node {
          type
          source { name }
          target { name }
          confidence
          evidence { text document { title } }
        }
      }
    }
  }
}`,
  },
  {
    title: 'How are Araghchi and Biden connected?',
    query: `# Fewest hops between two entities; every edge carries its evidence sentence.
query Connect {
  shortestPath(from: "Abbas Araghchi", to: "Joe Biden") {
    length
    usesCooccurrence
    nodes { name type }
    edges { type source { name } target { name } evidence { text } }
  }
}`,
  },
  {
    title: 'All the ways from Araghchi to Hezbollah',
    query: `# Simple paths of stated relations, shortest first.
query Ways {
  paths(from: "Araghchi", to: "Hezbollah", maxHops: 4, first: 5) {
    length
    nodes { name }
    edges { type }
  }
}`,
  },
  {
    title: 'Neighbourhood of Iran',
    query: `# Everything within one hop of Iran by stated relations, people and organizations only.
query Around {
  neighborhood(id: "country:iran", hops: 1, limit: 25, entityTypes: [PERSON, ORGANIZATION]) {
    truncated
    nodes { name type }
    edges { type source { name } target { name } confidence }
  }
}`,
  },
  {
    title: 'People, most mentioned first',
    query: `# A Relay connection: pass pageInfo.endCursor as "after" for the next page.
query People($after: String) {
  entities(filter: { type: PERSON }, orderBy: { field: MENTIONS, direction: DESC }, first: 5, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name mentionCount degree } }
  }
}`,
  },
  {
    title: 'Search (typos welcome)',
    query: `query Find {
  search(text: "Revolutionery Gard", first: 5) { id name type acronym }
}`,
  },
  {
    title: 'Attacks, by date',
    query: `# Events with their participants; timeline(entity:) gives one entity's events in order.
query Attacks {
  events(filter: { type: "attack" }, first: 10) {
    edges { node { name eventType quadClass date { text value } participants { role entity { name } } } }
  }
  timeline(entity: "Masoud Pezeshkian") { name eventType date { text } }
}`,
  },
  {
    title: 'Most central',
    query: `# Computed after the graph is built, in a worker thread.
query Central {
  centrality(metric: PAGERANK, first: 5) { score entity { name type } }
  communities(first: 3) { id size members(first: 5) { name } }
}`,
  },
  {
    title: 'A document, sentence by sentence',
    query: `query Doc {
  documents { id title chars entityCount }
  stats { documents entities relations cooccurrences byType { type count } }
}`,
  },
  {
    title: 'Add an article (needs a token)',
    query: `# Writes need the header  Authorization: Bearer <NEWSGRAPH_TOKEN>  (Headers tab below).
mutation Add {
  ingestDocument(input: { title: "Example", text: "Iranian Foreign Minister Abbas Araghchi met Russian Foreign Minister Sergei Lavrov in Moscow on Monday." }) {
    added entities relations events
    document { id title }
  }
}`,
  },
];

const escapeJsonForHtml = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

export function idePage(): string {
  const tabs = EXAMPLE_QUERIES.map((q) => ({ query: q.query, variables: q.variables ? JSON.stringify(q.variables, null, 2) : undefined }));
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
