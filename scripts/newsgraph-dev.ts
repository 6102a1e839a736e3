// The newsgraph command from the TypeScript sources (benchmarks spawn it without a build): node --import tsx scripts/newsgraph-dev.ts …
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
