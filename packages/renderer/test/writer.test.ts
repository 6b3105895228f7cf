import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileTree, WriteStep } from '../src';
import { generatedMark, recoverInterruptedWrites, stagingDir, stagingLeftovers, WriteError, writeTree } from '../src';

const owned = (body: string) => `${generatedMark} from a test.\n${body}\n`;

function files(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found[relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  if (existsSync(join(root, 'deploy'))) walk(join(root, 'deploy'));
  return found;
}

function put(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const oldTree: FileTree = new Map([
  ['deploy/a/one.yaml', owned('one: 1')],
  ['deploy/a/two.yaml', owned('two: 1')],
  ['deploy/b/gone.yaml', owned('gone: 1')],
]);
const newTree: FileTree = new Map([
  ['deploy/a/one.yaml', owned('one: 2')],
  ['deploy/a/two.yaml', owned('two: 2')],
  ['deploy/c/three.yaml', owned('three: 2')],
]);
const newFiles = Object.fromEntries(newTree);

describe('the writer stages the whole tree, then moves it into place', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'apim-writer-'));
    writeTree(root, oldTree, ['deploy']);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes, prunes and leaves no staging behind', () => {
    const plan = writeTree(root, newTree, ['deploy']);
    expect(plan.write).toEqual(['deploy/a/one.yaml', 'deploy/a/two.yaml', 'deploy/c/three.yaml']);
    expect(plan.prune).toEqual(['deploy/b/gone.yaml']);
    expect(files(root)).toEqual(newFiles);
    expect(stagingLeftovers(root)).toEqual([]);
    expect(existsSync(join(root, 'deploy/b'))).toBe(false);
  });

  it('reports its steps in order: every file staged, the journal, every move, every prune, the end', () => {
    const steps: string[] = [];
    writeTree(root, newTree, ['deploy'], { onStep: (s: WriteStep) => steps.push(`${s.phase} ${s.index}/${s.total}`) });
    expect(steps).toEqual(['stage 1/3', 'stage 2/3', 'stage 3/3', 'journal 1/1', 'apply 1/3', 'apply 2/3', 'apply 3/3', 'prune 1/1', 'finish 1/1']);
  });

  it.each([
    ['stage 2/3', 'old'],
    ['stage 3/3', 'old'],
    ['journal 1/1', 'new'],
    ['apply 1/3', 'new'],
    ['apply 3/3', 'new'],
    ['prune 1/1', 'new'],
    ['finish 1/1', 'new'],
  ])('interrupted after %s, recovery gives the %s tree', (stop, expected) => {
    const interrupted = new Error('interrupted');
    expect(() =>
      writeTree(root, newTree, ['deploy'], {
        onStep: (s) => {
          if (`${s.phase} ${s.index}/${s.total}` === stop) throw interrupted;
        },
      }),
    ).toThrow();
    // A thrown hook before the journal cleans up like a failure; after it, the staging stays as a crash leaves it.
    const recovery = recoverInterruptedWrites(root);
    expect(files(root)).toEqual(expected === 'old' ? Object.fromEntries(oldTree) : newFiles);
    expect(stagingLeftovers(root)).toEqual([]);
    if (expected === 'new' && stop !== 'finish 1/1') expect(recovery.rolledForward).toHaveLength(1);
  });

  it('a staging folder without a journal is removed and the old tree stays', () => {
    put(root, `${stagingDir}/123-x-0/files/deploy/a/one.yaml`, owned('one: half'));
    const recovery = recoverInterruptedWrites(root);
    expect(recovery.rolledBack).toEqual([`${stagingDir}/123-x-0`]);
    expect(files(root)).toEqual(Object.fromEntries(oldTree));
  });

  it('a complete journal is finished even when some files were already moved', () => {
    const id = `${stagingDir}/123-x-1`;
    put(root, `${id}/files/deploy/a/two.yaml`, owned('two: 2'));
    put(root, `${id}/files/deploy/c/three.yaml`, owned('three: 2'));
    put(root, 'deploy/a/one.yaml', owned('one: 2')); // moved before the crash
    put(root, `${id}/journal.json`, JSON.stringify({ version: 1, write: [...newTree.keys()], prune: ['deploy/b/gone.yaml'], scopes: ['deploy'] }));
    expect(recoverInterruptedWrites(root).rolledForward).toEqual([id]);
    expect(files(root)).toEqual(newFiles);
  });

  it('a journal that would replace a hand-written file stops with a message and keeps the file', () => {
    const id = `${stagingDir}/123-x-2`;
    put(root, `${id}/files/deploy/a/one.yaml`, owned('one: 2'));
    put(root, `${id}/journal.json`, JSON.stringify({ version: 1, write: ['deploy/a/one.yaml'], prune: [], scopes: ['deploy'] }));
    put(root, 'deploy/a/one.yaml', 'hand: written\n');
    expect(() => recoverInterruptedWrites(root)).toThrow(
      `${id}: an interrupted render could not be resolved: deploy/a/one.yaml exists and was not made by the renderer (no generated header); move it away, then run the command again to finish the interrupted render`,
    );
    expect(readFileSync(join(root, 'deploy/a/one.yaml'), 'utf8')).toBe('hand: written\n');
    expect(stagingLeftovers(root)).toEqual([id]);
  });

  it('an unreadable journal is reported with the way out', () => {
    put(root, `${stagingDir}/123-x-3/journal.json`, '{"version":');
    expect(() => recoverInterruptedWrites(root)).toThrow(
      /journal\.json: the journal of an interrupted render is unreadable; restore the rendered tree from git/,
    );
  });

  it('a hand-written file where a rendered one goes is a WriteError and nothing changes', () => {
    put(root, 'deploy/c/three.yaml', 'hand: written\n');
    const error = (() => {
      try {
        writeTree(root, newTree, ['deploy']);
      } catch (e) {
        return e as WriteError;
      }
    })();
    expect(error).toBeInstanceOf(WriteError);
    expect(error!.message).toBe(
      'deploy/c/three.yaml exists and was not made by the renderer (no generated header); move it away or delete it, then render again',
    );
    expect(files(root)).toEqual({ ...Object.fromEntries(oldTree), 'deploy/c/three.yaml': 'hand: written\n' });
  });

  it('a file where a folder must go (ENOTDIR) fails before anything moves, naming the path', () => {
    put(root, 'deploy/c', 'a file, not a folder\n');
    expect(() => writeTree(root, newTree, ['deploy'])).toThrow(
      /^deploy\/c(\/three\.yaml)?: cannot write the rendered tree; nothing was changed: a part of the path is a file, not a folder: move that file away and render again \((ENOTDIR|EEXIST)\)$/,
    );
    expect(files(root)).toEqual({ ...Object.fromEntries(oldTree), 'deploy/c': 'a file, not a folder\n' });
    expect(stagingLeftovers(root)).toEqual([]);
  });

  it('a folder where a file must go (EISDIR) fails before anything moves', () => {
    mkdirSync(join(root, 'deploy/c/three.yaml'), { recursive: true });
    writeFileSync(join(root, 'deploy/c/three.yaml/keep'), 'x');
    expect(() => writeTree(root, newTree, ['deploy'])).toThrow(
      'deploy/c/three.yaml: cannot write the rendered tree; nothing was changed: a folder sits where the renderer writes a file: move the folder away and render again (EISDIR)',
    );
    expect(readFileSync(join(root, 'deploy/a/one.yaml'), 'utf8')).toBe(owned('one: 1'));
    expect(stagingLeftovers(root)).toEqual([]);
  });
});
