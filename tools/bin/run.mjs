#!/usr/bin/env node
// Runs a developer command written in TypeScript: bundles tools/src/cli.ts with esbuild (about
// 20 ms; tsx would add most of a second) into .cache/tools and imports it.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { nodeBundleOptions } from './esbuild-options.mjs';

// The repository is the nearest folder above the working directory that holds nx.json, so the
// same tools serve a temporary copy of the repository (tests, the diff's base checkout).
function findRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  }
}
const root = findRoot(process.cwd());
const outfile = join(root, '.cache', 'tools', `cli-${process.pid}.mjs`);
await build({
  ...nodeBundleOptions(),
  entryPoints: [join(root, 'tools', 'src', 'cli.ts')],
  outfile,
  sourcemap: 'inline',
  logLevel: 'error',
});
const { main } = await import(pathToFileURL(outfile).href);
const { rmSync } = await import('node:fs');
rmSync(outfile, { force: true });
process.exitCode = await main(process.argv.slice(2), root);
