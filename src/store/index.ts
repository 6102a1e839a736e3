// The store layer's surface.
export { type IngestStatus, Store, type StoredDocument } from './sqlite.js';
