import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

// The write floor: a trivial writer of the same files, one writeFileSync each (a mkdir per new folder), timed
// after it has read them all into memory, as the render holds them. Inline, so that it needs no bundle.
const floorScript = `
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
const [source, list] = process.argv.slice(1);
const files = new Map(JSON.parse(readFileSync(list, 'utf8')).map((path) => [path, readFileSync(join(source, path), 'utf8')]));
const dir = mkdtempSync(join(tmpdir(), 'apim-bench-floor-'));
const started = performance.now();
const made = new Set();
for (const [path, text] of files) {
  const folder = dirname(join(dir, path));
  if (!made.has(folder)) { mkdirSync(folder, { recursive: true }); made.add(folder); }
  writeFileSync(join(dir, path), text);
}
console.log(performance.now() - started);
rmSync(dir, { recursive: true, force: true });
`;

/**
 * Milliseconds the write floor takes to write the files `paths` of `dir`, in a child process: holding a
 * second copy of every text in the bench's own process would add it to the render's peak RSS, which the
 * bench reports.
 */
export function writeFloorOf(dir: string, paths: readonly string[]): number {
  const list = join(mkdtempSync(join(tmpdir(), 'apim-bench-list-')), 'paths.json');
  try {
    writeFileSync(list, JSON.stringify(paths));
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', floorScript, dir, list], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    const ms = Number(child.stdout.trim());
    if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`bench: the write floor failed: ${child.stderr}`);
    return ms;
  } finally {
    rmSync(dirname(list), { recursive: true, force: true });
  }
}
