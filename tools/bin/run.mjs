#!/usr/bin/env node
// Runs a developer command written in TypeScript: bundles tools/src/cli.ts with esbuild (about
// 20 ms; tsx would add most of a second) into .cache/tools and imports it.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { keepNpmPackagesExternal } from './esbuild-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, '.cache', 'tools', `cli-${process.pid}.mjs`);
await build({
  entryPoints: [join(root, 'tools', 'src', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'error',
  plugins: [keepNpmPackagesExternal()],
});
const { main } = await import(pathToFileURL(outfile).href);
const { rmSync } = await import('node:fs');
rmSync(outfile, { force: true });
process.exitCode = await main(process.argv.slice(2), root);
