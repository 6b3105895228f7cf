import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { changedSince, fileHash, readJson, writeFileAtomic } from '../bin/bundle-cache.mjs';

/** What a generation made and every file it read to make it. */
export interface Generation {
  /** Output path (relative to the repository) → text. */
  readonly files: ReadonlyMap<string, string>;
  /** Every file the generation read, absolute or relative to the repository. */
  readonly reads: readonly string[];
}

/** The last generation of one kind, as `.cache/generations/<name>.json` holds it. */
interface Recorded {
  readonly code: string;
  /** Read file → sha256 of its bytes. */
  readonly reads: Record<string, string>;
  /** Folder of a read file → sha256 of its sorted entry names. */
  readonly folders: Record<string, string>;
  readonly files: Record<string, string>;
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

function folderHash(path: string): string {
  try {
    return sha256(readdirSync(path).sort().join('\0'));
  } catch {
    return 'missing';
  }
}

/**
 * Whether the recorded generation still holds: made by the same code, and every file it read has the
 * same bytes. A folder's entry names count too, so a new file that TypeScript would now resolve
 * instead of a recorded one (`x.ts` added beside `x/index.ts`) makes it stale.
 */
function stillHolds(root: string, recorded: Recorded | undefined, code: string): recorded is Recorded {
  if (!recorded || recorded.code !== code) return false;
  return (
    Object.entries(recorded.reads).every(([path, hash]) => (fileHash(resolve(root, path)) ?? 'missing') === hash) &&
    Object.entries(recorded.folders).every(([path, hash]) => folderHash(resolve(root, path)) === hash)
  );
}

/**
 * The output of `generate`, reused from `.cache/generations/<name>.json` while `code` (what decides the
 * generator's behaviour: the CLI bundle's key, which covers our code, the lockfile and Node) and every
 * file the last generation read are unchanged. Without a `code` (a caller that cannot name its code,
 * such as a test importing the sources) it always generates. Only a whole entry is ever read: it is
 * written by rename.
 */
export async function cachedGeneration(
  root: string,
  name: string,
  code: string | undefined,
  generate: () => Promise<Generation>,
): Promise<ReadonlyMap<string, string>> {
  const path = join(root, '.cache', 'generations', `${name}.json`);
  if (code !== undefined) {
    const recorded = readJson(path) as Recorded | undefined;
    if (stillHolds(root, recorded, code)) return new Map(Object.entries(recorded.files));
  }
  // A little slack for file-system clocks: a file written just before counts as written during the generation.
  const started = Date.now() - 50;
  const generation = await generate();
  if (code === undefined) return generation.files;
  const key = (file: string) => (relative(root, file).startsWith('..') ? file : relative(root, file));
  const reads: Record<string, string> = {};
  const folders: Record<string, string> = {};
  for (const file of generation.reads) {
    const absolute = resolve(root, file);
    reads[key(absolute)] = fileHash(absolute) ?? 'missing';
    // Module resolution looks in the folders of the sources it found; other reads (a tsconfig) are found by name.
    if (/\.[cm]?tsx?$/.test(absolute)) folders[key(dirname(absolute))] ??= folderHash(dirname(absolute));
  }
  // A file edited while the generator read it would be recorded with bytes the output was not made from.
  if (changedSince(root, generation.reads, started)) return generation.files;
  mkdirSync(dirname(path), { recursive: true });
  const recorded: Recorded = { code, reads, folders, files: Object.fromEntries(generation.files) };
  writeFileAtomic(path, JSON.stringify(recorded));
  return generation.files;
}
