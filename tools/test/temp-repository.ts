import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository these tests run in. */
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A scratch copy of the repository for tests that edit environments or rendered files. What a test
 * may change (`environments`, `apps`, `deploy`) is copied; what it only reads (`node_modules`,
 * `packages`, `.cache` with kubectl) is symlinked. `tools` is copied, not linked: `run.mjs` finds
 * the repository root from its own real path, and through a link that would be this repository.
 */
export function makeTempRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apim-gitops-'));
  for (const copied of ['environments', 'apps', 'deploy', 'tools'])
    if (existsSync(join(repositoryRoot, copied))) cpSync(join(repositoryRoot, copied), join(dir, copied), { recursive: true });
  for (const linked of ['node_modules', 'packages', '.cache']) symlinkSync(join(repositoryRoot, linked), join(dir, linked));
  return dir;
}

/** Removes a scratch copy made by makeTempRepository. */
export function removeTempRepository(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a developer command (`node tools/bin/run.mjs …`) in `root`. */
export function runCli(root: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['tools/bin/run.mjs', ...args], { cwd: root, encoding: 'utf8' });
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
