// Politeness: one request at a time per host, a few hosts at once, and a per-host backoff after errors, 429 and 503.

export interface GateOptions {
  /** Requests in flight over all hosts. */
  maxConcurrent: number;
  /** First backoff after an error; doubles with each error in a row. */
  baseBackoffMs: number;
  /** The longest backoff an error earns (a server's Retry-After may ask for longer, and is honoured). */
  maxBackoffMs: number;
  /** Longer than this, a request does not wait for its host's backoff inside one poll: it fails with BackoffError. */
  maxWaitMs: number;
}

export const DEFAULT_GATE: GateOptions = { maxConcurrent: 4, baseBackoffMs: 2_000, maxBackoffMs: 10 * 60_000, maxWaitMs: 60_000 };

/** The host asked us (or its errors told us) to stay away for longer than a poll waits. */
export class BackoffError extends Error {
  constructor(
    readonly host: string,
    readonly until: number,
  ) {
    super(`${host} is backing off until ${new Date(until).toISOString()}`);
    this.name = 'BackoffError';
  }
}

/** The watcher is stopping. */
export class AbortedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'AbortedError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Host {
  busy: boolean;
  queue: Waiter[];
  failures: number;
  notBefore: number;
}

export const hostOf = (url: string): string => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
};

export class HostGate {
  private readonly hosts = new Map<string, Host>();
  private active = 0;
  private readonly slots: Waiter[] = [];

  constructor(private readonly options: GateOptions = DEFAULT_GATE) {}

  /** Runs `fn` when `url`'s host is free, its backoff has passed and a slot is open; FIFO per host. */
  async run<T>(url: string, signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    const host = this.host(hostOf(url));
    await this.acquire(host, signal);
    try {
      const wait = host.notBefore - Date.now();
      if (wait > this.options.maxWaitMs) throw new BackoffError(hostOf(url), host.notBefore);
      if (wait > 0) await sleep(wait, signal);
      await this.slot(signal);
      try {
        return await fn();
      } finally {
        this.releaseSlot();
      }
    } finally {
      this.release(host);
    }
  }

  /** An error, 429 or 503 from the host: back off exponentially, or as long as Retry-After says if that is longer. */
  failed(url: string, retryAfterMs: number | null = null): number {
    const host = this.host(hostOf(url));
    host.failures++;
    const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (host.failures - 1));
    const delay = Math.max(backoff, retryAfterMs ?? 0);
    host.notBefore = Math.max(host.notBefore, Date.now() + delay);
    return delay;
  }

  succeeded(url: string): void {
    this.host(hostOf(url)).failures = 0;
  }

  private host(name: string): Host {
    let h = this.hosts.get(name);
    if (!h) {
      h = { busy: false, queue: [], failures: 0, notBefore: 0 };
      this.hosts.set(name, h);
    }
    return h;
  }

  private acquire(host: Host, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new AbortedError());
    if (!host.busy) {
      host.busy = true;
      return Promise.resolve();
    }
    return enqueue(host.queue, signal);
  }

  private release(host: Host): void {
    const next = host.queue.shift();
    if (next) next.resolve();
    else host.busy = false;
  }

  private slot(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new AbortedError());
    if (this.active < this.options.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return enqueue(this.slots, signal);
  }

  private releaseSlot(): void {
    const next = this.slots.shift();
    if (next) next.resolve();
    else this.active--;
  }
}

/** Waits in `queue` until a releaser hands over (resolve) or the signal aborts (the waiter leaves the queue). */
function enqueue(queue: Waiter[], signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const waiter: Waiter = {
      resolve: () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      reject,
    };
    const onAbort = (): void => {
      const i = queue.indexOf(waiter);
      if (i >= 0) queue.splice(i, 1);
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    queue.push(waiter);
  });
}

/** Resolves after `ms`, or rejects with AbortedError as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortedError());
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
