// The /explore page (runs in the browser; bundled by scripts/build-explorer.mjs): sigma.js over graphology,
// ForceAtlas2 in a web worker. Opens on the server's overview (/explore/view.json: the largest connected part, the
// top entities by PageRank when it is large, isolates counted and behind a toggle), with a type legend, relation
// and confidence filters, node size by mentions, PageRank or degree, labels that never overprint each other, a
// period slider with play over the documents' dates, search that focuses a neighbourhood, and an evidence panel
// with the entity's activity over time.
import { MultiDirectedGraph } from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { createMapView, type MapGeo } from './map.js';
import { anyIn, bucketsOf, type Day } from './periods.js';

interface NodeAttrs {
  label: string;
  /** The entity type; sigma reserves "type" for its drawing programs. */
  entityType: string;
  aliases: string[];
  x: number;
  y: number;
  size: number;
  color: string;
  mentions: number;
  degree: number;
  pagerank: number;
  days: Day[];
}
interface EdgeAttrs {
  /** The relation type ("type" is sigma's). */
  relation: string;
  confidence: number;
  days: Day[];
  size: number;
  color: string;
}
/** /explore/view.json, as src/graph/overview.ts writes it. */
interface Overview {
  scope: 'core' | 'connected' | 'all' | 'focus';
  focus: string | null;
  ranking: 'pagerank' | 'degree';
  totals: { entities: number; relations: number; isolates: number; components: number; largestComponent: number; connected: number };
  inScope: number;
  limit: number;
  truncated: boolean;
  dates: { from: string | null; to: string | null; days: [Day, number][]; undatedDocuments: number };
  nodes: ({ id: string; label: string; type: string; geo: MapGeo | null } & Omit<NodeAttrs, 'label' | 'entityType' | 'size' | 'color'>)[];
  edges: { id: string; source: string; target: string; relation: string; confidence: number; days: Day[] }[];
}
type SizeBy = 'mentions' | 'pagerank' | 'degree';
interface LabelBox {
  node: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const TYPE_COLORS: Record<string, string> = JSON.parse((document.getElementById('explorer-config') as HTMLElement).textContent ?? '{}').colors;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const fmt = (n: number): string => n.toLocaleString('en');

const state = {
  hiddenTypes: new Set<string>(),
  relationType: '',
  minConfidence: 0,
  focus: null as string | null,
  focusSet: new Set<string>(),
  scope: 'core' as 'core' | 'connected' | 'all',
  sizeBy: 'mentions' as SizeBy,
  /** The period shown, both ends inclusive (day numbers); null: all dates. */
  period: null as { from: Day; to: Day } | null,
  /** Labels are placed so that none overprints another; off only to show what that avoids. */
  avoidLabelOverlap: true,
};

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

async function fetchView(params: Record<string, string>): Promise<Overview> {
  const res = await fetch(`/explore/view.json?${new URLSearchParams(params)}`);
  const body = (await res.json()) as Overview & { errors?: { message: string }[] };
  if (!res.ok) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
  return body;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Bars as an inline SVG: one a bucket, the highlighted one darker. */
function sparkline(values: number[], highlight: number | null, width = 300, height = 36): string {
  const max = Math.max(1, ...values);
  const w = width / Math.max(1, values.length);
  const bars = values
    .map((v, i) => {
      const h = v === 0 ? 0 : Math.max(1.5, (v / max) * (height - 2));
      return `<rect x="${(i * w).toFixed(2)}" y="${(height - h).toFixed(2)}" width="${Math.max(0.8, w - 1).toFixed(2)}" height="${h.toFixed(2)}" fill="${i === highlight ? '#333' : '#9aa5b1'}"/>`;
    })
    .join('');
  return `<svg class="sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${bars}</svg>`;
}

async function main(): Promise<void> {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  // /explore?scope=connected&limit=5000 (or ?focus=…) opens on that view instead of the default one.
  const asked = new URLSearchParams(location.search);
  const first: Record<string, string> = {};
  for (const name of ['scope', 'limit', 'focus']) {
    const value = asked.get(name);
    if (value) first[name] = value;
  }
  if (first.scope === 'core' || first.scope === 'connected') state.scope = first.scope;
  let view: Overview = await fetchView(first);
  let layout: FA2Layout | null = null;
  let labelBoxes: LabelBox[] = [];
  let pendingLabels: { node: string; data: { x: number; y: number; size: number; label: string | null }; context: CanvasRenderingContext2D }[] = [];

  const load = (v: Overview): void => {
    layout?.kill();
    view = v;
    graph.clear();
    // Sizes are set as the nodes go in: sigma refuses to repaint, in the same tick, nodes it has not drawn yet.
    const max = v.nodes.reduce((m, n) => Math.max(m, measure(n)), 0);
    for (const n of v.nodes) {
      graph.addNode(n.id, {
        label: n.label,
        entityType: n.type,
        aliases: n.aliases,
        x: n.x,
        y: n.y,
        size: sizeFor(measure(n), max),
        color: TYPE_COLORS[n.type] ?? '#999',
        mentions: n.mentions,
        degree: n.degree,
        pagerank: n.pagerank,
        days: n.days,
      });
    }
    for (const e of v.edges)
      graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { relation: e.relation, confidence: e.confidence, days: e.days, size: 1, color: '#ccc' });
    // ForceAtlas2 in a web worker, briefly from the server's layout (already ForceAtlas2 up to 5,000 entities).
    if (graph.size > 0 && graph.order <= 5_000) {
      layout = new FA2Layout(graph, { settings: { slowDown: 10, barnesHutOptimize: graph.order > 500 } });
      layout.start();
      const running = layout;
      setTimeout(() => running.stop(), graph.order > 2000 ? 1500 : 3000);
    }
    describe();
  };

  /** Node size by the chosen measure, relative to the largest in view. */
  function measure(a: { mentions: number; degree: number; pagerank: number }): number {
    return state.sizeBy === 'pagerank' ? a.pagerank : state.sizeBy === 'degree' ? a.degree : a.mentions;
  }
  function sizeFor(value: number, max: number): number {
    return 3 + 15 * Math.sqrt(max > 0 ? value / max : 0);
  }
  function resize(): void {
    let max = 0;
    graph.forEachNode((_n, a) => {
      max = Math.max(max, measure(a));
    });
    graph.updateEachNodeAttributes((_n, a) => ({ ...a, size: sizeFor(measure(a), max) }), { attributes: ['size'] });
  }

  function describe(): void {
    const t = view.totals;
    const what =
      view.scope === 'focus'
        ? `the neighbourhood of ${graph.hasNode(view.focus ?? '') ? graph.getNodeAttribute(view.focus as string, 'label') : view.focus}`
        : view.scope === 'core'
          ? 'the largest connected part'
          : view.scope === 'connected'
            ? 'every entity in a stated relation'
            : 'every entity';
    const top = view.truncated
      ? ` (the ${fmt(graph.order)} with the highest ${view.ranking === 'pagerank' ? 'PageRank' : 'degree'} of its ${fmt(view.inScope)})`
      : '';
    $('status').textContent = `Showing ${what}${top}: ${fmt(graph.order)} of ${fmt(t.entities)} entities, ${fmt(graph.size)} of ${fmt(t.relations)} relations.`;
    $('isolates-count').textContent = `${fmt(t.isolates)} entities in no stated relation`;
    $('isolates-count').dataset.count = String(t.isolates);
    $<HTMLInputElement>('isolates').checked = view.scope === 'all';
    $<HTMLSelectElement>('scope').value = view.scope === 'all' || view.scope === 'focus' ? state.scope : view.scope;
    $('back').hidden = view.scope !== 'focus';
  }

  load(view);

  const renderer = new Sigma(graph, $('graph'), {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 5,
    labelDensity: 1,
    labelGridCellSize: 60,
    zIndex: true,
    // Candidates only: placed after the frame, largest first, skipping any that would overprint one already placed.
    defaultDrawNodeLabel: (context, data) => {
      pendingLabels.push({ node: (data as unknown as { key: string }).key, data: data as never, context });
    },
    nodeReducer: (node, attrs) => {
      const out = { ...attrs } as Record<string, unknown>;
      if (state.hiddenTypes.has(attrs.entityType)) out.hidden = true;
      if (state.period && !anyIn(attrs.days, state.period)) out.hidden = true;
      if (state.focus && !state.focusSet.has(node)) {
        out.color = '#e6e6e6';
        out.label = '';
        out.zIndex = 0;
      } else if (state.focus) {
        out.zIndex = 1;
        out.forceLabel = true;
        if (node === state.focus) out.highlighted = true;
      }
      return out;
    },
    edgeReducer: (edge, attrs) => {
      const out = { ...attrs } as Record<string, unknown>;
      if (!edgeShown(edge, attrs)) out.hidden = true;
      return out;
    },
  });

  function edgeShown(edge: string, attrs: EdgeAttrs): boolean {
    if (state.relationType && attrs.relation !== state.relationType) return false;
    if (attrs.confidence < state.minConfidence) return false;
    if (state.period && !anyIn(attrs.days, state.period)) return false;
    const [s, t] = graph.extremities(edge);
    if (state.focus && !(state.focusSet.has(s) && state.focusSet.has(t))) return false;
    return true;
  }

  renderer.on('beforeRender', () => {
    pendingLabels = [];
  });
  renderer.on('afterRender', () => {
    const settings = renderer.getSettings();
    const size = settings.labelSize;
    labelBoxes = [];
    pendingLabels.sort((a, b) => b.data.size - a.data.size || (a.node < b.node ? -1 : 1));
    for (const { node, data, context } of pendingLabels) {
      if (!data.label) continue;
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      const width = context.measureText(data.label).width;
      // The text's box: sigma's default placement (right of the disc, baseline a third of the size below centre).
      const box: LabelBox = { node, label: data.label, x: data.x + data.size + 3, y: data.y + size / 3 - size, width, height: size * 1.25 };
      const pad = 2;
      const clash = labelBoxes.some(
        (b) => box.x < b.x + b.width + pad && b.x < box.x + box.width + pad && box.y < b.y + b.height + pad && b.y < box.y + box.height + pad,
      );
      if (clash && state.avoidLabelOverlap) continue;
      context.fillStyle = '#222';
      context.fillText(data.label, box.x, data.y + size / 3);
      labelBoxes.push(box);
    }
  });

  // Legend and type filter.
  const types = Object.keys(TYPE_COLORS).sort();
  $('legend').innerHTML = types
    .map(
      (t) => `<label><input type="checkbox" data-type="${t}" checked><span class="swatch" style="background:${TYPE_COLORS[t] ?? '#999'}"></span>${t}</label>`,
    )
    .join('');
  for (const box of $('legend').querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    box.addEventListener('change', () => {
      const t = box.dataset.type as string;
      if (box.checked) state.hiddenTypes.delete(t);
      else state.hiddenTypes.add(t);
      renderer.refresh();
      updateDownloads();
    });
  }
  // Relation type and confidence filters.
  const fillRelations = (): void => {
    const relationTypes = [...new Set(graph.mapEdges((_e, a) => a.relation))].sort();
    $<HTMLSelectElement>('relation').innerHTML =
      `<option value="">all relations</option>${relationTypes.map((t) => `<option${t === state.relationType ? ' selected' : ''}>${escapeHtml(t)}</option>`).join('')}`;
  };
  fillRelations();
  $<HTMLSelectElement>('relation').addEventListener('change', (e) => {
    state.relationType = (e.target as HTMLSelectElement).value;
    renderer.refresh();
    updateDownloads();
  });
  $<HTMLInputElement>('confidence').addEventListener('input', (e) => {
    state.minConfidence = Number((e.target as HTMLInputElement).value);
    $('confidence-value').textContent = state.minConfidence.toFixed(2);
    renderer.refresh();
    updateDownloads();
  });
  $<HTMLSelectElement>('size-by').addEventListener('change', (e) => {
    state.sizeBy = (e.target as HTMLSelectElement).value as SizeBy;
    resize();
  });

  // What is drawn: the largest connected part, every connected entity, and the isolates on request.
  const reload = async (params: Record<string, string>): Promise<void> => {
    $('status').textContent = 'Loading…';
    document.body.dataset.ready = 'false';
    try {
      load(await fetchView(first.limit ? { limit: first.limit, ...params } : params));
      state.focus = null;
      state.focusSet.clear();
      fillRelations();
      renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      renderer.refresh();
      updateDownloads();
    } catch (error) {
      $('status').textContent = `Could not load the view: ${String(error)}`;
    }
    document.body.dataset.ready = 'true';
  };
  $<HTMLSelectElement>('scope').addEventListener('change', (e) => {
    state.scope = (e.target as HTMLSelectElement).value as 'core' | 'connected';
    void reload({ scope: $<HTMLInputElement>('isolates').checked ? 'all' : state.scope });
  });
  $<HTMLInputElement>('isolates').addEventListener('change', (e) => {
    void reload({ scope: (e.target as HTMLInputElement).checked ? 'all' : state.scope });
  });
  $('back').addEventListener('click', () => void reload({ scope: state.scope }));

  // Time: a slider over the documents' dates (days, weeks or months by the range), and play.
  const dates = view.dates;
  const slider = $<HTMLInputElement>('period');
  const buckets = dates.from && dates.to ? bucketsOf(dates.days[0]?.[0] as Day, dates.days[dates.days.length - 1]?.[0] as Day) : null;
  let periodIndex = 0;
  const perBucket = (): number[] => (buckets?.periods ?? []).map((p) => dates.days.reduce((n, [d, count]) => (d >= p.from && d <= p.to ? n + count : n), 0));
  const corpusActivity = perBucket();
  /** `redraw` false only while the page is set up: sigma has just drawn, and nothing filters yet. */
  const setPeriod = (i: number | null, redraw = true): void => {
    if (!buckets || i === null) {
      state.period = null;
      $('period-label').textContent = buckets ? `all dates (${dates.from} to ${dates.to})` : 'no dated documents';
      $<HTMLInputElement>('period-all').checked = true;
    } else {
      periodIndex = Math.max(0, Math.min(buckets.periods.length - 1, i));
      const p = buckets.periods[periodIndex] as { from: Day; to: Day; label: string };
      state.period = { from: p.from, to: p.to };
      slider.value = String(periodIndex);
      $('period-label').textContent = p.label;
      $<HTMLInputElement>('period-all').checked = false;
    }
    $('timeline').innerHTML = sparkline(corpusActivity, state.period ? periodIndex : null, 220, 24);
    if (redraw) renderer.refresh();
    updateDownloads();
  };
  if (buckets) {
    slider.max = String(buckets.periods.length - 1);
    slider.disabled = false;
    slider.addEventListener('input', () => setPeriod(Number(slider.value)));
    $<HTMLInputElement>('period-all').addEventListener('change', (e) => setPeriod((e.target as HTMLInputElement).checked ? null : Number(slider.value)));
  } else {
    slider.disabled = true;
    $<HTMLButtonElement>('play').disabled = true;
    $<HTMLInputElement>('period-all').disabled = true;
  }
  let playing: ReturnType<typeof setInterval> | null = null;
  const stop = (): void => {
    if (playing) clearInterval(playing);
    playing = null;
    $('play').textContent = '▶ Play';
  };
  $('play').addEventListener('click', () => {
    if (playing || !buckets) return stop();
    setPeriod(state.period && periodIndex < buckets.periods.length - 1 ? periodIndex : 0);
    $('play').textContent = '❚❚ Pause';
    playing = setInterval(() => {
      if (periodIndex >= buckets.periods.length - 1) return stop();
      setPeriod(periodIndex + 1);
    }, 1000);
  });
  setPeriod(null, false);

  // Search: an entity in view is focused with its neighbours; one outside it brings its neighbourhood from the server.
  const suggest = (): void => {
    $('suggestions').innerHTML = graph
      .mapNodes((_id, a) => a.label)
      .sort()
      .slice(0, 5_000)
      .map((l) => `<option value="${escapeHtml(l)}">`)
      .join('');
  };
  suggest();
  const inView = (query: string): string | null => {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    return (
      graph.findNode((_n, a) => a.label.toLowerCase() === q || a.aliases.some((x) => x.toLowerCase() === q)) ??
      graph.findNode((_n, a) => a.label.toLowerCase().includes(q)) ??
      null
    );
  };
  const focusNode = (id: string): void => {
    state.focus = id;
    state.focusSet = new Set([id, ...graph.neighbors(id)]);
    renderer.refresh();
    const display = renderer.getNodeDisplayData(id);
    if (display) renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
    void showPanel(id);
    updateDownloads();
  };
  const focus = async (query: string): Promise<string | null> => {
    let id = inView(query);
    if (!id && query.trim()) {
      const found = await graphql<{ search: { id: string }[] }>('query($q: String!) { search(text: $q, first: 1) { id } }', { q: query.trim() });
      const hit = found.search[0]?.id;
      if (hit) {
        await reload({ focus: hit });
        suggest();
        id = graph.hasNode(hit) ? hit : null;
      }
    }
    if (!id) {
      $('status').textContent = `No entity matches "${query}".`;
      return null;
    }
    focusNode(id);
    return id;
  };
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void focus($<HTMLInputElement>('search').value);
  });
  $('clear').addEventListener('click', () => {
    state.focus = null;
    state.focusSet.clear();
    $('panel').innerHTML = '<p class="hint">Click an entity to see what the articles say about it.</p>';
    renderer.refresh();
    updateDownloads();
  });
  renderer.on('clickNode', ({ node }) => {
    void showPanel(node);
  });

  async function showPanel(id: string): Promise<void> {
    $('panel').innerHTML = '<p class="hint">Loading…</p>';
    try {
      const bucket = (buckets?.bucket ?? 'month').toUpperCase();
      const d = await graphql<{
        entity: {
          name: string;
          type: string;
          aliases: string[];
          roles: { title: string; of: { name: string } | null }[];
          activity: { buckets: { start: string; end: string; mentions: number; documents: number }[]; undated: { documents: number } };
          relations: {
            edges: {
              node: {
                type: string;
                confidence: number;
                source: { name: string };
                target: { name: string };
                evidence: { edges: { node: { text: string; document: { title: string | null; publishedAt: string | null } } }[] };
              };
            }[];
          };
        } | null;
      }>(
        `query($id: ID!, $bucket: Bucket) { entity(id: $id) { name type aliases roles { title of { name } }
           activity(bucket: $bucket) { buckets { start end mentions documents } undated { documents } }
           relations(first: 50) { edges { node { type confidence source { name } target { name } evidence(first: 3) { edges { node { text document { title publishedAt } } } } } } } } }`,
        { id, bucket },
      );
      const e = d.entity;
      if (!e) throw new Error(`no entity ${id}`);
      const rels = e.relations.edges.map(({ node: r }) => {
        const ev = r.evidence.edges
          .map(
            ({ node: x }) =>
              `<blockquote class="evidence">${escapeHtml(x.text)}<cite>${escapeHtml(x.document.title ?? 'untitled')}${x.document.publishedAt ? `, ${escapeHtml(x.document.publishedAt.slice(0, 10))}` : ''}</cite></blockquote>`,
          )
          .join('');
        return `<li><b>${escapeHtml(r.source.name)}</b> <span class="rel">${escapeHtml(r.type)}</span> <b>${escapeHtml(r.target.name)}</b> <small>(${r.confidence.toFixed(2)})</small>${ev}</li>`;
      });
      const series = e.activity.buckets;
      const activity = series.length
        ? `<h3>Mentions over time</h3><div class="activity" data-buckets="${series.length}">${sparkline(
            series.map((b) => b.mentions),
            null,
          )}<small>${escapeHtml(series[0]?.start ?? '')} to ${escapeHtml(series[series.length - 1]?.end ?? '')}, by ${bucket.toLowerCase()}${e.activity.undated.documents ? `; ${e.activity.undated.documents} undated documents` : ''}</small></div>`
        : '';
      $('panel').innerHTML = `<h2>${escapeHtml(e.name)}</h2><p class="type">${escapeHtml(e.type.toLowerCase())}</p>
        ${e.aliases.length ? `<p><b>Also:</b> ${e.aliases.map(escapeHtml).join(', ')}</p>` : ''}
        ${e.roles.length ? `<p><b>Roles:</b> ${e.roles.map((r) => escapeHtml(r.of ? `${r.title} of ${r.of.name}` : r.title)).join('; ')}</p>` : ''}
        ${activity}
        <h3>Relations</h3><ul class="relations">${rels.join('') || '<li>none stated</li>'}</ul>`;
    } catch (error) {
      $('panel').innerHTML = `<p class="error">${escapeHtml(String(error))}</p>`;
    }
  }

  // Downloads of the current view, with the same filters as query parameters.
  function updateDownloads(): void {
    const params = new URLSearchParams();
    const shown = types.filter((t) => !state.hiddenTypes.has(t));
    if (shown.length < types.length) params.set('types', shown.join(','));
    if (state.relationType) params.set('relations', state.relationType);
    if (state.minConfidence > 0) params.set('minConfidence', String(state.minConfidence));
    if (state.focus) {
      params.set('focus', state.focus);
      params.set('hops', '1');
    }
    const qs = params.toString() ? `?${params}` : '';
    $<HTMLAnchorElement>('download-gexf').href = `/export/gexf${qs}`;
    $<HTMLAnchorElement>('download-json').href = `/export/json${qs}`;
  }
  updateDownloads();
  renderer.on('clickNode', updateDownloads);

  // The map view (map.ts) over the same view, type filter, period and focus: a click on a place focuses it here too.
  const map = createMapView({
    container: $('map'),
    graph: $('graph'),
    buttons: { graph: $('view-graph'), map: $('view-map') },
    colors: TYPE_COLORS,
    view: () => view,
    state,
    select: (id) => focusNode(id),
    includeIsolates: () => void reload({ scope: 'all' }),
  });
  renderer.on('afterRender', () => map.sync());

  (window as unknown as { __explorer: unknown }).__explorer = {
    renderer,
    graph,
    focus,
    state,
    setPeriod,
    periods: () => buckets?.periods ?? [],
    view: () => view,
    labelBoxes: () => labelBoxes,
    /** The edges drawn now: every filter applied, both ends shown. */
    visibleEdges: () =>
      graph.filterEdges((edge, attrs, s, t) => {
        const hidden = (n: string): boolean => renderer.getNodeDisplayData(n)?.hidden ?? true;
        return edgeShown(edge, attrs) && !hidden(s) && !hidden(t);
      }),
  };
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('status').textContent = `Could not load the graph: ${String(error)}`;
});
