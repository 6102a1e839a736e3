// Runs on `npm install` in a checkout: generates resolver types, compiles src/ into dist/ and bundles the explorer,
// then links node_modules/.bin/newsgraph so that tools expecting a local bin find this package's own command.
// Skipped when the dev toolchain is absent (newsgraph installed as a dependency from a published build).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';

if (!existsSync('node_modules/typescript') || !existsSync('src')) process.exit(0);
execSync('npm run build', { stdio: 'inherit' });
try {
  mkdirSync('node_modules/.bin', { recursive: true });
  if (!existsSync('node_modules/.bin/newsgraph')) symlinkSync('../../bin/newsgraph.js', 'node_modules/.bin/newsgraph');
} catch {
  // Only a convenience: `npx newsgraph` works without it.
}
