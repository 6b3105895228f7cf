import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileTree } from './layout';
import { generatedMark } from './layout';
import { describeFileSystemError, isFileSystemError, WriteError } from './write-error';
import type { WriteOptions } from './write-journal';
import { applyStaged, displayPath, removeEmptyDirs, stageWrite } from './write-journal';

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
  return text?.startsWith(generatedMark) === true;
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
  // By the path's folders, not by every scope in turn: a render of 1,000 overlays has 1,000 scopes and 100,000 files.
  const scopeSet = new Set(scopes);
  const inScope = (path: string) => {
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) if (scopeSet.has(path.slice(0, at))) return true;
    return false;
  };
  for (const [path, text] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const existing = listed.has(path) || !inScope(path) ? readIfExists(join(root, path)) : undefined;
    if (existing === text) unchanged.push(path);
    else if (existing !== undefined && !isOwned(existing))
      throw new WriteError(`${path} exists and was not made by the renderer (no generated header); move it away or delete it, then render again`, path);
    else write.push(path);
  }
  const prune = [...listed].filter((path) => !files.has(path) && isOwned(readIfExists(join(root, path))));
  return { write, unchanged, prune: [...new Set(prune)].sort() };
}

/**
 * Writes the tree atomically as a whole: the changed files and the list of files to prune are
 * staged in `.render/staging/<id>/` with a journal (see write-journal.ts), then moved into place.
 * A render killed at any instant leaves the old tree or (once the next command has finished the
 * journal) the new one, never a mix. Unchanged files are not touched, so their timestamps (and
 * nx's cache) stay put. File-system errors come out as one-line WriteErrors naming the path.
 */
export function writeTree(root: string, files: FileTree, scopes: readonly string[], options: WriteOptions = {}): WritePlan {
  let plan: WritePlan;
  try {
    plan = planWrite(root, files, scopes);
  } catch (error) {
    throw isFileSystemError(error) ? describeFileSystemError(error, 'read the rendered tree; nothing was changed', (p) => displayPath(root, p)) : error;
  }
  if (plan.write.length > 0 || plan.prune.length > 0) {
    const journal = { version: 1 as const, write: plan.write, prune: plan.prune, scopes };
    const staging = stageWrite(root, files, journal, options);
    try {
      applyStaged(root, staging, journal, options);
    } catch (error) {
      const e = isFileSystemError(error) ? describeFileSystemError(error, 'move the staged files into place', (p) => displayPath(root, p)) : (error as Error);
      throw new WriteError(
        `${e.message}; the render stopped half-way and its journal (${displayPath(root, staging)}) finishes it: fix the cause and run the command again`,
        (e as WriteError).path,
        (e as WriteError).code,
      );
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
