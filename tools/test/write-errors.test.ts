import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stagingLeftovers } from '@apim-gitops/renderer';
import { runCli, tempRepo, treeHashes } from './temp-repository';

function changeDev(root: string): void {
  const file = join(root, 'environments/dev/environment.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("registry: 'registry.example.org/apim'", "registry: 'mirror.example.org/apim'"));
}

/** The lines a failed command printed, which must be its message and the verdict: no stack trace. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('environments loaded'));
}

// A read-only bind mount gives a real EROFS even to root; where mounting is not allowed the case is skipped.
const canMount = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'apim-mount-probe-'));
  try {
    const ok = spawnSync('mount', ['--bind', dir, dir]).status === 0;
    if (ok) spawnSync('umount', [dir]);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe('file-system errors in render are one line naming the path and the fix, and change nothing', () => {
  let repo: ReturnType<typeof tempRepo>;
  let mounted: string | undefined;
  afterEach(() => {
    if (mounted) execFileSync('umount', [mounted]);
    mounted = undefined;
    repo?.remove();
  });

  /** Renders; it must fail with exactly `message` (a string, or a pattern) and the verdict, leaving deploy/ and the staging as they were. */
  function renderFails(message: string | RegExp, env: Record<string, string> = {}): void {
    const before = treeHashes(repo.root, 'deploy');
    const result = runCli(repo.root, ['render'], env);
    expect(result.status).toBe(1);
    const [line, ...rest] = errorLines(result.stderr);
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(rest).toEqual(['render: failed']);
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
    expect(stagingLeftovers(repo.root)).toEqual([]);
  }

  it.skipIf(!canMount)('a read-only deploy/overlays/dev (EROFS)', () => {
    repo = tempRepo();
    changeDev(repo.root);
    mounted = join(repo.root, 'deploy/overlays/dev');
    execFileSync('mount', ['--bind', mounted, mounted]);
    execFileSync('mount', ['-o', 'remount,bind,ro', mounted]);
    renderFails(
      'deploy/overlays/dev/patches: cannot write the rendered tree; nothing was changed: the file system is read-only: render in a writable checkout (or remount it read-write) (EROFS)',
    );
  });

  it('a file where a rendered folder goes (mkdir: EEXIST, told as a file in the path)', () => {
    repo = tempRepo();
    changeDev(repo.root);
    rmSync(join(repo.root, 'deploy/overlays/dev/patches'), { recursive: true });
    writeFileSync(join(repo.root, 'deploy/overlays/dev/patches'), 'not a folder\n');
    renderFails(
      'deploy/overlays/dev/patches: cannot write the rendered tree; nothing was changed: a part of the path is a file, not a folder: move that file away and render again (EEXIST)',
    );
  });

  it.each([
    ['ENOSPC', 'no space left on the device: free some space and render again'],
    ['EACCES', 'permission denied: make it writable for this user (chmod u+w) or render as its owner'],
    ['EIO', 'an input/output error: check the disk (dmesg) before rendering again'],
  ])('%s while staging (injected at the third file)', (code, cause) => {
    repo = tempRepo();
    changeDev(repo.root);
    const escaped = cause.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    renderFails(new RegExp(`^deploy/overlays/dev/[a-z/-]+\\.yaml: cannot write the rendered tree; nothing was changed: ${escaped} \\(${code}\\)$`), {
      APIM_WRITER_FAULT: `${code}@stage:3`,
    });
  });

  it('a hand-written file where a rendered one goes: the message, no stack trace', () => {
    repo = tempRepo();
    writeFileSync(join(repo.root, 'deploy/overlays/dev/kustomization.yaml'), '# my own kustomization\nresources: []\n');
    renderFails(
      'deploy/overlays/dev/kustomization.yaml exists and was not made by the renderer (no generated header); move it away or delete it, then render again',
    );
  });
});
