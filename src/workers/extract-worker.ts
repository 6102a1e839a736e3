// Worker-thread entry: extracts the documents the pool sends, one at a time.
import { parentPort } from 'node:worker_threads';
import type { Document } from '../ingest/document.js';
import { extract } from '../nlp/index.js';

parentPort?.on('message', (msg: { id: number; doc: Document }) => {
  try {
    parentPort?.postMessage({ id: msg.id, extraction: extract(msg.doc) });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
