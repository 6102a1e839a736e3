// The explorer's map view (browser code, bundled with client.ts): the world's countries from Natural Earth, bundled
// into the script so that the map draws offline, and the view's located places and countries as circles sized by
// mentions. It follows the graph view's type filter, period and focus; a click on a place focuses it in both views.
import { type GeoProjection, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:110m (public domain) as TopoJSON, from world-atlas: ~108 KB, ids are ISO 3166-1 numeric codes.
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };
import { anyIn, type Day } from './periods.js';

/** Where a place or country is (src/graph/overview.ts OverviewNode.geo). */
export interface MapGeo {
  lat: number;
  lon: number;
  countryCode: string;
  geonamesId: number | null;
}
export interface MapNode {
  id: string;
  label: string;
  type: string;
  mentions: number;
  /** Publication days of its documents, ascending. */
  days: Day[];
  geo: MapGeo | null;
}
/** The explorer's shared state, read on every draw (client.ts owns it). */
export interface MapState {
  hiddenTypes: ReadonlySet<string>;
  period: { from: Day; to: Day } | null;
  focus: string | null;
  focusSet: ReadonlySet<string>;
}
export interface MapOptions {
  /** The map's element; it takes the graph's place when shown. */
  container: HTMLElement;
  /** The graph's element: kept laid out (sigma needs a size) but hidden while the map shows. */
  graph: HTMLElement;
  buttons: { graph: HTMLElement; map: HTMLElement };
  colors: Record<string, string>;
  /** The view the graph draws now. */
  view: () => { nodes: readonly MapNode[]; scope: string; totals: { isolates: number } };
  state: MapState;
  /** Focuses an entity in the explorer and opens its panel. */
  select: (id: string) => void;
  /** Reloads the view with the entities in no stated relation (where most places are). */
  includeIsolates: () => void;
}
export interface MapView {
  /** Redraws when the view, the filters, the period or the focus changed since the last draw (cheap otherwise). */
  sync: () => void;
  show: (which: 'graph' | 'map') => void;
  readonly shown: boolean;
}

/** More circles than this are not drawn (the most mentioned are): SVG stays fluid to about this many. */
export const MAP_MAX_POINTS = 5_000;
const SVG = 'http://www.w3.org/2000/svg';
const PAD = 10;
const MIN_R = 2.5;
const MAX_R = 16;
const MAX_LABELS = 60;
const LABEL_FONT = '12px system-ui, sans-serif';
const MAX_ZOOM = 40;
// One formatter for all: toLocaleString builds one per call, a quarter of a second over 5,000 circles.
const numbers = new Intl.NumberFormat('en');
const fmt = (n: number): string => numbers.format(n);

const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] => {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
};

/** The Natural Earth countries as GeoJSON features (TopoJSON shares their borders; d3-geo draws features). */
function countryShapes() {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return feature(topology, topology.objects.countries);
}

export function createMapView(options: MapOptions): MapView {
  const { container, state } = options;
  let shown = false;
  let projection: GeoProjection | null = null;
  /** Zoom and pan: screen = projected × k + (x, y). */
  const zoom = { k: 1, x: 0, y: 0 };
  let width = 0;
  let height = 0;
  let drawnKey: string | null = null;
  let drawnNodes: readonly MapNode[] | null = null;
  let frame = 0;

  const svg = el('svg', { role: 'img', 'aria-label': 'map of the located places and countries' });
  const world = el('g', { class: 'world' });
  const points = el('g', { class: 'points' });
  const labels = el('g', { class: 'labels' });
  svg.append(world, points, labels);
  const note = document.createElement('div');
  note.className = 'map-note';
  container.append(svg, note);
  const measure = document.createElement('canvas').getContext('2d');

  let shapes: ReturnType<typeof countryShapes> | null = null;
  /** Country shapes, drawn once per size (zoom moves their group, not their paths). */
  function drawWorld(): void {
    shapes ??= countryShapes();
    projection = geoNaturalEarth1().fitExtent(
      [
        [PAD, PAD],
        [width - PAD, height - PAD],
      ],
      { type: 'Sphere' },
    );
    const path = geoPath(projection);
    const sphere = el('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' });
    const countries = shapes.features.map((f) => {
      const p = el('path', { class: 'country', d: path(f) ?? '', 'data-id': String(f.id ?? '') });
      const title = el('title');
      title.textContent = f.properties?.name ?? '';
      p.append(title);
      return p;
    });
    world.replaceChildren(sphere, ...countries);
    // What the test (and anyone checking a position) needs to project coordinates the same way.
    svg.dataset.projection = 'naturalEarth1';
    svg.dataset.scale = String(projection.scale());
    svg.dataset.translate = projection.translate().join(',');
  }

  function fitToContainer(): void {
    width = Math.max(1, container.clientWidth);
    height = Math.max(1, container.clientHeight);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    zoom.k = 1;
    zoom.x = 0;
    zoom.y = 0;
    drawWorld();
  }

  function applyZoom(): void {
    world.setAttribute('transform', `translate(${zoom.x},${zoom.y}) scale(${zoom.k})`);
    svg.dataset.zoom = `${zoom.k},${zoom.x},${zoom.y}`;
  }

  /** A located entity as drawn: its circle (made once per view), where it projects, and where it is on screen. */
  interface Point {
    node: MapNode;
    circle: SVGCircleElement;
    /** Projected, before zoom. */
    px: number;
    py: number;
    x: number;
    y: number;
    r: number;
  }
  let pointsOf: { nodes: readonly MapNode[] | null; projection: GeoProjection | null; byId: Map<string, Point> } = {
    nodes: null,
    projection: null,
    byId: new Map(),
  };
  let drawn: Point[] = [];

  /** The view's located entities as points: circles made once per view, projected once per view and size. */
  function pointsFor(nodes: readonly MapNode[]): Map<string, Point> {
    if (pointsOf.nodes !== nodes) {
      const located = nodes.filter((n) => n.geo !== null);
      // Sizes are relative to the most mentioned located entity in the view, filtered or not: they hold while the period plays.
      const max = located.reduce((m, n) => Math.max(m, n.mentions), 0);
      const byId = new Map<string, Point>();
      for (const n of located) {
        const r = MIN_R + (MAX_R - MIN_R) * Math.sqrt(max > 0 ? n.mentions / max : 0);
        const circle = el('circle', { r: r.toFixed(2), fill: options.colors[n.type] ?? '#999', class: 'place' });
        circle.dataset.id = n.id;
        circle.dataset.type = n.type;
        const title = el('title');
        title.textContent = `${n.label} (${n.type}, ${fmt(n.mentions)} mentions)`;
        circle.append(title);
        byId.set(n.id, { node: n, circle, px: Number.NaN, py: Number.NaN, x: 0, y: 0, r });
      }
      pointsOf = { nodes, projection: null, byId };
    }
    if (pointsOf.projection !== projection && projection) {
      pointsOf.projection = projection;
      for (const p of pointsOf.byId.values()) {
        const geo = p.node.geo as MapGeo;
        const at = projection([geo.lon, geo.lat]);
        p.px = at ? at[0] : Number.NaN;
        p.py = at ? at[1] : Number.NaN;
      }
    }
    return pointsOf.byId;
  }

  /** The circles and labels for the view as filtered now. */
  function drawPoints(): void {
    if (!projection) return;
    const view = options.view();
    const byId = pointsFor(view.nodes);
    const period = state.period;
    const matching = [...byId.values()].filter((p) => !state.hiddenTypes.has(p.node.type) && (!period || anyIn(p.node.days, period)));
    let visible = matching;
    if (matching.length > MAP_MAX_POINTS) {
      visible = [...matching].sort((a, b) => b.node.mentions - a.node.mentions || (a.node.id < b.node.id ? -1 : 1)).slice(0, MAP_MAX_POINTS);
      // The focused entity is drawn even when it is not among the most mentioned.
      const focused = matching.find((p) => p.node.id === state.focus);
      if (focused && !visible.includes(focused)) visible[visible.length - 1] = focused;
    }
    const focus = state.focus;
    const faded = (id: string): boolean => focus !== null && !state.focusSet.has(id);
    // Largest first so that small circles stay on top and clickable; the focus and its neighbours above the rest.
    const order = (p: Point): number => (p.node.id === focus ? 2 : faded(p.node.id) ? 0 : 1);
    visible.sort((a, b) => order(a) - order(b) || b.node.mentions - a.node.mentions || (a.node.id < b.node.id ? -1 : 1));
    drawn = visible.filter((p) => Number.isFinite(p.px));
    for (const p of drawn) {
      const classes = p.node.id === focus ? 'place focus' : faded(p.node.id) ? 'place faded' : 'place';
      if (p.circle.getAttribute('class') !== classes) p.circle.setAttribute('class', classes);
    }
    points.replaceChildren(...drawn.map((p) => p.circle));
    position();
    describe(byId.size, matching.length, drawn.length, view);
  }

  /** Puts the drawn circles where the zoom says, and their names anew. */
  function position(): void {
    for (const p of drawn) {
      p.x = p.px * zoom.k + zoom.x;
      p.y = p.py * zoom.k + zoom.y;
      p.circle.setAttribute('cx', p.x.toFixed(2));
      p.circle.setAttribute('cy', p.y.toFixed(2));
    }
    drawLabels(drawn, state.focus);
  }

  /**
   * Names of the most mentioned circles (the focus first), right of the circle, else left, above or below: each where
   * it overprints no other name and no other circle, or not at all (zooming in makes room).
   */
  function drawLabels(placed: readonly Point[], focus: string | null): void {
    if (measure) measure.font = LABEL_FONT;
    const candidates = placed
      .filter((p) => focus === null || state.focusSet.has(p.node.id))
      .sort((a, b) => (a.node.id === focus ? -1 : b.node.id === focus ? 1 : b.node.mentions - a.node.mentions))
      .slice(0, MAX_LABELS);
    const boxes: { x: number; y: number; w: number; h: number }[] = [];
    const texts: SVGTextElement[] = [];
    const h = 14;
    const hitsCircle = (box: { x: number; y: number; w: number; h: number }, self: MapNode): boolean =>
      placed.some((c) => {
        if (c.node === self) return false;
        const dx = c.x - Math.max(box.x, Math.min(c.x, box.x + box.w));
        const dy = c.y - Math.max(box.y, Math.min(c.y, box.y + box.h));
        return dx * dx + dy * dy < c.r * c.r;
      });
    for (const p of candidates) {
      const w = measure ? measure.measureText(p.node.label).width : p.node.label.length * 7;
      const spots = [
        { x: p.x + p.r + 3, y: p.y - h / 2 },
        { x: p.x - p.r - 3 - w, y: p.y - h / 2 },
        { x: p.x - w / 2, y: p.y - p.r - 2 - h },
        { x: p.x - w / 2, y: p.y + p.r + 2 },
      ].map((s) => ({ ...s, w, h }));
      const box = spots.find(
        (b) =>
          b.x >= 0 &&
          b.y >= 0 &&
          b.x + b.w <= width &&
          b.y + b.h <= height &&
          !boxes.some((o) => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) &&
          !hitsCircle(b, p.node),
      );
      if (!box) continue;
      boxes.push(box);
      // The baseline a little above the box's bottom (12px text in a 14px box).
      const t = el('text', { x: box.x.toFixed(2), y: (box.y + h - 3).toFixed(2) });
      t.textContent = p.node.label;
      t.dataset.id = p.node.id;
      texts.push(t);
    }
    labels.replaceChildren(...texts);
  }

  function describe(located: number, matching: number, drawn: number, view: ReturnType<MapOptions['view']>): void {
    const filtered = state.period !== null || state.hiddenTypes.size > 0;
    const parts: string[] = [];
    if (located === 0) parts.push('No entity in this view has a location yet: places and countries get one when the gazetteer resolves them.');
    else if (drawn < matching) parts.push(`The ${fmt(drawn)} most mentioned of ${fmt(matching)} located entities.`);
    else parts.push(`${fmt(drawn)} of the ${fmt(located)} located places and countries in this view${filtered ? ' (filters and period applied)' : ''}.`);
    note.replaceChildren(document.createTextNode(parts.join(' ')));
    if (view.scope !== 'all' && view.scope !== 'focus' && view.totals.isolates > 0) {
      // Places are often named without a stated relation: the overview leaves those out unless asked.
      const include = document.createElement('button');
      include.type = 'button';
      include.className = 'map-include';
      include.textContent = `Show the ${fmt(view.totals.isolates)} ${view.totals.isolates === 1 ? 'entity' : 'entities'} in no stated relation too`;
      include.addEventListener('click', () => options.includeIsolates());
      note.append(' ', include);
    }
    note.dataset.located = String(located);
    note.dataset.drawn = String(drawn);
  }

  const filterKey = (): string =>
    [[...state.hiddenTypes].sort().join(','), state.period ? `${state.period.from}-${state.period.to}` : '', state.focus ?? '', state.focusSet.size].join('|');

  function sync(): void {
    if (!shown) return;
    const view = options.view();
    const key = filterKey();
    if (key === drawnKey && view.nodes === drawnNodes) return;
    drawnKey = key;
    drawnNodes = view.nodes;
    drawPoints();
  }

  const redraw = (): void => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      applyZoom();
      position();
    });
  };

  function show(which: 'graph' | 'map'): void {
    shown = which === 'map';
    container.hidden = !shown;
    options.graph.style.visibility = shown ? 'hidden' : '';
    options.buttons.map.setAttribute('aria-pressed', String(shown));
    options.buttons.graph.setAttribute('aria-pressed', String(!shown));
    if (!shown) return;
    if (!projection || container.clientWidth !== width || container.clientHeight !== height) {
      fitToContainer();
      applyZoom();
    }
    drawnKey = null;
    sync();
  }

  // Zoom about the pointer with the wheel, pan by dragging, back to the whole world on a double click.
  svg.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      const px = e.clientX - box.left;
      const py = e.clientY - box.top;
      const k = Math.min(MAX_ZOOM, Math.max(1, zoom.k * Math.exp(-e.deltaY * 0.002)));
      zoom.x = px - ((px - zoom.x) * k) / zoom.k;
      zoom.y = py - ((py - zoom.y) * k) / zoom.k;
      zoom.k = k;
      clampPan();
      redraw();
    },
    { passive: false },
  );
  /** The world keeps covering the map: no panning past its edges. */
  function clampPan(): void {
    zoom.x = Math.min(0, Math.max(width * (1 - zoom.k), zoom.x));
    zoom.y = Math.min(0, Math.max(height * (1 - zoom.k), zoom.y));
  }
  let drag: { x: number; y: number; zx: number; zy: number; moved: boolean } | null = null;
  let suppressClick = false;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    suppressClick = false;
    drag = { x: e.clientX, y: e.clientY, zx: zoom.x, zy: zoom.y, moved: false };
  });
  window.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    zoom.x = drag.zx + dx;
    zoom.y = drag.zy + dy;
    clampPan();
    redraw();
  });
  window.addEventListener('pointerup', () => {
    if (drag?.moved) suppressClick = true;
    drag = null;
  });
  svg.addEventListener('click', (e) => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    const hit = (e.target as Element).closest('circle[data-id]') as SVGCircleElement | null;
    if (!hit?.dataset.id) return;
    options.select(hit.dataset.id);
    sync();
  });
  svg.addEventListener('dblclick', (e) => {
    if ((e.target as Element).closest('circle[data-id]')) return;
    zoom.k = 1;
    zoom.x = 0;
    zoom.y = 0;
    redraw();
  });
  new ResizeObserver(() => {
    if (!shown || (container.clientWidth === width && container.clientHeight === height)) return;
    fitToContainer();
    applyZoom();
    drawPoints();
  }).observe(container);

  options.buttons.graph.addEventListener('click', () => show('graph'));
  options.buttons.map.addEventListener('click', () => show('map'));
  return {
    sync,
    show,
    get shown() {
      return shown;
    },
  };
}
