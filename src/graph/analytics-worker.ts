// Worker-thread entry: computes analytics off the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { type AnalyticsInput, computeAnalytics } from './analytics.js';

parentPort?.postMessage(computeAnalytics(workerData as AnalyticsInput));
