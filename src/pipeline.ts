// The one place that wires the stages in order: ingest → nlp → store → graph → (graphql, server).
import { InvalidInputError } from './errors.js';
import { GraphIndex, buildGraph } from './graph/index.js';
import { type Document, readDocuments } from './ingest/index.js';
import { type Extraction, extract } from './nlp/index.js';
import { applyMerges, crossDocumentMerges } from './resolve/index.js';
import type { Store } from './store/index.js';

export interface IngestSummary {
  added: number;
  duplicates: number;
  refused: { source: string; reason: string }[];
  seconds: number;
}

export type ProgressListener = (event: { done: number; source: string; status: 'added' | 'duplicate' | 'refused' }) => void;

export function extractDocument(doc: Document): Extraction {
  return extract(doc);
}

/**
 * Reads every document under `path`, extracts it and stores it (one transaction per document).
 * Content already stored is skipped before extraction, so a re-run costs only the reading.
 */
export function ingestPath(store: Store, path: string, onProgress?: ProgressListener): IngestSummary {
  const started = performance.now();
  const summary: IngestSummary = { added: 0, duplicates: 0, refused: [], seconds: 0 };
  let done = 0;
  for (const item of readDocuments(path)) {
    done++;
    if (!item.ok) {
      summary.refused.push({ source: item.source, reason: item.error.message });
      onProgress?.({ done, source: item.source, status: 'refused' });
      continue;
    }
    const status = ingestDocument(store, item.document, summary);
    onProgress?.({ done, source: item.document.source, status });
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function ingestDocument(store: Store, doc: Document, summary: IngestSummary): 'added' | 'duplicate' | 'refused' {
  if (store.findByContent(doc.contentHash)) {
    summary.duplicates++;
    return 'duplicate';
  }
  try {
    const result = store.ingest(doc, extractDocument(doc));
    if (result.status === 'added') summary.added++;
    else summary.duplicates++;
    return result.status;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    summary.refused.push({ source: doc.source, reason: error.message });
    return 'refused';
  }
}

/** Resolves entities across documents, then builds the graph; order-independent. */
export function buildIndex(extractions: Extraction[], meta: Parameters<typeof buildGraph>[1] = []): GraphIndex {
  const merges = crossDocumentMerges(extractions);
  const { graph, documents } = buildGraph(
    extractions.map((x) => applyMerges(x, merges)),
    meta,
  );
  return new GraphIndex(graph, documents);
}

/** Rebuilds the graph from stored extractions; no NLP runs. */
export function loadIndex(store: Store): GraphIndex {
  return buildIndex([...store.extractions()], store.documents());
}
