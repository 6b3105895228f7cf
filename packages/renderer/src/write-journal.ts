import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { FileTree } from './layout';
import { generatedMark } from './layout';
import { describeFileSystemError, isFileSystemError, WriteError } from './write-error';

/** Folder (under the repository root) holding the writer's staging and the render lock; never committed. */
export const renderStateDir = '.render';
/** One folder per write in progress: `<id>/files/<path>` for each file, `<id>/journal.json` once complete. */
export const stagingDir = `${renderStateDir}/staging`;
const journalName = 'journal.json';
const filesDir = 'files';

/**
 * The journal of a staged write. Its presence (written last, by rename) says the staging holds
 * every file, so the write can be finished after a crash; its absence says it cannot, so the
 * staging is thrown away and the old tree stays.
 */
export interface WriteJournal {
  readonly version: 1;
  /** Files to move into place, relative to the repository. */
  readonly write: readonly string[];
  /** Owned files to delete. */
  readonly prune: readonly string[];
  /** The folders the write owns; empty folders in them are removed at the end. */
  readonly scopes: readonly string[];
}

/** One step of a write, reported to a hook so that tests can stop a render at a chosen point. */
export interface WriteStep {
  readonly phase: 'stage' | 'journal' | 'apply' | 'prune' | 'finish';
  readonly index: number;
  readonly total: number;
  readonly path?: string;
}

/** How a write runs. */
export interface WriteOptions {
  /** Called after each step (tests pause or trace here). */
  readonly onStep?: (step: WriteStep) => void;
  /**
   * fsync every staged file before the journal, so that a power cut cannot leave a complete
   * journal over empty files. A throwaway tree (a benchmark, a diff's scratch copy) can skip it.
   * @default true
   */
  readonly durable?: boolean;
}

/** What recovery found and did: staging folders finished (rolled forward) and thrown away (rolled back). */
export interface Recovery {
  readonly rolledForward: readonly string[];
  readonly rolledBack: readonly string[];
}

let sequence = 0;

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeNew(path: string, text: string, durable: boolean): void {
  const fd = openSync(path, 'wx');
  try {
    writeFileSync(fd, text);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether the text is the renderer's (and so may be replaced or removed). */
function ownedText(text: string | undefined): boolean {
  return text?.startsWith(generatedMark) === true;
}

function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Removes empty folders below `dir` (and `dir` itself when it ends up empty). */
export function removeEmptyDirs(root: string, dir: string): void {
  const full = join(root, dir);
  if (!existsSync(full)) return;
  for (const entry of readdirSync(full, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyDirs(root, `${dir}/${entry.name}`);
  if (readdirSync(full).length === 0) rmdirSync(full);
}

/** The path a user knows for an absolute one: relative to the repository, a staged copy named after its target. */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path).split(sep).join('/');
  const staged = rel.match(new RegExp(`^${stagingDir.replace('.', '\\.')}/[^/]+/${filesDir}/(.+)$`));
  return staged ? `${staged[1]} (its staged copy in ${stagingDir}/)` : rel || '.';
}

/**
 * Checks, before the journal makes the write final, that every move and delete can succeed: the
 * target folders exist (made now), are writable and lie on the staging folder's file system, and
 * no folder sits where a file goes. What fails here fails while the old tree is still whole.
 */
function preflight(root: string, staging: string, write: readonly string[], prune: readonly string[]): void {
  const device = statSync(staging).dev;
  const dirs = [...new Set([...write, ...prune].map((path) => dirname(join(root, path))))].sort();
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    // access() reports EROFS on a read-only mount even for root, EACCES for others.
    accessSync(dir, constants.W_OK);
    if (statSync(dir).dev !== device)
      throw Object.assign(new Error(`EXDEV: cross-device rename, rename '${dir}'`), { code: 'EXDEV', path: dir, syscall: 'rename' });
  }
  for (const path of write)
    if (lstatSync(join(root, path), { throwIfNoEntry: false })?.isDirectory())
      throw Object.assign(new Error(`EISDIR: is a directory, rename '${join(root, path)}'`), { code: 'EISDIR', path: join(root, path), syscall: 'rename' });
}

/**
 * Stages a write: every file into `.render/staging/<id>/files/`, then the checks of preflight,
 * then the journal (written to a temporary name, fsynced, renamed). Until the journal exists the
 * committed tree is untouched; on any failure the staging folder is removed again.
 */
export function stageWrite(root: string, files: FileTree, journal: WriteJournal, options: WriteOptions = {}): string {
  const durable = options.durable ?? true;
  const staging = join(root, stagingDir, `${process.pid}-${Date.now().toString(36)}-${sequence++}`);
  try {
    mkdirSync(join(staging, filesDir), { recursive: true });
    const made = new Set<string>([staging, join(staging, filesDir)]);
    journal.write.forEach((path, i) => {
      const target = join(staging, filesDir, path);
      // A folder is made once, not once per file: syscalls per file are most of a cold render's write.
      if (!made.has(dirname(target))) {
        mkdirSync(dirname(target), { recursive: true });
        for (let dir = dirname(target); !made.has(dir); dir = dirname(dir)) made.add(dir);
      }
      writeNew(target, files.get(path)!, durable);
      options.onStep?.({ phase: 'stage', index: i + 1, total: journal.write.length, path });
    });
    // The files' directory entries must be on disk before the journal that points at them.
    if (durable) for (const dir of made) fsyncPath(dir);
    preflight(root, staging, journal.write, journal.prune);
    const temp = join(staging, `${journalName}.tmp`);
    writeNew(temp, `${JSON.stringify(journal)}\n`, true);
    renameSync(temp, join(staging, journalName));
    fsyncPath(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    for (const scope of journal.scopes) removeEmptyDirs(root, scope);
    throw isFileSystemError(error) ? describeFileSystemError(error, 'write the rendered tree; nothing was changed', (p) => displayPath(root, p)) : error;
  }
  options.onStep?.({ phase: 'journal', index: 1, total: 1 });
  return staging;
}

/**
 * Finishes a staged write whose journal exists: moves each staged file into place, deletes the
 * pruned files, then removes the journal and the staging folder. Every step can be repeated, so a
 * write interrupted here is finished by the next run. `verify` (on recovery, when time has passed)
 * refuses to replace or delete a file the renderer did not make.
 */
export function applyStaged(root: string, staging: string, journal: WriteJournal, options: WriteOptions & { verify?: boolean } = {}): void {
  const touched = new Set<string>();
  journal.write.forEach((path, i) => {
    const source = join(staging, filesDir, path);
    const target = join(root, path);
    // A staged file that is gone was moved into place before an interruption.
    if (existsSync(source)) {
      if (options.verify && existsSync(target) && !ownedText(readIfFile(target)))
        throw new WriteError(
          `${path} exists and was not made by the renderer (no generated header); move it away, then run the command again to finish the interrupted render`,
          path,
        );
      // preflight made the folders of a fresh write; recovery (verify) makes them again, once each.
      if (!touched.has(dirname(target))) mkdirSync(dirname(target), { recursive: true });
      renameSync(source, target);
      touched.add(dirname(target));
    }
    options.onStep?.({ phase: 'apply', index: i + 1, total: journal.write.length, path });
  });
  journal.prune.forEach((path, i) => {
    const target = join(root, path);
    if (ownedText(readIfFile(target))) {
      unlinkSync(target);
      touched.add(dirname(target));
    }
    options.onStep?.({ phase: 'prune', index: i + 1, total: journal.prune.length, path });
  });
  // The moves must be on disk before the journal that would redo them is gone (a throwaway tree skips it).
  if (options.durable ?? true) for (const dir of touched) fsyncPath(dir);
  rmSync(join(staging, journalName), { force: true });
  options.onStep?.({ phase: 'finish', index: 1, total: 1 });
  rmSync(staging, { recursive: true, force: true });
  for (const scope of journal.scopes) removeEmptyDirs(root, scope);
}

function readJournal(root: string, staging: string): WriteJournal | undefined {
  const path = join(staging, journalName);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    const journal = JSON.parse(text) as WriteJournal;
    if (journal.version === 1 && Array.isArray(journal.write) && Array.isArray(journal.prune) && Array.isArray(journal.scopes)) return journal;
  } catch {
    // reported below
  }
  throw new WriteError(
    `${displayPath(root, path)}: the journal of an interrupted render is unreadable; restore the rendered tree from git (git checkout -- deploy apps/argocd/manifests), delete ${displayPath(root, staging)} and render again`,
    displayPath(root, path),
  );
}

/**
 * Resolves what an interrupted write left behind, before a command reads or writes the tree: a
 * staging folder with its journal is finished (rolled forward), one without is removed (rolled
 * back, the old tree stays). Throws a WriteError when a staging folder cannot be resolved.
 */
export function recoverInterruptedWrites(root: string, options: WriteOptions = {}): Recovery {
  const base = join(root, stagingDir);
  const rolledForward: string[] = [];
  const rolledBack: string[] = [];
  if (!existsSync(base)) return { rolledForward, rolledBack };
  for (const id of readdirSync(base).sort()) {
    const staging = join(base, id);
    try {
      const journal = readJournal(root, staging);
      if (journal) {
        applyStaged(root, staging, journal, { ...options, verify: true });
        rolledForward.push(`${stagingDir}/${id}`);
      } else {
        rmSync(staging, { recursive: true, force: true });
        rolledBack.push(`${stagingDir}/${id}`);
      }
    } catch (error) {
      const e = isFileSystemError(error) ? describeFileSystemError(error, 'finish the interrupted render', (p) => displayPath(root, p)) : (error as Error);
      throw new WriteError(`${stagingDir}/${id}: an interrupted render could not be resolved: ${e.message}`, (e as WriteError).path, (e as WriteError).code);
    }
  }
  return { rolledForward, rolledBack };
}

/** Staging folders present under the repository (none once recovery has run). */
export function stagingLeftovers(root: string): string[] {
  const base = join(root, stagingDir);
  return existsSync(base)
    ? readdirSync(base)
        .sort()
        .map((id) => `${stagingDir}/${id}`)
    : [];
}
