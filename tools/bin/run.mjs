#!/usr/bin/env node
// Runs a developer command written in TypeScript: bundles tools/src/cli.ts with esbuild into
// .cache/bundles (once per content of its sources; tsx would add most of a second) and imports it. On a Node outside
// package.json's engines (a system Node 20, say) it first runs itself again with the Node that npm
// installed into node_modules/.bin, or stops with a one-line reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { delimiter, dirname, join } from 'node:path';
import { cachedBundle, capFolder } from './bundle-cache.mjs';
import { nodeBundleOptions } from './esbuild-options.mjs';
import { nodeVerdict, reexecVariable } from './node-engines.mjs';

// The repository is the nearest folder above the working directory that holds nx.json, so the
// same tools serve a temporary copy of the repository (tests, the diff's base checkout).
function findRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  }
}
const root = findRoot(process.cwd());

const verdict = nodeVerdict(root);
if (verdict.refuse) {
  console.error(verdict.refuse);
  process.exit(1);
}
if (verdict.reexec) {
  // Same flags and script path (argv[1], which keeps a symlinked path as given); node_modules/.bin first on
  // PATH as under npm, so whatever the command starts as `node` is that Node too.
  const env = { ...process.env, [reexecVariable]: verdict.reexec, PATH: [dirname(verdict.reexec), process.env.PATH].filter(Boolean).join(delimiter) };
  const child = spawnSync(verdict.reexec, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit', env });
  if (child.error) {
    console.error(`run.mjs: could not start ${verdict.reexec}: ${child.error.message}`);
    process.exit(1);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

// Built once per content of its inputs and reused (bundle-cache.mjs); each command's code is a
// chunk of its own, loaded by cli.ts only when that command runs.
// V8's code cache on disk (Node's module.enableCompileCache): kubernetes-models and the @kubernetes-models
// packages are hundreds of large modules, and compiling them again is most of a one-field render's start-up.
// Node checks each cached entry against its source, so a changed file is compiled afresh.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.(join(root, '.cache', 'v8-compile-cache'));

const bundle = await cachedBundle(root, 'cli', 'tools/src/cli.ts', { ...nodeBundleOptions(), splitting: true, sourcemap: 'inline', sourcesContent: false });
// A new CLI bundle leaves the code cache of the old one behind: past 256 MB it starts again (its next runs compile afresh).
if (bundle.built) capFolder(join(root, '.cache', 'v8-compile-cache'), 256 * 1024 * 1024);
const { main } = await import(pathToFileURL(bundle.file).href);
process.exitCode = await main(process.argv.slice(2), root, { codeKey: bundle.key });
