// Bulk ingest with several workers commits in the input's order: a slow first document does not let the quick
// ones behind it in first (ingest order decides which version of a syndicated story is canonical).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ingestStream } from '../../src/pipeline.js';
import { Store } from '../../src/store/index.js';
import { SEED_TEXT, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

it('commits documents in input order with 2 workers, whatever finishes first', async () => {
  const lines = [
    { id: 'a-long', text: SEED_TEXT },
    ...[
      'Iran met Russia in Geneva on Monday.',
      'Joe Biden met Jill Biden in Washington.',
      'Israel struck Hezbollah in Lebanon.',
      'Kenya and Japan signed a trade deal in Nairobi.',
    ].map((text, i) => ({ id: `b-short-${i}`, text })),
  ];
  const input = join(tmp.path, 'order.jsonl');
  writeFileSync(input, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const store = Store.open(join(tmp.path, 'order.db'));
  try {
    const summary = await ingestStream(store, input, { workers: 2 });
    expect(summary.added).toBe(lines.length);
    const committed = store.changesAfter(0, 100).map((c) => c.documentId);
    expect(committed).toEqual(lines.map((l) => l.id));
  } finally {
    store.close();
  }
}, 120_000);
