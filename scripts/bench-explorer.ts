// The explorer at scale: time to first draw and frames per second of /explore in headless Chromium (Debian's, with
// SwiftShader software WebGL: there is no GPU here), on the synthetic graph served by the real server.
//
// For each view (a small one, the default first view, then views drawn whole: /explore?scope=all&limit=N), in a fresh
// browser context, after a warm-up view:
//   first draw  navigation start → the page's first sigma render done and finished on the (software) GPU: the page
//               renders synchronously when it creates its sigma instance, then sets body[data-ready=true]; an init
//               script notes that moment (a MutationObserver, so a microtask after) and reads one pixel back from each
//               WebGL canvas, which waits until SwiftShader has drawn everything submitted so far. Split, by the
//               Resource Timing of /explore/view.json (the first, uncached request for that view), into server (request
//               sent → first byte: the overview computed and serialised), download (first → last byte) and browser
//               (everything else: HTML, bundle, JSON parse, graph build, sigma's first processing and render).
//   fps         once the page's ForceAtlas2 refine has stopped (no render for 600 ms), the camera pans and zooms every
//               animation frame for 3 s (camera.setState in a requestAnimationFrame loop; a slow view goes on until
//               sigma has rendered 3 times, for at most 60 s); sigma renders once per camera update, at most once a
//               frame: fps = sigma afterRender events ÷ seconds. Also the interval between renders (p95) and the main
//               thread's time in one render (beforeRender → afterRender, median).
//   baseline    the same view.json drawn by sigma alone in an empty page (BARE_SIGMA), measured the same way: what
//               the explorer page adds to sigma and this browser's WebGL. Each larger view is also compared with the
//               default one.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { AnalyticsResult } from '../src/graph/analytics.js';
import { runAnalytics } from '../src/graph/analytics-runner.js';
import { GraphIndex } from '../src/graph/index.js';
import { OVERVIEW_DEFAULT_LIMIT, OVERVIEW_MAX_LIMIT } from '../src/graph/overview.js';
import { startServer } from '../src/server/app.js';
import { explorerBundlePath } from '../src/server/explorer/page.js';
import { syntheticGraph } from './bench-server.js';
import { CHROMIUM, launchChromium } from '../tests/support/chromium.js';

const root = join(import.meta.dirname, '..');
const VIEWPORT = { width: 1280, height: 800 };
const PAN_SECONDS = 3;
/** A slow view pans until it has rendered this many frames, for at most PAN_MAX_SECONDS. */
const PAN_MIN_RENDERS = 3;
const PAN_MAX_SECONDS = 60;
/** How long one view may take to draw before the bench gives up on it and says so. */
const DRAW_TIMEOUT_MS = 300_000;

export interface ExplorerView {
  name: string;
  path: string;
  /** Set when the view did not draw (timeout, page error): the other fields are then zero. */
  error: string | null;
  nodes: number;
  edges: number;
  jsonBytes: number;
  /** Milliseconds from navigation start. */
  serverMs: number;
  downloadMs: number;
  browserMs: number;
  firstDrawMs: number;
  /** body[data-ready=true], before the GPU readback. */
  readyMs: number;
  fps: number;
  renders: number;
  animationFrames: number;
  frameP95Ms: number;
  frameMaxMs: number;
  renderMedianMs: number;
  /** The drawing area (sigma's container), CSS pixels. */
  width: number;
  height: number;
  /** How long after the first draw the page went quiet (the ForceAtlas2 refine stopped). */
  settleMs: number;
  /** The same view.json drawn by a bare sigma page (see BARE_SIGMA), measured the same way. */
  bare?: ExplorerView;
}

export interface ExplorerBench {
  skipped: string | null;
  nodes: number;
  edges: number;
  buildSeconds: number;
  /** From the graph being built to the analytics (PageRank) attached: worker start, input copy and compute. */
  analyticsSeconds: number;
  analyticsWorkerSeconds: number;
  chromium: string;
  webgl: string;
  views: ExplorerView[];
}

/** The explorer's page at each size. Views above OVERVIEW_MAX_LIMIT are the top entities by PageRank. */
export function explorerViews(nodes: number): { name: string; path: string }[] {
  const whole = Math.min(nodes, OVERVIEW_MAX_LIMIT);
  const limits = [...new Set([10_000, whole].filter((n) => n <= whole))];
  return [
    // What the page costs with next to nothing to draw: the per-frame floor of SwiftShader and the page.
    { name: 'small (core, top 100)', path: '/explore?scope=core&limit=100' },
    { name: `default (core, top ${OVERVIEW_DEFAULT_LIMIT.toLocaleString('en')})`, path: '/explore' },
    ...limits.map((n) => ({ name: `scope=all limit=${n.toLocaleString('en')}`, path: `/explore?scope=all&limit=${n}` })),
  ];
}

/** dist/explorer/explorer.js as the page's source is now (built when missing or older than the source). */
function ensureBundle(log: (line: string) => void): void {
  const bundle = explorerBundlePath();
  const source = join(root, 'src', 'server', 'explorer', 'client.ts');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(source).mtimeMs) return;
  log(`   ${existsSync(bundle) ? 'the explorer bundle is older than client.ts' : 'no explorer bundle'}: node scripts/build-explorer.mjs`);
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-explorer.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench.explorer: building the explorer bundle failed (exit ${r.status}). Run npm run build and fix what it reports.`);
}

interface PageMarks {
  ready: number | null;
  drawn: number | null;
  failed: string | null;
}

/** Runs in the page before its own script: notes when it is ready and when the GPU has drawn what it was given. */
function markFirstDraw(): void {
  const marks: PageMarks = { ready: null, drawn: null, failed: null };
  (window as unknown as { __bench: PageMarks }).__bench = marks;
  const observer = new MutationObserver(() => {
    const status = document.getElementById('status')?.textContent ?? '';
    if (status.startsWith('Could not load')) marks.failed = status;
    if (document.body?.dataset.ready !== 'true' || marks.ready !== null) return;
    marks.ready = performance.now();
    const pixel = new Uint8Array(4);
    for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>('#graph canvas'))) {
      // The context sigma made (getContext hands back the existing one, null for a canvas of another kind).
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    }
    marks.drawn = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true, characterData: true });
}

interface Sigmaish {
  on: (event: string, fn: () => void) => void;
  off: (event: string, fn: () => void) => void;
  getCamera: () => { setState: (s: { x: number; y: number; ratio: number; angle: number }) => void };
}
type ExplorerWindow = Window & { __explorer: { renderer: Sigmaish; graph: { order: number; size: number } } };

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : 0;
};

/**
 * The baseline: the same /explore/view.json drawn by sigma alone, in a page of nothing else: the same node sizes
 * (by mentions, as the explorer's default) and sigma's default settings (its own label grid), no reducers, no
 * ForceAtlas2 refine, no filters, legend, slider or search.
 */
const BARE_SIGMA = `
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
const res = await fetch('/explore/view.json' + location.search);
const view = await res.json();
const graph = new MultiDirectedGraph();
const max = Math.max(1, ...view.nodes.map((n) => n.mentions));
for (const n of view.nodes) graph.addNode(n.id, { x: n.x, y: n.y, label: n.label, size: 3 + 15 * Math.sqrt(n.mentions / max), color: '#4a7ab5' });
for (const e of view.edges) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#ccc' });
const renderer = new Sigma(graph, document.getElementById('graph'));
window.__explorer = { renderer, graph };
document.body.dataset.ready = 'true';
`;

async function bareSigmaScript(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: BARE_SIGMA, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  return out.outputFiles[0]?.text ?? '';
}

const barePage = (script: string, width: number, height: number): string =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="status"></div>` +
  `<div id="graph" style="position:relative;width:${width}px;height:${height}px"></div>` +
  `<script type="module">${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;

async function measureView(browser: Browser, url: string, name: string, path: string, bareHtml: string | null = null): Promise<ExplorerView> {
  const view: ExplorerView = {
    name,
    path,
    error: null,
    nodes: 0,
    edges: 0,
    jsonBytes: 0,
    serverMs: 0,
    downloadMs: 0,
    browserMs: 0,
    firstDrawMs: 0,
    readyMs: 0,
    fps: 0,
    renders: 0,
    animationFrames: 0,
    frameP95Ms: 0,
    frameMaxMs: 0,
    renderMedianMs: 0,
    width: 0,
    height: 0,
    settleMs: 0,
  };
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    // tsx compiles this file keeping function names, through a helper the page does not have.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const pageErrors: string[] = [];
    let failed: (error: Error) => void = () => {};
    const pageFailed = new Promise<never>((_resolve, reject) => {
      failed = reject;
    });
    // Errors after the first draw are reported with the view; none may go unhandled.
    pageFailed.catch(() => {});
    page.on('pageerror', (e) => {
      pageErrors.push(e.message);
      failed(e);
    });
    await page.addInitScript(markFirstDraw);
    let target = `${url}${path}`;
    if (bareHtml !== null) {
      // Served from the bench, on the server's origin, so that its view.json request goes to the server.
      target = `${url}/bench/bare-sigma${new URL(target).search}`;
      await page.route(`${url}/bench/bare-sigma**`, (route) => route.fulfill({ contentType: 'text/html', body: bareHtml }));
    }
    await page.goto(target, { waitUntil: 'commit', timeout: DRAW_TIMEOUT_MS });
    try {
      const drawn = page.waitForFunction(
        () => {
          const m = (window as unknown as { __bench?: PageMarks }).__bench;
          return m !== undefined && (m.drawn !== null || m.failed !== null);
        },
        undefined,
        { timeout: DRAW_TIMEOUT_MS, polling: 100 },
      );
      await Promise.race([drawn, pageFailed]);
    } catch (error) {
      view.error = pageErrors.length
        ? `page error before the first draw: ${pageErrors[0]}`
        : `not drawn within ${DRAW_TIMEOUT_MS / 1000} s (${String(error).split('\n')[0]})`;
      return view;
    }
    const first = await page.evaluate(() => {
      const marks = (window as unknown as { __bench: PageMarks }).__bench;
      const json = performance.getEntriesByType('resource').find((e) => e.name.includes('/explore/view.json')) as PerformanceResourceTiming | undefined;
      const ex = (window as unknown as Partial<ExplorerWindow>).__explorer;
      const area = document.getElementById('graph')?.getBoundingClientRect();
      return {
        marks,
        width: Math.round(area?.width ?? 0),
        height: Math.round(area?.height ?? 0),
        nodes: ex?.graph.order ?? 0,
        edges: ex?.graph.size ?? 0,
        json: json ? { requestStart: json.requestStart, responseStart: json.responseStart, responseEnd: json.responseEnd, bytes: json.decodedBodySize } : null,
      };
    });
    if (first.marks.failed || !first.json) {
      view.error = first.marks.failed ?? 'no request for /explore/view.json';
      return view;
    }
    const drawn = first.marks.drawn as number;
    view.width = first.width;
    view.height = first.height;
    view.nodes = first.nodes;
    view.edges = first.edges;
    view.jsonBytes = first.json.bytes;
    view.readyMs = first.marks.ready as number;
    view.firstDrawMs = drawn;
    view.serverMs = first.json.responseStart - first.json.requestStart;
    view.downloadMs = first.json.responseEnd - first.json.responseStart;
    view.browserMs = drawn - view.serverMs - view.downloadMs;

    // Quiet: the page's ForceAtlas2 refine (1.5–3 s on views up to 5,000 entities) has stopped when nothing has been
    // rendered for 600 ms.
    view.settleMs = await page.evaluate(async (drawnAt) => {
      const { renderer } = (window as unknown as ExplorerWindow).__explorer;
      let last = performance.now();
      const onRender = (): void => {
        last = performance.now();
      };
      renderer.on('afterRender', onRender);
      const deadline = performance.now() + 60_000;
      while (performance.now() - last < 600 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      renderer.off('afterRender', onRender);
      return last - drawnAt;
    }, drawn);

    const pan = await page.evaluate(
      async ({ seconds, minRenders, maxSeconds }) => {
        const { renderer } = (window as unknown as ExplorerWindow).__explorer;
        const camera = renderer.getCamera();
        const renderEnds: number[] = [];
        const renderTimes: number[] = [];
        let started = 0;
        const before = (): void => {
          started = performance.now();
        };
        const after = (): void => {
          const now = performance.now();
          renderEnds.push(now);
          renderTimes.push(now - started);
        };
        renderer.on('beforeRender', before);
        renderer.on('afterRender', after);
        let frames = 0;
        const t0 = performance.now();
        await new Promise<void>((resolve) => {
          const step = (now: number): void => {
            frames++;
            const t = (now - t0) / 1000;
            if ((now - t0 >= seconds * 1000 && renderEnds.length >= minRenders) || now - t0 >= maxSeconds * 1000) {
              resolve();
              return;
            }
            // Round and round the middle while zooming between 0.3× and 1× the whole view.
            camera.setState({ x: 0.5 + 0.15 * Math.sin(2 * t), y: 0.5 + 0.15 * Math.cos(2 * t), ratio: 0.65 + 0.35 * Math.cos(1.5 * t), angle: 0 });
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        // The render the last camera update asked for, if it is still to come.
        await new Promise((r) => setTimeout(r, 50));
        const elapsed = (renderEnds[renderEnds.length - 1] ?? performance.now()) - t0;
        renderer.off('beforeRender', before);
        renderer.off('afterRender', after);
        const intervals = renderEnds.slice(1).map((x, i) => x - (renderEnds[i] as number));
        return { renders: renderEnds.length, frames, elapsed, intervals, renderTimes };
      },
      { seconds: PAN_SECONDS, minRenders: PAN_MIN_RENDERS, maxSeconds: PAN_MAX_SECONDS },
    );
    view.renders = pan.renders;
    view.animationFrames = pan.frames;
    view.fps = pan.renders / (pan.elapsed / 1000);
    view.frameP95Ms = quantile(pan.intervals, 0.95);
    view.frameMaxMs = Math.max(0, ...pan.intervals);
    view.renderMedianMs = quantile(pan.renderTimes, 0.5);
    if (pageErrors.length) view.error = `page error: ${pageErrors[0]}`;
    return view;
  } finally {
    await context.close();
  }
}

/** The WebGL renderer Chromium reports (SwiftShader here), so that the numbers say what drew them. */
async function webglRenderer(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
      if (!gl) return 'no WebGL';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
  } finally {
    await page.close();
  }
}

export async function benchExplorer(options: { nodes: number; edges: number; log?: (line: string) => void }): Promise<ExplorerBench> {
  const log = options.log ?? ((line: string) => console.log(line));
  const result: ExplorerBench = {
    skipped: null,
    nodes: options.nodes,
    edges: options.edges,
    buildSeconds: 0,
    analyticsSeconds: 0,
    analyticsWorkerSeconds: 0,
    chromium: '',
    webgl: '',
    views: [],
  };
  for (const [flag, n] of [
    ['--nodes', options.nodes],
    ['--edges', options.edges],
  ] as const) {
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`bench.explorer: ${flag} is ${n}; give a whole number of at least 1 (default 100000 nodes, 500000 edges).`);
  }
  if (!existsSync(CHROMIUM)) {
    result.skipped = `explorer bench skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    return result;
  }
  ensureBundle(log);
  let t0 = performance.now();
  const index = new GraphIndex(syntheticGraph(options.nodes, options.edges), []);
  result.buildSeconds = (performance.now() - t0) / 1000;
  // As GraphService does: PageRank and the rest in a worker thread, attached to the index when done. The first view
  // ranks by PageRank once they are there (by degree before), so the bench waits for them.
  t0 = performance.now();
  const analytics: AnalyticsResult = await runAnalytics(index.graph);
  index.analytics = analytics;
  index.analyticsError = null;
  result.analyticsSeconds = (performance.now() - t0) / 1000;
  result.analyticsWorkerSeconds = analytics.seconds;
  log(`   graph built in ${result.buildSeconds.toFixed(1)} s, analytics ready ${result.analyticsSeconds.toFixed(1)} s after; now the browser`);
  const served = { index, documentText: () => null, writes: null };
  const server = await startServer(() => served, {
    host: '127.0.0.1',
    port: 0,
    production: true,
    corsOrigins: [],
    bodyLimit: '100kb',
    token: null,
    log: () => {},
  });
  let browser: Browser | null = null;
  const bareScript = await bareSigmaScript();
  try {
    browser = await launchChromium();
    result.chromium = browser.version();
    result.webgl = await webglRenderer(browser);
    // Warm-up on a view the runs below never ask for: the server's first overview loads its module, Chromium
    // compiles the bundle once.
    await measureView(browser, server.url, 'warm-up', '/explore?scope=core&limit=50');
    for (const { name, path } of explorerViews(options.nodes)) {
      const view = await measureView(browser, server.url, name, path);
      if (!view.error) view.bare = await measureView(browser, server.url, name, path, barePage(bareScript, view.width, view.height));
      result.views.push(view);
      log(
        `   ${name}: ${view.error ?? `${view.nodes} entities drawn in ${(view.firstDrawMs / 1000).toFixed(1)} s; panning: ${view.renders} renders, ${view.animationFrames} animation frames${view.bare ? `; bare sigma: ${view.bare.error ?? `drawn in ${(view.bare.firstDrawMs / 1000).toFixed(1)} s, ${view.bare.renders} renders`}` : ''}`}`,
      );
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return result;
}

const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

/** The table bench.ts prints: absolute numbers, and each larger view against the default one. */
export function explorerReport(r: ExplorerBench): string[] {
  if (r.skipped) return [r.skipped];
  const fps = (x: number): string => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));
  const area = r.views.find((v) => v.width > 0);
  const lines = [
    `== explorer: /explore in headless Chromium ${r.chromium} with ${r.webgl}: software WebGL (no GPU here), 2 shared cores,`,
    `   window ${VIEWPORT.width}×${VIEWPORT.height} (graph area ${area?.width ?? '?'}×${area?.height ?? '?'}); ${r.nodes.toLocaleString('en')} entities / ~${r.edges.toLocaleString('en')} relations (synthetic),` +
      ` built in ${r.buildSeconds.toFixed(1)} s, analytics (PageRank) ready ${r.analyticsSeconds.toFixed(1)} s after (worker compute ${r.analyticsWorkerSeconds.toFixed(1)} s)`,
    '   first draw: navigation start → first sigma render finished by the (software) GPU = server (view.json request → first byte, uncached)',
    '   + download (its first → last byte) + browser (the rest: page, bundle, JSON parse, graph, sigma). fps: sigma renders a second while the',
    `   camera pans and zooms every frame (${PAN_SECONDS} s, at least ${PAN_MIN_RENDERS} renders); render: main-thread ms per render. bare: the same view.json`,
    '   drawn by sigma alone in an empty page (same node sizes, sigma defaults), measured the same way; ÷ default: this view against the default one',
    `${'view'.padEnd(26)} ${'entities'.padStart(8)} ${'relations'.padStart(9)} ${'JSON'.padStart(8)} ${'first draw'.padStart(10)} ${'server'.padStart(8)} ${'download'.padStart(8)} ${'browser'.padStart(8)} ${'(bare)'.padStart(8)} ${'fps'.padStart(5)} ${'(bare)'.padStart(6)} ${'p95 frame'.padStart(9)} ${'render'.padStart(7)}  ÷ default: draw, fps`,
  ];
  const base = r.views.find((v) => v.path === '/explore');
  for (const v of r.views) {
    if (v.error) {
      lines.push(`${v.name.padEnd(26)} ${v.error}`);
      continue;
    }
    const bare = v.bare && !v.bare.error ? v.bare : null;
    const vs = base && !base.error && v.nodes > base.nodes ? `  ${(v.firstDrawMs / base.firstDrawMs).toFixed(1)}×, ${(v.fps / base.fps).toFixed(2)}` : '';
    lines.push(
      `${v.name.padEnd(26)} ${v.nodes.toLocaleString('en').padStart(8)} ${v.edges.toLocaleString('en').padStart(9)} ${`${(v.jsonBytes / 1e6).toFixed(1)} MB`.padStart(8)} ${ms(v.firstDrawMs).padStart(10)} ${ms(v.serverMs).padStart(8)} ${ms(v.downloadMs).padStart(8)} ${ms(v.browserMs).padStart(8)} ${(bare ? ms(bare.browserMs) : '–').padStart(8)} ${fps(v.fps).padStart(5)} ${(bare ? fps(bare.fps) : '–').padStart(6)} ${ms(v.frameP95Ms).padStart(9)} ${ms(v.renderMedianMs).padStart(7)}${vs}`,
    );
    if (v.bare?.error) lines.push(`${''.padEnd(26)} bare sigma: ${v.bare.error}`);
  }
  return lines;
}
