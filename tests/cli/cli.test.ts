// The newsgraph command as a user runs it: the extraction contract, exit codes, one-line errors, and serve.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, SEED_PATH, SEED_TEXT, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('newsgraph extract', () => {
  it('prints the extraction contract for the seed article', () => {
    const r = runCli(['extract', SEED_PATH]);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(Object.keys(x)).toEqual(expect.arrayContaining(['id', 'document', 'entities', 'relations', 'events']));
    expect(x.document).toMatchObject({
      id: x.id,
      title: 'Ahead of Trump presidency, Iran sends mixed messages on US talks',
      publishedAt: null,
      chars: SEED_TEXT.length,
    });
    for (const e of x.entities) {
      expect(Object.keys(e)).toEqual(['id', 'type', 'name', 'aliases', 'mentions', 'confidence', 'attributes']);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
      for (const m of e.mentions) expect(SEED_TEXT.slice(m.start, m.end)).toBe(m.text);
    }
    const fm = x.relations.find((r: { id: string }) => r.id === 'person:abbas-araghchi|foreign_minister_of|country:iran');
    expect(fm).toMatchObject({ type: 'foreign_minister_of', source: 'person:abbas-araghchi', target: 'country:iran', rule: 'title-apposition' });
    expect(SEED_TEXT.slice(fm.evidence[0].start, fm.evidence[0].end)).toBe(fm.evidence[0].text);
  });

  it('reads stdin with "-"', () => {
    const r = runCli(['extract', '-'], { input: 'Iranian President Masoud Pezeshkian spoke in Tehran.' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).entities.map((e: { id: string }) => e.id)).toContain('person:masoud-pezeshkian');
  });

  it('--jsonl echoes each input id, one object per line, and flags a bad line without stopping', () => {
    const input = ['{"id":"a","text":"Iran met Russia."}', '{"id":"b"}', '{"id":"c","text":"Joe Biden spoke.","publishedAt":"2025-01-13"}'].join('\n');
    const r = runCli(['extract', '--jsonl'], { input });
    expect(r.status).toBe(2);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[1].error.message).toMatch(/stdin:2 has no "text" string/);
    expect(lines[2].document.publishedAt).toBe('2025-01-13');
  });

  it('refuses a binary file: exit 2, one line naming the file, no stack trace', () => {
    const path = join(tmp.path, 'image.txt');
    writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = runCli(['extract', path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path);
    expect(lines[0]).toMatch(/binary/);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('answers usage errors with exit 2 and help with exit 0', () => {
    expect(runCli(['extract']).status).toBe(2);
    expect(runCli(['frobnicate']).stderr).toMatch(/unknown command "frobnicate"/);
    expect(runCli(['extract', '--bogus', SEED_PATH]).status).toBe(2);
    const help = runCli(['build', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--input PATH/);
  });
});

describe('newsgraph build and query', () => {
  it('builds idempotently and answers a query from the database', () => {
    const env = { NEWSGRAPH_DB: join(tmp.path, 'cli.db') };
    const first = runCli(['build', '--input', join(ROOT, 'seeds')], { env });
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/1 added, 0 already stored, 0 refused/);
    const second = runCli(['build', '--input', join(ROOT, 'seeds')], { env });
    expect(second.stderr).toMatch(/0 added, 1 already stored/);
    const q = runCli(['query', '{ entity(name: "IRGC") { name type } }'], { env });
    expect(q.status).toBe(0);
    expect(JSON.parse(q.stdout).data.entity).toEqual({ name: 'Islamic Revolutionary Guard Corps', type: 'ORGANIZATION' });
    const bad = runCli(['query', '{ entity(name: ) }'], { env });
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('says which port is taken, and how to pick another, when it cannot listen', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = String((taken.address() as { port: number }).port);
    try {
      const { spawn: spawnChild } = await import('node:child_process');
      const child = spawnChild(process.execPath, [BIN, 'serve', '--port', port], {
        cwd: ROOT,
        env: { ...process.env, NEWSGRAPH_DB: join(tmp.path, 'taken.db') },
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(2);
      expect(stderr).toContain(`cannot listen on 127.0.0.1:${port} (the port is in use)`);
    } finally {
      taken.close();
    }
  });

  it('rejects a bad PORT before doing any work', () => {
    const r = runCli(['serve'], { env: { PORT: 'eighty', NEWSGRAPH_DB: join(tmp.path, 'port.db') } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT is "eighty"/);
  });
});

describe('newsgraph serve', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGTERM'));

  it('ingests, serves on 127.0.0.1 and shuts down on SIGTERM', async () => {
    child = spawn(process.execPath, [BIN, 'serve', '--input', join(ROOT, 'seeds'), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, NEWSGRAPH_DB: join(tmp.path, 'serve.db') },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child?.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child?.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(name: "US") { name } }' }),
    });
    expect(((await res.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe('United States');
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
