// The job queue as a user drives it: build --enqueue, newsgraph worker, newsgraph status; failures kept with their
// error and queued again on request; commands that need PostgreSQL refuse a SQLite file, saying what to do.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers.js';
import { dropDatabase, freshDatabase, pgAvailable } from '../support/postgres.js';

const tmp = tempDir();
const made: string[] = [];
afterAll(async () => {
  for (const url of made) await dropDatabase(url);
  tmp.cleanup();
});

const jsonl = (name: string, docs: { id: string; text: string }[]): string => {
  const path = join(tmp.path, name);
  writeFileSync(path, docs.map((d) => JSON.stringify(d)).join('\n'));
  return path;
};

describe('commands that need the PostgreSQL queue', () => {
  it.each([[['worker', '--drain']], [['status']], [['build', '--input', join(ROOT, 'seeds'), '--enqueue']]])(
    'refuse a SQLite database with how to get a queue: %j',
    (args) => {
      const r = runCli([...args, '--db', join(tmp.path, 'local.db')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/job queue lives in a PostgreSQL database; .*local\.db is a SQLite file\. Give --db postgres:\/\//);
    },
  );
});

describe.skipIf(!pgAvailable())('build --enqueue, worker, status', () => {
  it('stores queued documents once, keeps a failed job with its error, and queues it again on request', async () => {
    const url = await freshDatabase();
    made.push(url);
    const first = jsonl('first.jsonl', [
      { id: 'geneva', text: 'Iran met Russia in Geneva on Monday to discuss the nuclear programme.' },
      { id: 'cairo', text: 'Israel met Egypt in Cairo on Tuesday to discuss the border.' },
    ]);
    const q = runCli(['build', '--input', first, '--enqueue', '--db', url]);
    expect(q.status).toBe(0);
    expect(q.stderr).toContain('2 queued, 0 already stored or queued, 0 refused');
    expect(q.stderr).toContain('newsgraph worker --db');
    expect(runCli(['status', '--db', url]).stdout).toContain('2 queued, 0 running, 0 done, 0 failed');

    const w = runCli(['worker', '--db', url, '--drain', '--name', 'test-worker']);
    expect(w.status).toBe(0);
    expect(w.stderr).toMatch(/test-worker: 2 stored, 0 already stored, 0 failed/);
    const graph = JSON.parse(runCli(['query', '{ stats { documents } entity(name: "Geneva") { name type } }', '--db', url]).stdout);
    expect(graph.data).toEqual({ stats: { documents: 2 }, entity: { name: 'Geneva', type: 'PLACE' } });

    // The same id with another text cannot be stored: its job fails and keeps why.
    const clash = jsonl('clash.jsonl', [{ id: 'geneva', text: 'A different article under the same id, about Lisbon and Madrid.' }]);
    expect(runCli(['build', '--input', clash, '--enqueue', '--db', url]).stderr).toContain('1 queued');
    const failed = runCli(['worker', '--db', url, '--drain', '--name', 'test-worker']);
    expect(failed.status).toBe(0);
    expect(failed.stderr).toMatch(/0 stored, 0 already stored, 1 failed/);
    const status = runCli(['status', '--db', url]);
    expect(status.stdout).toContain('0 queued, 0 running, 2 done, 1 failed');
    expect(status.stdout).toMatch(/clash\.jsonl:1 .*document id "geneva" .* is already stored with different text/);
    expect(status.stdout).toContain('test-worker');
    const json = JSON.parse(runCli(['status', '--db', url, '--json']).stdout);
    expect(json).toMatchObject({ queued: 0, running: 0, done: 2, failed: 1, documents: 2 });

    const retried = runCli(['status', '--db', url, '--retry-failed']);
    expect(retried.stderr).toContain('1 failed jobs queued again');
    expect(retried.stdout).toContain('1 queued, 0 running, 2 done, 0 failed');
  });

  it('waits for jobs when idle, takes one enqueued meanwhile at once, and stops on SIGTERM with exit 0', async () => {
    const url = await freshDatabase();
    made.push(url);
    const child = spawn(process.execPath, [BIN, 'worker', '--db', url, '--name', 'idle'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => stderr, { timeout: 20_000 }).toContain('taking jobs');
    const doc = jsonl('late.jsonl', [{ id: 'late', text: 'Germany met France in Berlin on Friday.' }]);
    expect(runCli(['build', '--input', doc, '--enqueue', '--db', url]).status).toBe(0);
    await expect.poll(() => runCli(['status', '--db', url]).stdout, { timeout: 20_000 }).toContain('1 done');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM, stopping after the current job');
    expect(stderr).toMatch(/idle: 1 stored/);
  });
});
