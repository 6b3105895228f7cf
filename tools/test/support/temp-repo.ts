import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

/** The repository these tests run in. */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/**
 * A scratch copy of the repository: what renders and what is rendered are copied, the code and
 * installed packages are linked. Tests change it freely; `remove()` deletes it.
 */
export function tempRepo(): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'apim-gitops-'));
  for (const dir of ['environments', 'apps', 'deploy'])
    if (existsSync(join(repoRoot, dir))) cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
  for (const file of ['nx.json', 'package.json']) cpSync(join(repoRoot, file), join(root, file));
  for (const link of ['node_modules', 'packages', 'tools', '.cache']) symlinkSync(join(repoRoot, link), join(root, link));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs a developer command (`node tools/bin/run.mjs …`) in `root`. */
export function runTool(root: string, args: readonly string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'tools', 'bin', 'run.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below `dir` (relative paths → contents), for byte-for-byte comparisons. */
export function snapshotTree(root: string, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), readFileSync(full, 'utf8'));
    }
  };
  walk(join(root, dir));
  return files;
}
