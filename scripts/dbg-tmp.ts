import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../src/nlp/index.js';
import { makeDocument } from '../src/ingest/index.js';
import { Store } from '../src/store/index.js';
const texts = readFileSync('/work/shared/eval/conll2003-dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text as string);
const docs = texts.map((text, i) => makeDocument({ id: `d${i}`, text, source: 'x' }));
let t = performance.now();
const xs = docs.map((d) => extract(d));
const ex = performance.now() - t;
const store = Store.open(join(mkdtempSync(join(tmpdir(), 'x-')), 'a.db'));
t = performance.now();
docs.forEach((d, i) => store.ingest(d, xs[i]!));
const st = performance.now() - t;
console.log(`extract ${(ex / docs.length).toFixed(2)} ms/doc, store ${(st / docs.length).toFixed(2)} ms/doc, chars/doc ${texts.join('').length / docs.length}`);
