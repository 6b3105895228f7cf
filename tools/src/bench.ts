import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentSpec } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import type { FileTree } from '@apim-gitops/renderer';
import { deployRoot, writeTree } from '@apim-gitops/renderer';
import { environmentFile } from './environment-files';
import { kubectlPath } from './kubectl';
import { loadDefaultExport } from './load-environment';
import { renderTreeFast } from './parallel-render';

/** Environment counts the benchmark renders, smallest first (RSS is a process-wide peak). */
export const benchSizes = [1, 10, 100, 1000] as const;
/** Targets printed beside the figures. */
export const benchTargets = { maxSeconds: 5, atEnvironments: 1000, maxRssMb: 1024 } as const;

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
  readonly objects: number;
  readonly written: readonly string[];
  readonly unchanged: number;
  readonly bytesWritten: number;
  readonly ms: number;
}

/**
 * Resolves, renders (the renderer validates every object) and writes `specs` into `dir`, the way
 * `render` does: with worker threads where renderTreeFast uses them (`root` holds their code).
 */
export async function renderPass(root: string, dir: string, specs: readonly EnvironmentSpec[]): Promise<RenderPass> {
  const started = performance.now();
  const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
  const resolved = specs.map((s) => resolveEnvironment(s, `(bench) ${s.name}`));
  const tree = await renderTreeFast(root, base, resolved);
  // A throwaway tree: staged and moved like a render, without the fsync of each file (see BENCHMARKS.md).
  const plan = writeTree(dir, tree.files, [deployRoot], { durable: false });
  const objects = [...tree.environments.values()].reduce((n, e) => n + e.objectCount, 0);
  return {
    environments: specs.length,
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

/** `bench`: render timings for 1 … 1,000 environments, re-render behaviour, kustomize reference. */
export async function benchCommand(root: string, sizes: readonly number[] = benchSizes): Promise<number> {
  const templates = await loadTemplates(root);
  const work = mkdtempSync(join(tmpdir(), 'apim-bench-'));
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  try {
    say(`bench: ${benchTemplates.join(' + ')} cloned in memory; node ${process.version}, ${(await import('node:os')).availableParallelism()} core(s)`);
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
    say(
      `target: ${benchTargets.atEnvironments} environments in ≤ ${benchTargets.maxSeconds} s: ${(topPass.ms / 1000).toFixed(2)} s at ${top} (${ok(top < benchTargets.atEnvironments || topPass.ms <= benchTargets.maxSeconds * 1000)})`,
    );
    say(
      `target: peak RSS ≤ ${benchTargets.maxRssMb} MB: ${mb(process.resourceUsage().maxRSS)} MB (${ok(mb(process.resourceUsage().maxRSS) <= benchTargets.maxRssMb)})`,
    );
    const small = results.get(top / 10);
    if (small) {
      const ratio = topPass.ms / top / (small.ms / (top / 10));
      say(`target: ${top / 10}→${top} no worse than linear: ms/env grew ×${ratio.toFixed(2)} (${ok(ratio <= 1.25)}; ≤ 1.25 allows for noise)`);
    }
    if (largest) {
      const noop = await renderPass(root, largest.dir, largest.specs);
      say(`re-render, nothing changed (${top} envs): ${noop.written.length} file(s) written (must be 0) in ${noop.ms.toFixed(0)} ms`);
      const changed = await renderPass(root, largest.dir, changeOne(largest.specs, 0));
      const outside = changed.written.filter((p) => !p.startsWith(`${deployRoot}/overlays/${largest!.specs[0]!.name}/`));
      say(
        `re-render, one environment changed: ${changed.written.length} file(s) written, ${outside.length} outside its overlay (must be 0) in ${changed.ms.toFixed(0)} ms`,
      );
      const sample = largest.specs.slice(0, 10).map((s) => s.name);
      symlinkSync(join(root, '.cache'), join(largest.dir, '.cache'));
      const kubectl = kubectlPath(largest.dir);
      const started = performance.now();
      for (const name of sample) execFileSync(kubectl, ['kustomize', join(largest.dir, deployRoot, 'overlays', name)], { stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = performance.now() - started;
      // Measured at the end: right after start-up V8 is still compiling on the other core, which
      // made the same measurement read ~50% high.
      say(`machine reference: ${machineReference().toFixed(0)} ms (fixed JSON work; compare runs only when this matches)`);
      say(
        `reference: kubectl kustomize on ${sample.length} overlays: ${ms.toFixed(0)} ms (${(ms / sample.length).toFixed(0)} ms each; ×${top} ≈ ${(((ms / sample.length) * top) / 1000).toFixed(1)} s serial)`,
      );
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
