// The baseline of the distributed benchmark: one process extracting its share of the texts (every n-th from k) in an
// extraction thread, as `newsgraph worker` does, with no database or queue. Prints what it used from the end of its
// first document on: "steady DOCS CPU_SECONDS".
import { readFileSync } from 'node:fs';
import { makeDocument } from '../src/ingest/index.js';
import { ExtractPool } from '../src/workers/extract-pool.js';

const [file, k, n] = process.argv.slice(2);
const texts = (JSON.parse(readFileSync(file as string, 'utf8')) as string[]).filter((_, i) => i % Number(n) === Number(k));
const pool = new ExtractPool(1);
let steady: NodeJS.CpuUsage | null = null;
let docs = 0;
for (const [i, text] of texts.entries()) {
  await pool.run(makeDocument({ id: `b${k}-${i}`, text, source: 'bench' }));
  if (steady) docs++;
  else steady = process.cpuUsage();
}
const used = process.cpuUsage(steady ?? undefined);
await pool.close();
process.stdout.write(`steady ${docs} ${(used.user + used.system) / 1e6}\n`);
