import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStamps } from '../src/file-stamps';
import { textHash } from '../src/render-index';

describe('file stamps never hide an edit', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('an old file is stamped and its hash reused; an edit changes its stat and is read again', () => {
    root = mkdtempSync(join(tmpdir(), 'apim-stamps-'));
    mkdirSync(join(root, '.cache'));
    const file = join(root, 'a.yaml');
    writeFileSync(file, 'kind: A\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
    const first = FileStamps.load(root);
    expect(first.hash('a.yaml', textHash)).toBe(textHash('kind: A\n'));
    first.save();
    // A hash function that would give another answer shows the stamp was used.
    expect(FileStamps.load(root).hash('a.yaml', () => 'not read')).toBe(textHash('kind: A\n'));
    writeFileSync(file, 'kind: B\n');
    expect(FileStamps.load(root).hash('a.yaml', textHash)).toBe(textHash('kind: B\n'));
  });

  it('a file modified just now is not stamped, and a missing file has no hash', () => {
    root = mkdtempSync(join(tmpdir(), 'apim-stamps-'));
    const file = join(root, 'b.yaml');
    writeFileSync(file, 'kind: B\n');
    const stamps = FileStamps.load(root);
    expect(stamps.hash('b.yaml', textHash)).toBe(textHash('kind: B\n'));
    stamps.save();
    expect(FileStamps.load(root).hash('b.yaml', () => 'read again')).toBe('read again');
    expect(FileStamps.load(root).hash('missing.yaml', textHash)).toBeUndefined();
  });
});
