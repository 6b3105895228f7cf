// Bundles of our TypeScript, built once per content and reused from .cache/bundles: run.mjs bundles
// the CLI, parallel-render.ts the render worker. A bundle's key is a hash of its inputs (the source
// files esbuild's metafile lists, so a new renderer or models module is covered without a hand
// list), the lockfile, the esbuild options and the Node version. Built into a temporary folder and
// renamed into place, so two runs at once each see a whole bundle or none; a manifest (also written
// by rename) records the inputs so the next run can check them without esbuild.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Hash of one file's bytes, or undefined when it cannot be read. */
export function fileHash(path) {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * One hash over the contents of `paths` (relative to `root`; a missing file counts as a value of
 * its own). Each file counts by its base name and bytes, not its whole path: esbuild names a
 * workspace package reached through a symlinked node_modules (a test's scratch copy) by a path
 * outside the root, and the same sources must give the same digest in every checkout, since the
 * render keys built from it are committed.
 */
export function filesDigest(root, paths) {
  const entries = paths.map((path) => `${basename(path)}\0${fileHash(join(root, path)) ?? 'missing'}\n`).sort();
  return createHash('sha256').update(entries.join('')).digest('hex');
}

/** Whether the file changed at or after `time` (ms since the epoch), or is gone. */
function modifiedSince(path, time) {
  try {
    return statSync(path).mtimeMs >= time;
  } catch {
    return true;
  }
}

/** Whether any of `paths` (relative to `root`, or absolute) changed at or after `time`: then a build may have read it half-way. */
export function changedSince(root, paths, time) {
  return paths.some((path) => modifiedSince(resolve(root, path), time));
}

/** Writes `text` to `path` by a rename, so a reader sees the old file or the new one. */
export function writeFileAtomic(path, text) {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** The JSON in `path`, or undefined when it cannot be read or parsed. */
export function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** What, besides the sources, decides a bundle's bytes: options (plugins by name), lockfile, Node. */
export function optionsKey(root, options) {
  const { plugins = [], ...rest } = options;
  const described = { ...rest, plugins: plugins.map((p) => p.name) };
  return sha256(JSON.stringify([described, fileHash(join(root, 'package-lock.json')) ?? 'no lockfile', process.version])).slice(0, 16);
}

/** The source files a build read, from its metafile (relative to the build's working directory). */
function metafileInputs(metafile) {
  return Object.keys(metafile.inputs).filter((path) => !path.includes('node_modules/') && !path.startsWith('<'));
}

/** The package a path inside node_modules belongs to (`node_modules/@scope/name/…` → `@scope/name`). */
function packageOfPath(path) {
  const parts = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The npm packages a build bundled or left external (imported at run time), by package name, sorted. */
function metafilePackages(metafile) {
  const names = new Set();
  for (const path of Object.keys(metafile.inputs)) if (path.includes('node_modules/')) names.add(packageOfPath(path));
  for (const input of Object.values(metafile.inputs))
    for (const imported of input.imports)
      if (imported.external && !imported.path.startsWith('node:')) {
        const parts = imported.path.split('/');
        names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
  return [...names].sort();
}

/** How old a bundle folder no manifest names must be before it is removed: no command runs that long. */
export const staleBundleAgeMs = 60 * 60 * 1000;

/**
 * Removes the bundle folders in `cacheDir` that no manifest names and that were built more than
 * `staleBundleAgeMs` ago: each build gets a folder of its own, and without this every edit of the tools left
 * one behind (a CLI bundle is ≈6 MB: 850 MB in an afternoon of edits). A folder still named by a manifest
 * (of any options, such as a scratch copy's) stays; a young one may still be loading chunks in another run.
 * Returns the folders removed.
 */
export function pruneBundles(cacheDir, now = Date.now()) {
  let entries;
  try {
    entries = readdirSync(cacheDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const named = new Set(entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => readJson(join(cacheDir, e.name))?.dir));
  const removed = [];
  for (const entry of entries) {
    // A build's temporary folder is never named either: one older than any build was left by a crash.
    if (!entry.isDirectory() || named.has(entry.name)) continue;
    const dir = join(cacheDir, entry.name);
    try {
      if (now - statSync(dir).mtimeMs < staleBundleAgeMs) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(entry.name);
    } catch {
      // Another run removed it first.
    }
  }
  return removed;
}

/** Bytes of the files below `dir`. */
function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/**
 * Empties `dir` when it holds more than `maxBytes`: for a cache that only grows, such as V8's code
 * cache, which keeps an entry per version of every file it compiled. Node checks each entry against
 * its source, so an emptied cache only costs compiling again. Returns whether it was emptied.
 */
export function capFolder(dir, maxBytes) {
  try {
    if (folderBytes(dir) <= maxBytes) return false;
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The bundle of `entry` (relative to `root`) named `name`: reused when its recorded inputs still
 * hash the same, else built again. Returns the folder and the path of the entry's output (an ES
 * module; with `splitting`, the chunks that dynamic imports load sit beside it), its inputs and
 * their digest, the npm packages it bundles or imports at run time, and a key of the whole (digest,
 * options, lockfile, Node) that names what the bundle does.
 */
export async function cachedBundle(root, name, entry, options) {
  const cacheDir = join(root, '.cache', 'bundles');
  const outName = `${name}.mjs`;
  const options_ = optionsKey(root, options);
  const manifestPath = join(cacheDir, `${name}-${options_}.json`);
  const recorded = readJson(manifestPath);
  if (recorded && Array.isArray(recorded.inputs) && existsSync(join(cacheDir, recorded.dir, outName)) && filesDigest(root, recorded.inputs) === recorded.digest)
    return {
      file: join(cacheDir, recorded.dir, outName),
      inputs: recorded.inputs,
      packages: recorded.packages ?? [],
      digest: recorded.digest,
      key: `${options_}-${recorded.digest}`,
      built: false,
    };

  const { build } = await import('esbuild');
  // A little slack for file-system clocks: a file written just before the build counts as written during it.
  const started = Date.now() - 50;
  mkdirSync(cacheDir, { recursive: true });
  const temp = join(cacheDir, `tmp-${name}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    const result = await build({
      ...options,
      entryPoints: { [name]: join(root, entry) },
      absWorkingDir: root,
      outdir: temp,
      outExtension: { '.js': '.mjs' },
      metafile: true,
      logLevel: 'error',
    });
    const inputs = metafileInputs(result.metafile);
    const packages = metafilePackages(result.metafile);
    const digest = filesDigest(root, inputs);
    // Each build gets a folder of its own, never reused by name: a folder only ever holds the bundle it was built as.
    const dir = temp.slice(cacheDir.length + 1).replace(/^tmp-/, '');
    renameSync(temp, join(cacheDir, dir));
    // A source edited while esbuild read it would record a digest the bundle does not match: keep
    // the bundle for this run only.
    if (!changedSince(root, inputs, started)) writeFileAtomic(manifestPath, JSON.stringify({ digest, inputs, packages, dir }));
    pruneBundles(cacheDir);
    return { file: join(cacheDir, dir, outName), inputs, packages, digest, key: `${options_}-${digest}`, built: true };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
