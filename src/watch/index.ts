// The watch layer's surface: feed polling with polite fetching and resumable state.
export { decodeBody, FetchError, fetchUrl, retryAfterMs, USER_AGENT } from './fetcher.js';
export { BackoffError, DEFAULT_GATE, type GateOptions, HostGate } from './hosts.js';
export { durationFlag, formatDuration, parseDuration, readFeedList } from './options.js';
export { DEFAULT_WATCH, detailLines, formatSummary, itemKey, type PollSummary, type WatchOptions, Watcher } from './poller.js';
