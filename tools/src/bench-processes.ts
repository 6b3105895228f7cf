import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A scratch copy of the repository for whole-process timings: what a render reads or writes is
 * copied, node_modules and .cache are linked (the cached bundles are then the
 * repository's own). The bench never renders into the repository itself.
 */
export function scratchRepository(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'apim-bench-repo-'));
  // packages/ is copied too (without node_modules) because nx needs its projects; esbuild still
  // reaches the packages through the linked node_modules.
  for (const copied of ['environments', 'apps', 'deploy', 'tools', 'docs', 'packages'])
    if (existsSync(join(root, copied)))
      cpSync(join(root, copied), join(dir, copied), { recursive: true, filter: (source) => !source.includes('/node_modules') });
  for (const file of ['nx.json', 'package.json', 'package-lock.json', 'tsconfig.base.json', '.env'])
    if (existsSync(join(root, file))) cpSync(join(root, file), join(dir, file));
  for (const linked of ['node_modules', '.cache']) symlinkSync(join(root, linked), join(dir, linked));
  return dir;
}

/** Wall-clock milliseconds of one process run to its end; throws when it fails. */
export function timeProcess(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`bench: ${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return ms;
}

/** The median of `runs` measurements (after `prepare`, which is not timed). */
export function median(runs: number, measure: () => number, prepare: () => void = () => {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    prepare();
    times.push(measure());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * The write floor: milliseconds a trivial writer takes to create `files` (relative path → text)
 * under a fresh folder: one mkdir per folder and one writeFileSync per file, no comparing, no
 * staging, no fsync. A render cannot write the same files faster.
 */
export function writeFloor(files: ReadonlyMap<string, string>): number {
  const dir = mkdtempSync(join(tmpdir(), 'apim-bench-floor-'));
  try {
    const started = performance.now();
    const made = new Set<string>();
    for (const [path, text] of files) {
      const folder = dirname(join(dir, path));
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(join(dir, path), text);
    }
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files of `paths` under `dir`, read into memory (for the write floor). */
export function readTree(dir: string, paths: readonly string[]): Map<string, string> {
  return new Map(paths.map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}
