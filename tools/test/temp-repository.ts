import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** This repository's root. */
export const repositoryRoot = join(__dirname, '..', '..');

/**
 * A throwaway copy of the whole repository (sources, environments and rendered tree; node_modules
 * and .cache symlinked, not copied), optionally a git repository with one commit.
 */
export function copyRepository(options: { git?: boolean } = {}): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'apim-test-'));
  const skip = new Set(['node_modules', '.cache', '.git', '.nx', '.render']);
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

/**
 * A scratch copy for tests that edit environments or rendered files: what a test may change
 * (`environments`, `apps`, `deploy`, `tools`) is copied; what it only reads is symlinked.
 */
export function makeTempRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apim-gitops-'));
  for (const copied of ['environments', 'apps', 'deploy', 'tools', 'docs'])
    if (existsSync(join(repositoryRoot, copied))) cpSync(join(repositoryRoot, copied), join(dir, copied), { recursive: true });
  for (const file of ['nx.json', 'package.json', 'tsconfig.base.json']) cpSync(join(repositoryRoot, file), join(dir, file));
  for (const linked of ['node_modules', 'packages', '.cache']) symlinkSync(join(repositoryRoot, linked), join(dir, linked));
  return dir;
}

/** A scratch copy (see makeTempRepository) with its own clean-up. */
export function tempRepo(): { root: string; remove: () => void } {
  const root = makeTempRepository();
  return { root, remove: () => removeTempRepository(root) };
}

/** Removes a scratch copy made by makeTempRepository. */
export function removeTempRepository(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a developer command (`node tools/bin/run.mjs …`) in `root`. */
export function runCli(root: string, args: readonly string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['tools/bin/run.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Path → sha256 of every file under `dir` of `root`, to prove a tree was left untouched. */
export function treeHashes(root: string, dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes.set(relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(join(root, dir));
  return hashes;
}

/**
 * `npm run lint` (Biome with the repository's biome.jsonc) over some files of a copy: what a command
 * wrote into environments/ must pass the same check as a person's edit, or the next PR fails on it.
 */
export function lintIn(root: string, paths: readonly string[]): { status: number | null; output: string } {
  const biome = spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['check', '--error-on-warnings', ...paths], { cwd: root, encoding: 'utf8' });
  return { status: biome.status, output: `${biome.stdout}${biome.stderr}` };
}
