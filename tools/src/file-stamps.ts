import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { writeFileAtomic } from '../bin/bundle-cache.mjs';

/**
 * A local, uncommitted memo of file hashes by stat (size, modification time, inode), kept in
 * `.cache/file-stamps/` under the tree's root: checking 80,000 rendered files against the index
 * then costs a stat each instead of a read and a hash. Like git's index it trusts a file whose
 * stat is unchanged; a file modified less than `stampAfterMs` before it is read is not stamped, so
 * an edit within the file system's clock resolution (the kernel's coarse clock: a few ms) is read again.
 */
const stampAfterMs = 100;

export class FileStamps {
  private readonly stamps: Map<string, string>;
  private changed = false;

  private constructor(
    private readonly root: string,
    private readonly file: string,
    stamps: Map<string, string>,
  ) {
    this.stamps = stamps;
  }

  /** The stamps kept for `root` (none when there are none or they cannot be read); one file per root, as scratch copies share .cache. */
  static load(root: string): FileStamps {
    const file = join(root, '.cache', 'file-stamps', `${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
    try {
      return new FileStamps(root, file, new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)));
    } catch {
      return new FileStamps(root, file, new Map());
    }
  }

  /** The hash of `path` (relative to the root) by `hashText`, from its stamp when its stat is unchanged; undefined when it cannot be read. */
  hash(path: string, hashText: (text: Buffer) => string): string | undefined {
    let stat: ReturnType<typeof statSync>;
    const full = join(this.root, path);
    try {
      stat = statSync(full);
    } catch {
      return undefined;
    }
    const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    const known = this.stamps.get(path);
    if (known?.startsWith(`${stamp}:`)) return known.slice(stamp.length + 1);
    let hash: string;
    try {
      hash = hashText(readFileSync(full));
    } catch {
      return undefined;
    }
    if (Date.now() - stat.mtimeMs > stampAfterMs) {
      this.stamps.set(path, `${stamp}:${hash}`);
      this.changed = true;
    }
    return hash;
  }

  /** Writes the stamps back when they changed (by rename, so concurrent runs never read half a file). */
  save(): void {
    if (!this.changed) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.stamps)));
    } catch {
      // A memo only: without it the next run reads the files again.
    }
  }
}
