// Benchmarks, as ratios against a baseline measured in the same process (machines here are shared and noisy).
//   extract: throughput of the full extract() ÷ a bare compromise parse of the same texts (issue 3: ≥ 0.5).
// Usage: npm run bench [-- --rounds N]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import nlp from 'compromise';
import { extract } from '../src/nlp/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const rounds = Math.max(1, Number(values.rounds));
const root = join(import.meta.dirname, '..');

const texts: string[] = [readFileSync(join(root, 'seeds', '000_b2a2aa0bd98a27c3.txt'), 'utf8')];
const conll = join(root, '..', 'shared', 'eval', 'conll2003-dev.jsonl');
if (existsSync(conll)) {
  for (const line of readFileSync(conll, 'utf8').split('\n').slice(0, 60)) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
}
const chars = texts.reduce((n, t) => n + t.length, 0);

const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const bare = (): void => {
  for (const text of texts) nlp(text);
};
const full = (): void => {
  for (const [i, text] of texts.entries()) extract({ id: `b${i}`, title: null, publishedAt: null, text });
};
// Warm both paths (JIT, compromise's lazy lexicon) before measuring.
bare();
full();
const bareMs: number[] = [];
const fullMs: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Interleaved, so a noisy neighbour slows both sides alike.
  bareMs.push(time(bare));
  fullMs.push(time(full));
}
const b = median(bareMs);
const f = median(fullMs);
console.log(`corpus: ${texts.length} documents, ${chars} characters; ${rounds} interleaved rounds, medians`);
console.log(`bare nlp(text)   ${b.toFixed(0).padStart(6)} ms  ${((chars / b) * 1000).toFixed(0).padStart(8)} chars/s`);
console.log(`full extract()   ${f.toFixed(0).padStart(6)} ms  ${((chars / f) * 1000).toFixed(0).padStart(8)} chars/s`);
console.log(`extract throughput ÷ bare parse throughput: ${(b / f).toFixed(2)} (issue 3 asks ≥ 0.5)`);
