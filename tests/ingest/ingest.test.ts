// Ingest: every format, and bad input refused with an error that names the input and the reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { decodeText, htmlToText, parseJsonlLine, parseMarkdown, parsePlainText, readDocumentFile, readDocuments } from '../../src/ingest/index.js';
import { SEED_PATH, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('formats', () => {
  it('reads .txt with the first line as title and the whole file as text', () => {
    const [doc] = readDocumentFile(SEED_PATH);
    expect(doc?.title).toBe('Ahead of Trump presidency, Iran sends mixed messages on US talks');
    expect(doc?.text.startsWith('Ahead of Trump presidency')).toBe(true);
    expect(doc?.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads .md front matter (title, date, url) and keeps the body as text', () => {
    const doc = parseMarkdown('---\ntitle: "Talks resume"\ndate: 2025-01-15\nurl: https://example.org/a\n---\nIran and the EU met in Geneva.\n', 'a.md');
    expect(doc.title).toBe('Talks resume');
    expect(doc.publishedAt).toBe('2025-01-15');
    expect(doc.url).toBe('https://example.org/a');
    expect(doc.text).toBe('Iran and the EU met in Geneva.\n');
  });

  it('reads .html as readable text, dropping scripts, styles and navigation', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style><script>var x = "Iran";</script></head>
      <body><nav>Home | World</nav><article><h1>Talks in Geneva</h1><p>Iran &amp; the EU met.</p><script>alert(1)</script><p>More&nbsp;text.</p></article></body></html>`;
    const r = htmlToText(html);
    expect(r.title).toBe('Talks in Geneva');
    expect(r.text).toBe('Talks in Geneva\nIran & the EU met.\nMore text.');
  });

  it('survives deeply nested tags', () => {
    const html = `<body>${'<div>'.repeat(5000)}Iran met Russia.${'</div>'.repeat(5000)}</body>`;
    expect(htmlToText(html).text).toBe('Iran met Russia.');
  });

  it('reads JSONL lines with id, title, text and publishedAt', () => {
    const doc = parseJsonlLine('{"id":"a-1","title":"T","text":"Iran met Russia.","publishedAt":"2025-01-15T10:00:00Z"}', 'x.jsonl:1');
    expect(doc).toMatchObject({ id: 'a-1', title: 'T', publishedAt: '2025-01-15', text: 'Iran met Russia.' });
  });

  it('walks a directory in sorted order and reports unsupported files', () => {
    const dir = join(tmp.path, 'corpus');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'b.txt'), 'B title\nIran met Russia.');
    writeFileSync(join(dir, 'a.md'), '# A\nThe EU met.');
    writeFileSync(join(dir, 'sub', 'c.jsonl'), '{"id":"c1","text":"One."}\n\n{"id":"c2","text":"Two."}\n');
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const results = [...readDocuments(dir)];
    const ok = results.flatMap((r) => (r.ok ? [r.document.source.slice(dir.length + 1)] : []));
    expect(ok).toEqual(['a.md', 'b.txt', 'sub/c.jsonl:1', 'sub/c.jsonl:3']);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.ok === false && refused[0].error.message).toMatch(/image\.png.*unsupported extension/);
  });
});

describe('bad input is refused with the name of the input and the reason', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]), /bad\.bin.*binary data \(NUL at byte 6\)/],
    ['invalid UTF-8', Buffer.from('caf\xe9 au lait', 'latin1'), /bad\.bin.*invalid UTF-8 \(byte 0xe9 at offset 3\)/],
  ];
  it.each(cases)('%s', (_label, bytes, message) => {
    expect(() => decodeText(bytes, 'bad.bin')).toThrow(InvalidInputError);
    expect(() => decodeText(bytes, 'bad.bin')).toThrow(message);
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Iran met Russia.', 'utf16le')]);
    expect(decodeText(bytes, 'u16.txt')).toBe('Iran met Russia.');
  });

  it('refuses empty and whitespace-only documents', () => {
    expect(() => parsePlainText('', 'empty.txt')).toThrow(/empty\.txt is empty/);
    expect(() => parsePlainText(' \n\t\n', 'blank.txt')).toThrow(/blank\.txt is empty/);
  });

  it('refuses a JSONL line that is not an object with text, naming the line', () => {
    expect(() => parseJsonlLine('{"id":"x"}', 'in.jsonl:7')).toThrow(/in\.jsonl:7 has no "text" string/);
    expect(() => parseJsonlLine('{oops', 'in.jsonl:8')).toThrow(/in\.jsonl:8 is not valid JSON/);
    expect(() => parseJsonlLine('{"text":"a","publishedAt":"yesterday"}', 'in.jsonl:9')).toThrow(/in\.jsonl:9 has publication date "yesterday"/);
  });

  it('names a missing path', () => {
    expect(() => [...readDocuments(join(tmp.path, 'nope'))]).toThrow(/nope does not exist/);
  });
});
