// The /explore page (runs in the browser; bundled by scripts/build-explorer.mjs): sigma.js over graphology,
// ForceAtlas2 in a web worker, type legend and filters, search that focuses a neighbourhood, an evidence panel.
import { MultiDirectedGraph } from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';

interface NodeAttrs {
  label: string;
  /** The entity type; sigma reserves "type" for its drawing programs. */
  entityType: string;
  aliases: string[];
  x: number;
  y: number;
  size: number;
  color: string;
  degree: number;
}
interface EdgeAttrs {
  /** The relation type ("type" is sigma's). */
  relation: string;
  confidence: number;
  label: string;
  cooccurrence: boolean;
}

const TYPE_COLORS: Record<string, string> = JSON.parse((document.getElementById('explorer-config') as HTMLElement).textContent ?? '{}').colors;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const state = {
  hiddenTypes: new Set<string>(),
  relationType: '',
  minConfidence: 0,
  focus: null as string | null,
  focusSet: new Set<string>(),
};

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

async function main(): Promise<void> {
  const res = await fetch('/export/json');
  const data = await res.json();
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  graph.import(data);
  // sigma reads "type" as the name of a drawing program: keep ours under other names.
  graph.updateEachNodeAttributes((_id, a) => {
    const { type, ...rest } = a as NodeAttrs & { type?: string };
    return { ...rest, entityType: type ?? 'entity' } as NodeAttrs;
  });
  graph.updateEachEdgeAttributes((_id, a) => {
    const { type, ...rest } = a as EdgeAttrs & { type?: string };
    return { ...rest, relation: type ?? '' } as EdgeAttrs;
  });
  $('status').textContent = `${graph.order} entities, ${graph.size} relations`;

  const renderer = new Sigma(graph, $('graph'), {
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 6,
    labelDensity: 0.7,
    labelGridCellSize: 80,
    zIndex: true,
    nodeReducer: (node, attrs) => {
      const out = { ...attrs } as Record<string, unknown>;
      if (state.hiddenTypes.has(attrs.entityType)) out.hidden = true;
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
      if (state.relationType && attrs.relation !== state.relationType) out.hidden = true;
      if (attrs.confidence < state.minConfidence) out.hidden = true;
      const [s, t] = graph.extremities(edge);
      if (state.focus && !(state.focusSet.has(s) && state.focusSet.has(t))) out.hidden = true;
      return out;
    },
  });

  // ForceAtlas2 in a web worker, for a few seconds from the server's layout.
  const layout = new FA2Layout(graph, { settings: { slowDown: 10, barnesHutOptimize: graph.order > 500 } });
  layout.start();
  // The server's layout is already ForceAtlas2 for graphs up to 5,000 nodes: refine briefly, longer for small graphs.
  setTimeout(() => layout.stop(), graph.order > 2000 ? 1500 : 3000);

  // Legend and type filter.
  const types = [...new Set(graph.mapNodes((_n, a) => a.entityType))].sort();
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
  const relationTypes = [...new Set(graph.mapEdges((_e, a) => a.relation))].sort();
  $<HTMLSelectElement>('relation').innerHTML =
    `<option value="">all relations</option>${relationTypes.map((t) => `<option>${escapeHtml(t)}</option>`).join('')}`;
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

  // Search with suggestions; choosing one focuses the entity and its neighbourhood.
  const byName = new Map<string, string>();
  graph.forEachNode((id, a) => {
    for (const name of [a.label, ...(a.aliases ?? [])]) if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), id);
  });
  $('suggestions').innerHTML = graph
    .mapNodes((_id, a) => a.label)
    .sort()
    .map((l) => `<option value="${escapeHtml(l)}">`)
    .join('');
  const focus = (query: string): string | null => {
    const q = query.trim().toLowerCase();
    const id = byName.get(q) ?? graph.findNode((_n, a) => a.label.toLowerCase().includes(q));
    if (!id) {
      $('status').textContent = `No entity matches "${query}".`;
      return null;
    }
    state.focus = id;
    state.focusSet = new Set([id, ...graph.neighbors(id)]);
    renderer.refresh();
    const display = renderer.getNodeDisplayData(id);
    if (display) renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
    void showPanel(id);
    return id;
  };
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    focus($<HTMLInputElement>('search').value);
  });
  $('clear').addEventListener('click', () => {
    state.focus = null;
    state.focusSet.clear();
    $('panel').innerHTML = '<p class="hint">Click an entity to see what the articles say about it.</p>';
    renderer.refresh();
  });
  renderer.on('clickNode', ({ node }) => {
    void showPanel(node);
  });

  async function showPanel(id: string): Promise<void> {
    $('panel').innerHTML = '<p class="hint">Loading…</p>';
    try {
      const d = await graphql<{
        entity: {
          name: string;
          type: string;
          aliases: string[];
          roles: { title: string; of: { name: string } | null }[];
          relations: {
            edges: {
              node: {
                type: string;
                confidence: number;
                source: { name: string };
                target: { name: string };
                evidence: { edges: { node: { text: string; document: { title: string | null } } }[] };
              };
            }[];
          };
        } | null;
      }>(
        `query($id: ID!) { entity(id: $id) { name type aliases roles { title of { name } }
           relations(first: 50) { edges { node { type confidence source { name } target { name } evidence(first: 3) { edges { node { text document { title } } } } } } } } }`,
        { id },
      );
      const e = d.entity;
      if (!e) throw new Error(`no entity ${id}`);
      const rels = e.relations.edges.map(({ node: r }) => {
        const ev = r.evidence.edges
          .map(({ node: x }) => `<blockquote class="evidence">${escapeHtml(x.text)}<cite>${escapeHtml(x.document.title ?? 'untitled')}</cite></blockquote>`)
          .join('');
        return `<li><b>${escapeHtml(r.source.name)}</b> <span class="rel">${escapeHtml(r.type)}</span> <b>${escapeHtml(r.target.name)}</b> <small>(${r.confidence.toFixed(2)})</small>${ev}</li>`;
      });
      $('panel').innerHTML = `<h2>${escapeHtml(e.name)}</h2><p class="type">${escapeHtml(e.type.toLowerCase())}</p>
        ${e.aliases.length ? `<p><b>Also:</b> ${e.aliases.map(escapeHtml).join(', ')}</p>` : ''}
        ${e.roles.length ? `<p><b>Roles:</b> ${e.roles.map((r) => escapeHtml(r.of ? `${r.title} of ${r.of.name}` : r.title)).join('; ')}</p>` : ''}
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
  $('search-form').addEventListener('submit', updateDownloads);

  (window as unknown as { __explorer: unknown }).__explorer = { renderer, graph, focus, state };
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('status').textContent = `Could not load the graph: ${String(error)}`;
});
