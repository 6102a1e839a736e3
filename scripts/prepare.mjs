// Runs on `npm install` in a checkout: generates resolver types and compiles src/ into dist/.
// Skipped when the dev toolchain is absent (newsgraph installed as a dependency from a published build).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/typescript') || !existsSync('src')) process.exit(0);
execSync('npm run build', { stdio: 'inherit' });
