import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepository } from './temp-repository';

/** `npx nx run <target>` in the copy: no daemon, no cloud, nx's cache inside the copy. */
function nx(root: string, target: string): string {
  return execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['run', target], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_CACHE_DIRECTORY: join(root, '.nx', 'cache'), NX_TUI: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('npx nx run render never deletes files the renderer does not own, and prints what it did', () => {
  let repo: ReturnType<typeof copyRepository>;
  beforeAll(() => {
    repo = copyRepository();
  });
  afterAll(() => repo?.remove());

  it.each([
    ['the root render', 'render', 'deploy/overlays/dev/NOTES.md'],
    ["an environment's render", 'dev:render', 'deploy/overlays/dev/RUNBOOK.md'],
  ])(
    '%s: a hand-written file made after a first run survives a second, would-be cache hit',
    (_name, target, notes) => {
      const first = nx(repo.root, target);
      expect(first).toMatch(/rendered \d+ environment\(s\)/);
      writeFileSync(join(repo.root, notes), '# written by hand after the first render\n');
      const second = nx(repo.root, target);
      expect(existsSync(join(repo.root, notes)), second).toBe(true);
      expect(readFileSync(join(repo.root, notes), 'utf8')).toBe('# written by hand after the first render\n');
      // Nothing replayed from a cache: the line printed is this run's.
      expect(second).not.toMatch(/local cache|read the output from the cache/);
      expect(second).toMatch(/rendered \d+ environment\(s\), \d+ objects: 0 file\(s\) written/);
    },
    120_000,
  );
});
