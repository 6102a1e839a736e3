// The resolve layer's surface: cross-document merging of entities.
export { applyMerges, crossDocumentMerges, followChains, followOne, MergeIndex } from './merge.js';
