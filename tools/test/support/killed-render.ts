import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The folders a full render owns, compared byte for byte by the interruption tests. */
export const renderedDirs = ['deploy', 'apps/argocd/manifests'] as const;

/**
 * When to kill a render: where its writer halts after its n-th step (exactly there), or some
 * milliseconds after its first step (wherever it then is).
 */
export type KillPoint = { readonly afterStep: number } | { readonly afterMs: number };

/** What happened to a render that was to be killed. */
export interface KilledRender {
  /** Whether SIGKILL ended it (false: it finished before the kill point). */
  readonly killed: boolean;
  /** Writer steps it reported before it died, e.g. `apply 3/37`. */
  readonly lastStep: string | undefined;
  readonly steps: number;
  readonly stderr: string;
}

/**
 * Spawns `node tools/bin/run.mjs <args>` in `root` with the writer's trace on (and `stepDelayMs`
 * between its steps), and SIGKILLs it at `at`. Resolves once the process has exited and been
 * reaped, so its pid is dead when the next command looks at the lock it left.
 */
export function runAndKill(root: string, args: readonly string[], at: KillPoint, stepDelayMs = 0): Promise<KilledRender> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/bin/run.mjs', ...args], {
      cwd: root,
      env: {
        ...process.env,
        APIM_WRITER_TRACE: '1',
        APIM_WRITER_STEP_DELAY_MS: String(stepDelayMs),
        APIM_LOCK_WAIT_MS: '0',
        ...('afterStep' in at ? { APIM_WRITER_STOP_AT: String(at.afterStep) } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let steps = 0;
    let lastStep: string | undefined;
    let sent = false;
    const kill = () => {
      if (sent) return;
      sent = true;
      child.kill('SIGKILL');
    };
    child.stderr.setEncoding('utf8');
    let pending = '';
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const step = line.match(/^writer: (.+)$/)?.[1];
        if (!step) continue;
        if (step === 'halted') {
          kill();
          continue;
        }
        steps++;
        lastStep = step;
        if ('afterMs' in at && steps === 1) setTimeout(kill, at.afterMs);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      resolve({ killed: signal === 'SIGKILL', lastStep, steps, stderr: code === 0 || signal ? stderr : `exit ${code}: ${stderr}` }),
    );
  });
}

/** Every file under the rendered folders: path → content. */
export function readRenderedTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(root, full), readFileSync(full, 'utf8'));
    }
  };
  for (const dir of renderedDirs) walk(join(root, dir));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Puts the rendered folders back exactly as `tree` holds them. */
export function restoreRenderedTree(root: string, tree: ReadonlyMap<string, string>): void {
  for (const dir of renderedDirs) rmSync(join(root, dir), { recursive: true, force: true });
  for (const [path, text] of tree) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Which of the two trees `tree` equals byte for byte, or a short account of how it differs from both. */
export function whichTree(tree: ReadonlyMap<string, string>, old: ReadonlyMap<string, string>, fresh: ReadonlyMap<string, string>): 'old' | 'new' | string {
  const equal = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) => a.size === b.size && [...a].every(([p, t]) => b.get(p) === t);
  if (equal(tree, old)) return 'old';
  if (equal(tree, fresh)) return 'new';
  const paths = new Set([...tree.keys(), ...old.keys(), ...fresh.keys()]);
  const mixed = [...paths]
    .filter((p) => tree.get(p) !== old.get(p))
    .map((p) => `${p}: ${tree.get(p) === fresh.get(p) ? 'new' : tree.has(p) ? 'neither' : 'missing'}`);
  return `a mix: ${mixed.slice(0, 8).join(', ')}${mixed.length > 8 ? ` … (${mixed.length})` : ''}`;
}

/** A small deterministic random generator (mulberry32), so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
