import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { ArgoCdFacts, Json, ObjectIssue, RenderedEnvironment, RenderedTree } from '@apim-gitops/renderer';
import { renderBases, renderOverlay, renderTree, RenderError } from '@apim-gitops/renderer';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { keepNpmPackagesExternal } from '../bin/esbuild-options.mjs';

/**
 * From this many environments on, a render runs in worker threads. Starting them (bundling the
 * entry, importing kubernetes-models and compiling its schemas again in each thread) costs about
 * a second on the 2-core machine; measured without writes, 2 threads broke even near 200.
 */
export const parallelThreshold = 200;

/** What one worker posts back: its environments in order, and the error that stopped it, if any. */
export interface WorkerReply {
  readonly rendered: readonly { name: string; files: [string, string][]; objectCount: number; argoCd: ArgoCdFacts }[];
  readonly error?: { name: string; message: string; stack?: string; environment?: string; issues?: unknown };
}

/** How many threads render: one per core, at least one. */
export function renderThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Renders the bases and every overlay, like renderTree, in worker threads when there are many
 * environments and more than one core. The result is the same files in the same order; the
 * first failing environment (in the order given) fails the whole render with its own error.
 */
export async function renderTreeFast(
  root: string,
  base: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
  threshold: number = parallelThreshold,
): Promise<RenderedTree> {
  const threads = environments.length < threshold ? 1 : Math.min(renderThreads(), environments.length);
  if (threads < 2) return renderTree(base, environments);
  return renderTreeInWorkers(root, base, environments, threads);
}

/** renderTree split over `threads` worker threads, each rendering one contiguous shard of the environments. */
export async function renderTreeInWorkers(root: string, base: ResolvedEnvironment, environments: readonly ResolvedEnvironment[], threads: number): Promise<RenderedTree> {
  const bases = renderBases(base);
  const script = await bundleWorker(root);
  let replies: WorkerReply[];
  try {
    const size = Math.ceil(environments.length / threads);
    const shards = Array.from({ length: threads }, (_, i) => environments.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
    replies = await Promise.all(shards.map((shard) => runWorker(script, bases.objects, shard)));
  } finally {
    rmSync(script, { force: true });
  }
  // Shards are in order and each stops at its first failure: the first error is the serial render's.
  const failed = replies.find((r) => r.error);
  if (failed?.error) throw rebuildError(failed.error);
  const files = bases.files;
  const rendered = new Map<string, RenderedEnvironment>();
  const byName = new Map(environments.map((env) => [env.name, env]));
  for (const reply of replies)
    for (const env of reply.rendered) {
      for (const [path, text] of env.files) files.set(path, text);
      rendered.set(env.name, lazyEnvironment(byName.get(env.name)!, bases.objects, env.objectCount, env.argoCd));
    }
  return { files, environments: rendered };
}

/** A worker's environment: objects and plan are rendered again, in this thread, only if someone reads them. */
function lazyEnvironment(env: ResolvedEnvironment, baseObjects: readonly Json[], objectCount: number, argoCd: ArgoCdFacts): RenderedEnvironment {
  let full: RenderedEnvironment | undefined;
  const get = () => (full ??= renderOverlay(env, baseObjects).rendered);
  return {
    objectCount,
    argoCd,
    get objects() {
      return get().objects;
    },
    get plan() {
      return get().plan;
    },
  };
}

function rebuildError(error: NonNullable<WorkerReply['error']>): Error {
  if (error.name === 'RenderError' && error.environment !== undefined && Array.isArray(error.issues))
    return new RenderError(error.environment, error.issues as ObjectIssue[]);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

function runWorker(script: string, baseObjects: readonly Json[], environments: readonly ResolvedEnvironment[]): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { baseObjects, environments } });
    let reply: WorkerReply | undefined;
    worker.once('message', (message: WorkerReply) => (reply = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (reply ? resolve(reply) : reject(new Error(`render worker exited with code ${code} before it replied`))));
  });
}

/** Bundles the worker entry like bin/run.mjs bundles the CLI: our TypeScript in, npm packages external. */
async function bundleWorker(root: string): Promise<string> {
  const outfile = join(root, '.cache', 'tools', `render-worker-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(root, 'tools', 'src', 'render-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [keepNpmPackagesExternal()],
  });
  return outfile;
}
