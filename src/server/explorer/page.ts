// The HTML shell of /explore; the script is the bundle scripts/build-explorer.mjs writes into dist/explorer/.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TYPE_COLORS } from '../../graph/style.js';

/** dist/explorer/explorer.js, whether this module runs from dist/ or (in tests) from src/. */
export function explorerBundlePath(): string {
  const fromDist = fileURLToPath(new URL('../../explorer/explorer.js', import.meta.url));
  if (existsSync(fromDist)) return fromDist;
  return fileURLToPath(new URL('../../../dist/explorer/explorer.js', import.meta.url));
}

let bundle: Buffer | null = null;
export function explorerBundle(): Buffer | null {
  if (!bundle) {
    const path = explorerBundlePath();
    if (!existsSync(path)) return null;
    bundle = readFileSync(path);
  }
  return bundle;
}

export function explorerPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsgraph — explorer</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  #app { display: grid; grid-template-columns: 1fr 380px; grid-template-rows: auto 1fr; height: 100%; }
  header { grid-column: 1 / 3; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 8px 12px; border-bottom: 1px solid #ddd; }
  header h1 { font-size: 16px; margin: 0 8px 0 0; }
  #graph { position: relative; min-height: 300px; }
  #panel { overflow: auto; padding: 8px 14px; border-left: 1px solid #ddd; }
  #legend label { margin-right: 8px; white-space: nowrap; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px; }
  .relations { padding-left: 18px; }
  .rel { color: #555; font-family: ui-monospace, monospace; }
  .evidence { margin: 4px 0 8px; padding: 4px 8px; border-left: 3px solid #ccc; color: #444; }
  .evidence cite { display: block; font-size: 12px; color: #777; }
  .hint, #status { color: #666; }
  #status { flex-basis: 100%; }
  .time { display: inline-flex; gap: 6px; align-items: center; }
  #timeline svg, .sparkline { display: block; }
  .activity small { color: #666; }
  .error { color: #b00; }
  /* The map view (map.ts) takes the graph's cell; the graph stays laid out under it (sigma needs a size). */
  #graph, #map { grid-column: 1; grid-row: 2; }
  #map { position: relative; z-index: 1; overflow: hidden; background: #fff; user-select: none; }
  #map[hidden] { display: none; }
  #map svg { display: block; cursor: grab; }
  #map .sphere { fill: #eef3f7; }
  #map .country { fill: #dde2e6; stroke: #fff; stroke-width: 0.7px; vector-effect: non-scaling-stroke; }
  #map circle { fill-opacity: 0.8; stroke: #fff; stroke-width: 1px; cursor: pointer; }
  #map circle.focus { fill-opacity: 1; stroke: #111; stroke-width: 2.5px; }
  #map circle.faded { fill-opacity: 0.2; stroke-opacity: 0.3; }
  #map text { font: 12px system-ui, sans-serif; fill: #222; stroke: #fff; stroke-width: 3px; paint-order: stroke; pointer-events: none; }
  .map-note { position: absolute; left: 10px; bottom: 8px; right: 10px; color: #555; font-size: 12px; }
  #views button[aria-pressed="true"] { font-weight: bold; }
</style>
</head>
<body>
<div id="app">
  <header>
    <h1>newsgraph</h1>
    <span id="views" role="group" aria-label="view"><button type="button" id="view-graph" aria-pressed="true">Graph</button><button type="button" id="view-map" aria-pressed="false">Map</button></span>
    <form id="search-form"><input id="search" list="suggestions" placeholder="Find an entity…" autocomplete="off"><datalist id="suggestions"></datalist> <button>Focus</button> <button type="button" id="clear">Clear</button></form>
    <label>Show <select id="scope" aria-label="what to show"><option value="core">the largest connected part</option><option value="connected">every connected entity</option></select></label>
    <label><input type="checkbox" id="isolates"> and the <span id="isolates-count">…</span></label>
    <button type="button" id="back" hidden>Back to the overview</button>
    <label>size by <select id="size-by" aria-label="node size"><option value="mentions">mentions</option><option value="pagerank">PageRank</option><option value="degree">relations</option></select></label>
    <span id="legend"></span>
    <select id="relation" aria-label="relation type"></select>
    <label>confidence ≥ <input id="confidence" type="range" min="0" max="1" step="0.05" value="0"> <span id="confidence-value">0.00</span></label>
    <span class="time"><label><input type="checkbox" id="period-all" checked> all dates</label>
      <input id="period" type="range" min="0" max="0" value="0" aria-label="period"> <button type="button" id="play">▶ Play</button>
      <span id="timeline"></span> <span id="period-label"></span></span>
    <a id="download-gexf" download>GEXF</a> <a id="download-json" download>JSON</a>
    <span id="status">Loading…</span>
  </header>
  <div id="graph"></div>
  <div id="map" hidden></div>
  <aside id="panel"><p class="hint">Click an entity to see what the articles say about it.</p></aside>
</div>
<script id="explorer-config" type="application/json">${JSON.stringify({ colors: TYPE_COLORS })}</script>
<script src="/explore/explorer.js"></script>
</body>
</html>
`;
}
