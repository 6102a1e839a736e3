// The change feed: `changes` pages the store's change log by seq; the `changes` subscription replays it and then follows.
import { InvalidInputError, UsageError } from '../errors.js';
import type { StoredChange } from '../store/index.js';
import type { ChangeFeed, GraphContext } from './context.js';
import type { ChangeKind, ChangeResolvers, QueryResolvers, SubscriptionResolvers } from './generated/types.js';
import { checkRange, LIMITS } from './limits.js';

/** A page of the change log, shaped as the ChangeConnection itself (graphql calls totalCount only when it is asked for). */
export interface ChangePage {
  edges: { cursor: string; node: StoredChange }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => number;
}

/** Opaque to clients, but only the seq: it survives restarts and means the same thing in every server on the file. */
export const changeCursor = (seq: number): string => Buffer.from(String(seq), 'utf8').toString('base64url');

/** The seq a cursor stands for; a cursor this feed never gave out is the client's mistake, said as such. */
export function parseChangeCursor(cursor: string, feed: ChangeFeed, where: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seq) || changeCursor(seq) !== cursor) {
    throw new InvalidInputError(
      `${where}: "${cursor.slice(0, 60)}" is not a cursor of the change feed. Pass an endCursor from a previous page (or a Change's cursor), or omit "after" to start from the first change.`,
    );
  }
  const last = feed.last();
  if (seq > last) {
    // Seqs are never reused, so this cursor was made by another database (or one that was replaced).
    throw new InvalidInputError(
      `${where}: the cursor stands for change ${seq}, but this database's newest change is ${last}: it comes from another database. Sync again from the start by omitting "after".`,
    );
  }
  return seq;
}

function feedOf(ctx: GraphContext, where: string): ChangeFeed {
  if (!ctx.changes)
    throw new UsageError(`${where}: the change feed needs the store; ask the server started by \`newsgraph serve\` (POST /graphql, or ws://…/graphql).`);
  return ctx.changes;
}

const KINDS: Record<StoredChange['kind'], ChangeKind> = {
  document_added: 'DOCUMENT_ADDED',
  document_removed: 'DOCUMENT_REMOVED',
  curation: 'CURATION',
};

/** Read at most this many changes at a time while replaying. */
const REPLAY_BATCH = 100;

/**
 * The changes after a seq, then each new one as the feed reports commits. Not an async generator: a generator
 * waiting for the next commit cannot be ended until one arrives, and a client that leaves (or a server closing) must
 * end it at once and stop listening.
 */
class ChangeStream implements AsyncIterableIterator<StoredChange> {
  private seq: number;
  private buffer: StoredChange[] = [];
  /** Something may have committed since the log was last read (true at first: the replay). */
  private unread = true;
  private wake: (() => void) | null = null;
  private ended = false;
  private readonly unlisten: () => void;

  constructor(
    private readonly feed: ChangeFeed,
    after: number,
  ) {
    this.seq = after;
    this.unlisten = feed.listen(() => {
      this.unread = true;
      this.wake?.();
    });
  }

  async next(): Promise<IteratorResult<StoredChange>> {
    while (!this.ended) {
      const change = this.buffer.shift();
      if (change) return { value: change, done: false };
      if (this.unread) {
        this.buffer = this.feed.after(this.seq, REPLAY_BATCH);
        // A full batch may have more behind it; anything committed after this read wakes the stream again.
        this.unread = this.buffer.length === REPLAY_BATCH;
        this.seq = this.buffer.at(-1)?.seq ?? this.seq;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<StoredChange>> {
    this.end();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<StoredChange>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.buffer = [];
    this.unlisten();
    this.wake?.();
  }
}

const changes: QueryResolvers['changes'] = (_root, args, ctx): ChangePage => {
  const feed = feedOf(ctx, 'changes');
  const first = checkRange('first', args.first ?? 50, 0, LIMITS.first);
  const after = args.after == null ? 0 : parseChangeCursor(args.after, feed, 'changes.after');
  const items = feed.after(after, first + 1);
  const edges = items.slice(0, first).map((node) => ({ cursor: changeCursor(node.seq), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > first,
      hasPreviousPage: after > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => feed.countAfter(after),
  };
};

const subscribeToChanges: SubscriptionResolvers['changes'] = {
  subscribe: (_root, args, ctx) => {
    const feed = feedOf(ctx, 'subscription changes');
    const after = args.after == null ? 0 : parseChangeCursor(args.after, feed, 'subscription changes.after');
    return new ChangeStream(feed, after);
  },
  resolve: (change: StoredChange) => change,
};

const changeFields: ChangeResolvers = {
  kind: (c) => KINDS[c.kind],
  document: (c, _args, { index }) => (c.kind === 'document_removed' || c.documentId === null ? null : index.document(c.documentId)),
  operation: (c) => c.op,
  arguments: (c) => c.args,
};

/** Merged into the resolver map in resolvers.ts. */
export const changeResolvers = {
  Query: { changes },
  Subscription: { changes: subscribeToChanges },
  Change: changeFields,
};
