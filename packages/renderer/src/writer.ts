import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileTree } from './layout';
import { generatedMark } from './layout';

/** What writing a file tree did, or would do. */
export interface WritePlan {
  readonly write: readonly string[];
  readonly unchanged: readonly string[];
  readonly prune: readonly string[];
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Files below `dir` (relative to `root`), recursively, sorted. */
function listFiles(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listFiles(root, rel));
    else if (entry.isFile()) found.push(rel);
  }
  return found.sort();
}

/** Whether the renderer made this file (and so may replace or remove it). */
export function isOwned(text: string | undefined): boolean {
  return text !== undefined && text.startsWith(generatedMark);
}

/**
 * Compares the tree with the disk. `scopes` are the folders this render is responsible for:
 * owned files inside them that the tree no longer has are pruned; files without the generated
 * header are never touched.
 */
export function planWrite(root: string, files: FileTree, scopes: readonly string[]): WritePlan {
  const write: string[] = [];
  const unchanged: string[] = [];
  // One listing of the scopes tells which files exist, so a new file costs no failed read.
  const listed = new Set(scopes.flatMap((scope) => listFiles(root, scope)));
  const inScope = (path: string) => scopes.some((scope) => path.startsWith(`${scope}/`));
  for (const [path, text] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const existing = listed.has(path) || !inScope(path) ? readIfExists(join(root, path)) : undefined;
    if (existing === text) unchanged.push(path);
    else if (existing !== undefined && !isOwned(existing))
      throw new Error(`${path} exists and was not made by the renderer (no generated header); move it away or delete it, then render again`);
    else write.push(path);
  }
  const prune = [...listed].filter((path) => !files.has(path) && isOwned(readIfExists(join(root, path))));
  return { write, unchanged, prune: [...new Set(prune)].sort() };
}

function removeEmptyDirs(root: string, dir: string): void {
  const full = join(root, dir);
  if (!existsSync(full)) return;
  for (const entry of readdirSync(full, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyDirs(root, `${dir}/${entry.name}`);
  if (readdirSync(full).length === 0) rmdirSync(full);
}

/**
 * Writes the tree: every changed file goes to a temporary file first, and only when all of them
 * are written are they renamed into place, then stale owned files are pruned. Unchanged files are
 * not touched, so their timestamps (and nx's cache) stay put.
 */
export function writeTree(root: string, files: FileTree, scopes: readonly string[]): WritePlan {
  const plan = planWrite(root, files, scopes);
  const staged: [string, string][] = [];
  const made = new Set<string>();
  try {
    for (const path of plan.write) {
      const target = join(root, path);
      const dir = dirname(target);
      // Each folder is made once (files come sorted, so a folder's files are written together).
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const temp = `${target}.render-${process.pid}.tmp`;
      writeFileSync(temp, files.get(path)!);
      staged.push([temp, target]);
    }
  } catch (error) {
    for (const [temp] of staged) if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
  for (const [temp, target] of staged) renameSync(temp, target);
  for (const path of plan.prune) {
    try {
      unlinkSync(join(root, path));
    } catch (error) {
      // Another render of the same tree may have pruned it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const scope of scopes) removeEmptyDirs(root, scope);
  return plan;
}

/** Owned files under `scopes` that differ from the tree, for the drift check: path → [on disk, rendered]. */
export function staleFiles(root: string, files: FileTree, scopes: readonly string[]): Map<string, [string | undefined, string | undefined]> {
  const stale = new Map<string, [string | undefined, string | undefined]>();
  const plan = planWrite(root, files, scopes);
  for (const path of plan.write) stale.set(path, [readIfExists(join(root, path)), files.get(path)]);
  for (const path of plan.prune) stale.set(path, [readIfExists(join(root, path)), undefined]);
  return stale;
}
