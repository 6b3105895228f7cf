import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The renderer's own small modules, not its index: reading the index must not load kubernetes-models.
import { argocdBootstrapDir, argocdManifestsDir } from '@apim-gitops/renderer/src/argocd/names';
import type { FileTree } from '@apim-gitops/renderer/src/layout';
import { deployRoot, generatedMark } from '@apim-gitops/renderer/src/layout';
import type { UnitStamps } from './unit-stamps';

/**
 * The render index: for each part of the rendered tree (the bases, one overlay per environment,
 * the Argo CD objects) the key of the inputs it was rendered from and the hash of every file it
 * wrote. Committed with the tree, so a fresh clone can trust it too; `check` renders it like any
 * other file, so a stale index fails the drift check.
 */
export const renderIndexPath = `${deployRoot}/render-index.txt`;

const header = `${generatedMark} from the environments, the renderer and models code and the lockfile. Do not edit; re-render.
# Per part of the tree: the key of its inputs, then the hash of each file it wrote. A render skips a part whose key and files are unchanged.
`;

/** One part of the tree as the index records it. */
export interface IndexedUnit {
  readonly key: string;
  /** Path → hash of its text, for every file the part was rendered as. */
  readonly files: ReadonlyMap<string, string>;
}

/** Unit id (`base`, `environment <name>`, `argocd`) → what was recorded for it. */
export type RenderIndex = ReadonlyMap<string, IndexedUnit>;

/** The id of the unit an environment's overlay is. */
export const environmentUnit = (name: string): string => `environment ${name}`;

/** The folders a unit's files live in. */
export function unitFolders(unit: string): string[] {
  if (unit === 'base') return [`${deployRoot}/base`];
  if (unit === 'argocd') return [argocdBootstrapDir, argocdManifestsDir];
  return [`${deployRoot}/overlays/${unit.slice('environment '.length)}`];
}

/** The unit a rendered file belongs to, or undefined (the index itself). */
export function unitOf(path: string): string | undefined {
  if (path.startsWith(`${deployRoot}/base/`)) return 'base';
  if (path.startsWith(`${argocdBootstrapDir}/`) || path.startsWith(`${argocdManifestsDir}/`)) return 'argocd';
  const overlay = /^deploy\/overlays\/([^/]+)\//.exec(path);
  return overlay ? environmentUnit(overlay[1]!) : undefined;
}

/** Hash of one file's text as the index records it (128 bits of SHA-256). */
export function textHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The index text for `keys` (unit → key) and the files of those units in `files`; `kept` adds units not rendered now. */
export function formatIndex(keys: ReadonlyMap<string, string>, files: FileTree, kept: RenderIndex = new Map()): string {
  const byUnit = new Map<string, string[]>();
  for (const [path, text] of files) {
    const unit = unitOf(path);
    if (unit !== undefined && keys.has(unit)) byUnit.set(unit, [...(byUnit.get(unit) ?? []), `file ${textHash(text)} ${path}`]);
  }
  const units = new Map<string, string[]>();
  for (const [unit, key] of keys) units.set(unit, [`unit ${key} ${unit}`, ...(byUnit.get(unit) ?? []).sort(byPath)]);
  for (const [unit, recorded] of kept)
    if (!keys.has(unit)) units.set(unit, [`unit ${recorded.key} ${unit}`, ...[...recorded.files].map(([path, hash]) => `file ${hash} ${path}`).sort(byPath)]);
  const lines = [...units.keys()].sort().flatMap((unit) => units.get(unit)!);
  return `${header}${lines.join('\n')}\n`;
}

const byPath = (a: string, b: string) => {
  const pa = a.slice(a.indexOf(' ', 5) + 1);
  const pb = b.slice(b.indexOf(' ', 5) + 1);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
};

/** Whether `line` holds 32 lowercase hex digits from `at`, followed by a space and more. */
function hashAt(line: string, at: number): boolean {
  if (line.length < at + 34 || line.charCodeAt(at + 32) !== 32) return false;
  for (let i = at; i < at + 32; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * The index in `text`; a line it cannot read makes the whole index untrusted (undefined). Read by
 * position rather than by regular expression: a thousand environments are a hundred thousand lines.
 */
export function parseIndex(text: string): RenderIndex | undefined {
  if (!text.startsWith(generatedMark)) return undefined;
  const index = new Map<string, { key: string; files: Map<string, string> }>();
  let current: { key: string; files: Map<string, string> } | undefined;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('unit ') && hashAt(line, 5)) {
      current = { key: line.slice(5, 37), files: new Map() };
      index.set(line.slice(38), current);
    } else if (line.startsWith('file ') && hashAt(line, 5) && current) current.files.set(line.slice(38), line.slice(5, 37));
    else return undefined;
  }
  return index;
}

/** The committed index, or undefined when there is none or it cannot be read. */
export function readIndex(root: string): RenderIndex | undefined {
  try {
    return parseIndex(readFileSync(join(root, renderIndexPath), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Files and folders below `dir` (relative to `root`, `dir` itself included), recursively. */
function listTree(
  root: string,
  dir: string,
  into: { files: string[]; folders: string[] } = { files: [], folders: [] },
): { files: string[]; folders: string[] } {
  const full = join(root, dir);
  if (!existsSync(full)) return into;
  into.folders.push(dir);
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    if (entry.isDirectory()) listTree(root, `${dir}/${entry.name}`, into);
    else if (entry.isFile()) into.files.push(`${dir}/${entry.name}`);
  }
  return into;
}

/**
 * Why the files of `unit` on disk cannot be trusted as a render of `key`, or undefined when they
 * can: the key differs, a recorded file is missing or was edited (its hash differs), or the unit's
 * folders hold a generated file the index does not list (a render would prune it). With `stamps`, a
 * unit verified before and unchanged by stat since is trusted without reading a file, and a unit
 * verified now is stamped.
 */
export function distrust(root: string, unit: string, key: string, recorded: IndexedUnit | undefined, stamps?: UnitStamps): string | undefined {
  if (!recorded) return 'not in the index';
  if (recorded.key !== key) return 'its inputs changed';
  if (stamps?.holds(unit, key, recorded.files)) return undefined;
  const listing = { files: [] as string[], folders: [] as string[] };
  for (const folder of unitFolders(unit)) listTree(root, folder, listing);
  const others = [...listing.folders, ...listing.files.filter((path) => !recorded.files.has(path))];
  const stamp = stamps?.stampOf(unit, key, recorded.files, others);
  for (const [path, hash] of recorded.files) {
    const found = hashOf(join(root, path));
    if (found === undefined) return `${path} is missing`;
    if (found !== hash) return `${path} was edited`;
  }
  for (const path of listing.files)
    if (!recorded.files.has(path) && readFileSync(join(root, path), 'utf8').startsWith(generatedMark)) return `${path} is not in the index`;
  if (stamp !== undefined) stamps!.verified(unit, stamp, others);
  return undefined;
}

function hashOf(path: string): string | undefined {
  try {
    return textHash(readFileSync(path));
  } catch {
    return undefined;
  }
}
