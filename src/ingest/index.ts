// The ingest layer's surface: bytes and files in, Documents out.
export { decodeText } from './decode.js';
export { type Document, type DocumentInput, makeDocument, contentHash, MAX_DOCUMENT_CHARS } from './document.js';
export { parseHtml, parseMarkdown, parsePlainText, parseJsonlLine } from './formats.js';
export { htmlToText } from './html.js';
export {
  formatOf,
  type InputFormat,
  inputSize,
  parseText,
  readDocumentFile,
  readDocuments,
  type ReadResult,
  type StreamItem,
  streamDocuments,
} from './read.js';
export { emptyWarcStats, streamWarc, type WarcSkip, type WarcStats } from './warc.js';
