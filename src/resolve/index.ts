// The resolve layer's surface: cross-document merging of entities.
export { applyMerges, crossDocumentMerges, followChains } from './merge.js';
