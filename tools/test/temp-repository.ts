import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** This repository's root. */
export const repositoryRoot = join(__dirname, '..', '..');

/**
 * A throwaway copy of this repository (sources, environments and rendered tree; node_modules and
 * .cache symlinked, not copied), optionally a git repository with one commit.
 */
export function copyRepository(options: { git?: boolean } = {}): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'apim-test-'));
  const skip = new Set(['node_modules', '.cache', '.git', '.nx']);
  cpSync(repositoryRoot, root, {
    recursive: true,
    filter: (source) => {
      const rel = relative(repositoryRoot, source);
      return !skip.has(rel.split('/')[0]!) && !rel.includes('/node_modules');
    },
  });
  symlinkSync(join(repositoryRoot, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(repositoryRoot, '.cache'), join(root, '.cache'));
  if (options.git) {
    gitIn(root, 'init', '--quiet', '--initial-branch=main');
    // .gitignore's `node_modules/` does not match a symlink: keep the links out of the commit.
    writeFileSync(join(root, '.git', 'info', 'exclude'), 'node_modules\n.cache\n');
    gitIn(root, 'add', '-A');
    gitIn(root, 'commit', '--quiet', '-m', 'copy');
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs git in `cwd` with a fixed identity, so tests need no global git config. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}
