// The store layer's surface.
export { type ChangeKind, type IngestResult, type IngestStatus, Store, type StoredChange, type StoredDocument } from './sqlite.js';
