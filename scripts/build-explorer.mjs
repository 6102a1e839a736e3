// Bundles the explorer's browser code (sigma.js, graphology, ForceAtlas2) into dist/explorer/explorer.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server/explorer/client.ts'],
  outfile: 'dist/explorer/explorer.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
