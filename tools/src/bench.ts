import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentSpec } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import type { FileTree } from '@apim-gitops/renderer';
import { deployRoot, writeTree } from '@apim-gitops/renderer';
import { median, scratchRepository, timeProcess, writeFloorOf } from './bench-processes';
import { environmentFile } from './environment-files';
import { UnitStamps } from './unit-stamps';
import { distrust, environmentUnit, formatIndex, readIndex, renderIndexPath, unitFolders, unitOf } from './render-index';
import { pipelineKey } from './render-keys';
import { kubectlPath } from './kubectl';
import { loadDefaultExport } from './load-environment';
import { renderTreeFast } from './parallel-render';

/** Environment counts the benchmark renders, smallest first (RSS is a process-wide peak). */
export const benchSizes = [1, 10, 100, 1000] as const;

/** The environments the synthetic ones are cloned from. */
export const benchTemplates = ['dev', 'prod'] as const;

/** `count` environment specs cloned in memory from the templates, each with its own name and domain. */
export function synthesizeSpecs(templates: readonly EnvironmentSpec[], count: number): EnvironmentSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const name = `bench-${String(i).padStart(4, '0')}`;
    // Namespace left out: it defaults to apim-<name>, as a real new environment's would.
    const { namespace: _namespace, ...rest } = structuredClone(template) as EnvironmentSpec & { namespace?: string };
    return { ...rest, name, domain: `${name}.bench.example.org` };
  });
}

/** One render + validate + write pass and what it cost. */
export interface RenderPass {
  readonly environments: number;
  /** Environments rendered (the others were skipped: their key and files are as the index records). */
  readonly rendered: number;
  readonly objects: number;
  readonly written: readonly string[];
  readonly unchanged: number;
  readonly bytesWritten: number;
  readonly ms: number;
}

/** The keys of the bench's parts: the bases and one overlay per spec (its spec's JSON stands in for its files). */
function benchKeys(pipeline: string, specs: readonly EnvironmentSpec[]): Map<string, string> {
  const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
  const keys = new Map([['base', hash('base', pipeline)]]);
  for (const spec of specs) keys.set(environmentUnit(spec.name), hash('environment', spec.name, pipeline, JSON.stringify(spec)));
  return keys;
}

/**
 * Resolves, renders (the renderer validates every object) and writes `specs` into `dir`, the way
 * `render` does: with worker threads where renderTreeFast uses them (`root` holds their code), and
 * skipping every environment whose key and files are as `dir`'s render index records them
 * (`force` renders all). Only what was rendered is in the write's scope, so nothing skipped is pruned.
 */
export async function renderPass(root: string, dir: string, specs: readonly EnvironmentSpec[], force = false): Promise<RenderPass> {
  const started = performance.now();
  const keys = benchKeys(await pipelineKey(root), specs);
  const index = force ? undefined : readIndex(dir);
  const stamps = UnitStamps.load(dir);
  const stale = new Set([...keys].filter(([unit, key]) => !index || distrust(dir, unit, key, index.get(unit), stamps) !== undefined).map(([unit]) => unit));
  stamps.save();
  if (stale.size === 0)
    return { environments: specs.length, rendered: 0, objects: 0, written: [], unchanged: 0, bytesWritten: 0, ms: performance.now() - started };
  const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
  const resolved = specs.filter((s) => stale.has(environmentUnit(s.name))).map((s) => resolveEnvironment(s, `(bench) ${s.name}`));
  const tree = await renderTreeFast(root, base, resolved);
  // Every overlay is planned against the base objects, so the bases always render; they are written only when stale.
  if (!stale.has('base')) for (const path of [...tree.files.keys()]) if (unitOf(path) === 'base') tree.files.delete(path);
  tree.files.set(renderIndexPath, formatIndex(new Map([...keys].filter(([unit]) => stale.has(unit))), tree.files, index ?? new Map()));
  // A throwaway tree: staged and moved like a render, without the fsync of each file (see BENCHMARKS.md).
  const plan = writeTree(dir, tree.files, [...stale].flatMap(unitFolders), { durable: false });
  const objects = [...tree.environments.values()].reduce((n, e) => n + e.objectCount, 0);
  return {
    environments: specs.length,
    rendered: resolved.length,
    objects,
    written: plan.write,
    unchanged: plan.unchanged.length,
    bytesWritten: bytes(tree.files, plan.write),
    ms: performance.now() - started,
  };
}

function bytes(files: FileTree, paths: readonly string[]): number {
  return paths.reduce((n, p) => n + Buffer.byteLength(files.get(p)!), 0);
}

/** One environment changed (its secrets refresh more often): the re-render must touch only it. */
export function changeOne(specs: readonly EnvironmentSpec[], index: number): EnvironmentSpec[] {
  return specs.map((s, i) => (i === index ? { ...s, secrets: { ...s.secrets, refreshInterval: '7m' } as EnvironmentSpec['secrets'] } : s));
}

/** Loads the templates once (esbuild + import), the only file loading the benchmark does. */
export async function loadTemplates(root: string): Promise<EnvironmentSpec[]> {
  return Promise.all(benchTemplates.map(async (n) => (await loadDefaultExport(root, environmentFile(n))) as EnvironmentSpec));
}

/**
 * Milliseconds a fixed, allocation-heavy piece of work (JSON round trips of a Deployment-sized
 * object) takes on this machine right now. On a shared VM the same code runs up to ~1.7× slower
 * at one moment than at another; runs are comparable only when this figure is.
 */
export function machineReference(rounds = 3000): number {
  const sample = { items: Array.from({ length: 200 }, (_, i) => ({ name: `item-${i}`, values: [i, i * 2, { text: `value ${i}` }] })) };
  const once = () => {
    const started = performance.now();
    let kept = 0;
    for (let i = 0; i < rounds; i++) kept += (JSON.parse(JSON.stringify(sample)) as typeof sample).items.length;
    if (kept !== rounds * 200) throw new Error('machine reference: unexpected result');
    return performance.now() - started;
  };
  // The best of three: the first pass also pays for warming up and for garbage left by earlier work.
  return Math.min(once(), once(), once());
}

const mb = (kb: number) => Math.round(kb / 1024);
const pad = (text: string | number, width: number) => String(text).padStart(width);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A figure the bench holds to a target: either a ratio to a reference measured in the same run, or an absolute limit. */
export interface TargetFigure {
  readonly label: string;
  readonly ms: number;
  readonly reference: { readonly label: string; readonly ms: number };
  /** Met when ms ≤ maxRatio × reference.ms … */
  readonly maxRatio?: number;
  /** … or when ms ≤ maxMs. */
  readonly maxMs?: number;
}

/** One line per target: the figure, its ratio to the reference, the target it is held to, and whether it is met. */
export function targetLine(t: TargetFigure): string {
  const ratio = t.ms / t.reference.ms;
  const met = t.maxRatio !== undefined ? ratio <= t.maxRatio : t.ms <= (t.maxMs ?? Number.POSITIVE_INFINITY);
  const target = t.maxRatio !== undefined ? `≤ ×${t.maxRatio} ${t.reference.label}` : `≤ ${seconds(t.maxMs!)}`;
  return `target: ${t.label}: ${seconds(t.ms)} = ×${ratio.toFixed(2)} ${t.reference.label} (${seconds(t.reference.ms)}); held to ${target}: ${met ? 'ok' : 'MISSED'}`;
}

/** Whether two readings of the machine reference differ by more than 20% (then ratios across them are less comparable). */
export function drifted(before: number, after: number): boolean {
  return Math.max(before, after) / Math.min(before, after) > 1.2;
}

/** Environment variables that keep nx quiet and local, its cache inside the scratch copy. */
function nxEnvironment(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_CACHE_DIRECTORY: join(dir, '.nx', 'cache') };
}

/**
 * Whole-process figures on a scratch copy of the repository: `node -e 0` (the start-up
 * reference), `render` with nothing changed and with one field changed, and `nx run render` both
 * ways. Medians of several runs, interleaved with the reference.
 */
function processFigures(root: string, say: (line: string) => void): TargetFigure[] {
  const dir = scratchRepository(root);
  try {
    const node = process.execPath;
    const run = ['tools/bin/run.mjs', 'render'];
    const nx = join(root, 'node_modules', '.bin', 'nx');
    const envFile = join(dir, 'environments', 'prod', 'environment.ts');
    const committed = readFileSync(envFile, 'utf8');
    let flip = false;
    // One field changed: prod's secrets.refreshInterval, to another value each run (the README's example).
    const changeField = () => {
      flip = !flip;
      writeFileSync(envFile, committed.replace("refreshInterval: '15m'", `refreshInterval: '${flip ? '16m' : '17m'}'`));
    };
    timeProcess(node, [...run, '--force'], dir); // warms the bundles in .cache and the disk cache
    const nodeMs = median(7, () => timeProcess(node, ['-e', '0'], dir));
    const reference = { label: 'node -e 0', ms: nodeMs };
    const unchanged = median(5, () => timeProcess(node, run, dir));
    const oneField = median(5, () => timeProcess(node, run, dir), changeField);
    const nxMiss = median(3, () => timeProcess(nx, ['run', 'render'], dir, nxEnvironment(dir)), changeField);
    const nxHit = median(3, () => timeProcess(nx, ['run', 'render'], dir, nxEnvironment(dir)));
    say(`whole process (medians, scratch copy of this repository): node -e 0 ${seconds(nodeMs)}`);
    return [
      { label: 'render, nothing changed (whole process)', ms: unchanged, reference, maxRatio: 4 },
      { label: 'render, one field changed (whole process)', ms: oneField, reference, maxRatio: 5 },
      { label: 'npx nx run render, inputs changed (miss)', ms: nxMiss, reference, maxMs: 1500 },
      { label: 'npx nx run render, nothing changed (hit)', ms: nxHit, reference, maxMs: 800 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `bench`: render timings for 1 … 1,000 environments, skips, whole-process start-up and nx, each held to its target. */
export async function benchCommand(root: string, sizes: readonly number[] = benchSizes): Promise<number> {
  const templates = await loadTemplates(root);
  const work = mkdtempSync(join(tmpdir(), 'apim-bench-'));
  const say = (line: string) => console.log(line);
  try {
    say(`bench: ${benchTemplates.join(' + ')} cloned in memory; node ${process.version}, ${(await import('node:os')).availableParallelism()} core(s)`);
    const machineBefore = machineReference();
    say(`machine reference at the start: ${machineBefore.toFixed(0)} ms (fixed JSON work)`);
    const figures = processFigures(root, say);
    say(
      `${pad('envs', 6)} ${pad('objects', 8)} ${pad('wall ms', 8)} ${pad('ms/env', 7)} ${pad('objects/s', 10)} ${pad('files', 6)} ${pad('written KB', 10)} ${pad('peak RSS MB', 11)}`,
    );
    const results = new Map<number, RenderPass>();
    let largest: { dir: string; specs: EnvironmentSpec[] } | undefined;
    for (const size of sizes) {
      const dir = join(work, `n${size}`);
      const specs = synthesizeSpecs(templates, size);
      const pass = await renderPass(root, dir, specs);
      results.set(size, pass);
      largest = { dir, specs };
      say(
        `${pad(size, 6)} ${pad(pass.objects, 8)} ${pad(pass.ms.toFixed(0), 8)} ${pad((pass.ms / size).toFixed(2), 7)} ${pad(Math.round((pass.objects / pass.ms) * 1000), 10)} ${pad(pass.written.length, 6)} ${pad(Math.round(pass.bytesWritten / 1024), 10)} ${pad(mb(process.resourceUsage().maxRSS), 11)}`,
      );
    }
    const top = Math.max(...sizes);
    const topPass = results.get(top)!;
    const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
    if (largest) {
      const floor = { label: 'write floor', ms: writeFloorOf(largest.dir, topPass.written) };
      say(`write floor: a trivial writer creates the same ${topPass.written.length} files in ${seconds(floor.ms)}`);
      figures.push({ label: `${top} environments, cold (render + validate + write)`, ms: topPass.ms, reference: floor, maxRatio: 3 });
      // The first check after the cold render reads and hashes every file (no stamps yet); the second is what an unchanged re-render costs.
      const first = await renderPass(root, largest.dir, largest.specs);
      const noop = await renderPass(root, largest.dir, largest.specs);
      say(
        `re-render, nothing changed (${top} envs): ${noop.rendered} rendered, ${noop.environments - noop.rendered} skipped, ${noop.written.length} file(s) written (must be 0); the first check after the cold render, reading every file, took ${seconds(first.ms)}`,
      );
      const changed = await renderPass(root, largest.dir, changeOne(largest.specs, 0));
      const outside = changed.written.filter((p) => p !== renderIndexPath && !p.startsWith(`${deployRoot}/overlays/${largest!.specs[0]!.name}/`));
      say(
        `re-render, one environment changed: ${changed.rendered} rendered, ${changed.written.length} file(s) written, ${outside.length} outside its overlay and the index (must be 0)`,
      );
      const start = figures[0]!.reference;
      figures.push({ label: `${top} environments, nothing changed`, ms: noop.ms, reference: start, maxMs: 500 });
      figures.push({ label: `${top} environments, one changed`, ms: changed.ms, reference: start, maxMs: 1000 });
    }
    for (const figure of figures) say(targetLine(figure));
    say(`target: peak RSS ≤ 1024 MB: ${mb(process.resourceUsage().maxRSS)} MB (${ok(mb(process.resourceUsage().maxRSS) <= 1024)})`);
    const small = results.get(top / 10);
    if (small) {
      const ratio = topPass.ms / top / (small.ms / (top / 10));
      say(`target: ${top / 10}→${top} no worse than linear: ms/env grew ×${ratio.toFixed(2)} (${ok(ratio <= 1.25)}; ≤ 1.25 allows for noise)`);
    }
    if (largest) {
      const sample = largest.specs.slice(0, 10).map((s) => s.name);
      // The repository's kubectl: the bench's tree has a .cache of its own (its file stamps).
      const kubectl = kubectlPath(root);
      const started = performance.now();
      for (const name of sample) execFileSync(kubectl, ['kustomize', join(largest.dir, deployRoot, 'overlays', name)], { stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = performance.now() - started;
      say(`reference: kubectl kustomize on ${sample.length} overlays: ${ms.toFixed(0)} ms (${(ms / sample.length).toFixed(0)} ms each)`);
    }
    // Measured at the end too: right after start-up V8 is still compiling on the other core, and a
    // shared VM drifts; ratios are measured close together, so they hold up better than the absolute figures.
    const machineAfter = machineReference();
    say(
      `machine reference at the end: ${machineAfter.toFixed(0)} ms${drifted(machineBefore, machineAfter) ? ` (DRIFTED from ${machineBefore.toFixed(0)} ms during the run: compare ratios, not absolute figures)` : ' (steady during the run)'}`,
    );
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
