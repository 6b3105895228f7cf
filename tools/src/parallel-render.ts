import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { ArgoCdFacts, Json, ObjectIssue, RenderedEnvironment, RenderedTree } from '@apim-gitops/renderer';
import { renderBases, renderOverlay, renderTree, RenderError } from '@apim-gitops/renderer';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { cachedBundle } from '../bin/bundle-cache.mjs';
// @ts-expect-error plain JavaScript shared with bin/run.mjs
import { nodeBundleOptions } from '../bin/esbuild-options.mjs';

/**
 * From this many environments on, a render also uses worker threads (where there are cores for
 * them, see renderThreads). A worker costs about 0.7 s to start (bundling its entry, importing
 * kubernetes-models and compiling its schemas again); the main thread renders meanwhile, so the
 * worker pays back once it has work left.
 */
export const parallelThreshold = 200;

/** One environment as a worker renders it: its files and the facts the Argo CD objects need. */
export interface WorkerEnvironment {
  readonly name: string;
  readonly files: [string, string][];
  readonly objectCount: number;
  readonly argoCd: ArgoCdFacts;
}

/** What a worker posts back for one chunk: its environments in order, and the error that stopped it. */
export interface ChunkReply {
  readonly kind: 'chunk';
  readonly chunk: number;
  readonly rendered: readonly WorkerEnvironment[];
  readonly error?: { name: string; message: string; stack?: string; environment?: string; issues?: unknown };
}

/** What a worker posts: that it has loaded and can take work, or a rendered chunk. */
export type WorkerReply = { readonly kind: 'ready' } | ChunkReply;

/** What the main thread sends a worker: the base objects once, then chunks of environments. */
export type WorkerRequest =
  | { readonly kind: 'bases'; readonly baseObjects: readonly Json[] }
  | { readonly kind: 'chunk'; readonly chunk: number; readonly environments: readonly ResolvedEnvironment[] };

/**
 * How many threads render (the main thread included): one per core but one, at least one. A
 * render thread keeps about 1.4 cores busy: V8 optimises the renderer's code (about 4 s of
 * background compilation per thread before it runs at full speed) and collects garbage on
 * background threads. On 2 cores a second render thread only repeats that warm-up on the same
 * cores, so it measured no faster than one thread while using 20-40% more CPU.
 */
export function renderThreads(cores: number = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Renders the bases and every overlay, like renderTree, in the main thread and worker threads
 * when there are many environments and more than one core. The result is the same files in
 * the same order; the first failing environment (in the order given) fails the whole render
 * with its own error.
 */
export async function renderTreeFast(
  root: string,
  base: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
  threshold: number = parallelThreshold,
): Promise<RenderedTree> {
  const threads = environments.length < threshold ? 1 : Math.min(renderThreads(), environments.length);
  // In one thread: a few environments keep everything (cheap); many keep only what is written and the Argo CD facts.
  if (threads < 2) return environments.length < threshold ? renderTree(base, environments) : renderTreeLean(base, environments);
  return renderTreeInWorkers(root, base, environments, threads);
}

/**
 * renderTree in this thread for many environments, keeping of each only its files and the facts
 * the Argo CD objects need: holding every object and plan of 1,000 environments until the end
 * added about 130 MB to the peak and the garbage collector's work. They are rendered again if read.
 */
export function renderTreeLean(base: ResolvedEnvironment, environments: readonly ResolvedEnvironment[]): RenderedTree {
  return renderTree(base, environments, (env, rendered, baseObjects) => lazyEnvironment(env, baseObjects, rendered));
}

/** Options of renderTreeInWorkers; tests use them to make sure the workers get work. */
export interface ParallelOptions {
  /** Environments per chunk handed to a thread (default: about 1/16 of each thread's share, 1 to 25). */
  readonly chunkSize?: number;
  /** Whether the main thread renders chunks too while the workers start and run (default true). */
  readonly mainRenders?: boolean;
}

/** One environment of a finished chunk: its files, and either everything (main thread) or the worker's facts. */
interface ChunkEnvironment {
  readonly name: string;
  readonly files: Iterable<[string, string]>;
  readonly full?: RenderedEnvironment;
  readonly fromWorker?: WorkerEnvironment;
}

interface ChunkResult {
  readonly environments: readonly ChunkEnvironment[];
  readonly error?: Error;
}

/**
 * renderTree over `threads` threads: the main thread and `threads - 1` workers take chunks of
 * environments from one queue, so a worker that starts late or runs slowly simply takes fewer.
 * Once an environment fails, no chunk after it is started; the lowest failing one is reported.
 */
export async function renderTreeInWorkers(
  root: string,
  base: ResolvedEnvironment,
  environments: readonly ResolvedEnvironment[],
  threads: number,
  options: ParallelOptions = {},
): Promise<RenderedTree> {
  const mainRenders = options.mainRenders ?? true;
  const workerCount = Math.max(1, mainRenders ? threads - 1 : threads);
  const chunkSize = options.chunkSize ?? Math.max(1, Math.min(25, Math.ceil(environments.length / threads / 16)));
  const chunks = Array.from({ length: Math.ceil(environments.length / chunkSize) }, (_, i) => environments.slice(i * chunkSize, (i + 1) * chunkSize));
  const results: (ChunkResult | undefined)[] = new Array(chunks.length);
  let next = 0;
  let firstFailed = Infinity;
  // The next chunk to render, unless it lies after a chunk that already failed.
  const take = (): number | undefined => (next < chunks.length && next < firstFailed ? next++ : undefined);
  const settle = (chunk: number, result: ChunkResult) => {
    results[chunk] = result;
    if (result.error) firstFailed = Math.min(firstFailed, chunk);
  };

  const script = await bundleWorker(root);
  const bases = renderBases(base);
  const workers = Array.from({ length: workerCount }, () => startWorker(script, bases.objects, chunks, take, settle));
  const main = mainRenders ? renderInMainThread(chunks, bases.objects, take, settle) : Promise.resolve();
  try {
    await Promise.all([main, ...workers.map((w) => w.done)]);
  } finally {
    // After a crash the other workers must not keep the process alive.
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  const failed = results.find((r) => r?.error);
  if (failed?.error) throw failed.error;
  const files = bases.files;
  const rendered = new Map<string, RenderedEnvironment>();
  const byName = new Map(environments.map((env) => [env.name, env]));
  for (const result of results)
    for (const env of result!.environments) {
      for (const [path, text] of env.files) files.set(path, text);
      rendered.set(env.name, env.full ?? lazyEnvironment(byName.get(env.name)!, bases.objects, env.fromWorker!));
    }
  return { files, environments: rendered };
}

/** Renders chunks in this thread, letting worker messages in between chunks. */
async function renderInMainThread(
  chunks: readonly (readonly ResolvedEnvironment[])[],
  baseObjects: readonly Json[],
  take: () => number | undefined,
  settle: (chunk: number, result: ChunkResult) => void,
): Promise<void> {
  for (let chunk = take(); chunk !== undefined; chunk = take()) {
    const environments: ChunkEnvironment[] = [];
    let error: Error | undefined;
    for (const env of chunks[chunk]!) {
      try {
        const { files, rendered } = renderOverlay(env, baseObjects);
        environments.push({ name: env.name, files, full: rendered });
      } catch (e) {
        error = e as Error;
        break;
      }
    }
    settle(chunk, { environments, error });
    await yieldToEvents();
  }
}

/** An environment whose objects and plan are rendered again, in this thread, only if someone reads them. */
function lazyEnvironment(env: ResolvedEnvironment, baseObjects: readonly Json[], from: Pick<WorkerEnvironment, 'objectCount' | 'argoCd'>): RenderedEnvironment {
  let full: RenderedEnvironment | undefined;
  const get = () => (full ??= renderOverlay(env, baseObjects).rendered);
  return {
    objectCount: from.objectCount,
    argoCd: from.argoCd,
    get objects() {
      return get().objects;
    },
    get plan() {
      return get().plan;
    },
  };
}

function rebuildError(error: NonNullable<ChunkReply['error']>): Error {
  if (error.name === 'RenderError' && error.environment !== undefined && Array.isArray(error.issues))
    return new RenderError(error.environment, error.issues as ObjectIssue[]);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

/** One worker: takes chunks from the queue until it is empty; `done` settles when it has no more. */
function startWorker(
  script: string,
  baseObjects: readonly Json[],
  chunks: readonly (readonly ResolvedEnvironment[])[],
  take: () => number | undefined,
  settle: (chunk: number, result: ChunkResult) => void,
): { worker: Worker; done: Promise<void> } {
  const worker = new Worker(script);
  const done = new Promise<void>((resolve, reject) => {
    let finished = false;
    const feed = () => {
      const chunk = take();
      if (chunk === undefined) {
        finished = true;
        resolve();
        return;
      }
      worker.postMessage({ kind: 'chunk', chunk, environments: chunks[chunk]! } satisfies WorkerRequest);
    };
    // A worker asks for work only once it has loaded, so no chunk waits on a thread still starting.
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') worker.postMessage({ kind: 'bases', baseObjects } satisfies WorkerRequest);
      else {
        const environments = reply.rendered.map((env) => ({ name: env.name, files: env.files, fromWorker: env }));
        settle(reply.chunk, { environments, error: reply.error ? rebuildError(reply.error) : undefined });
      }
      feed();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`render worker exited with code ${code} before the render finished`));
    });
  });
  return { worker, done };
}

/** The worker entry's bundle, built like bin/run.mjs builds the CLI: once per content of its sources, reused from .cache. */
async function bundleWorker(root: string): Promise<string> {
  return (await cachedBundle(root, 'render-worker', 'tools/src/render-worker.ts', nodeBundleOptions())).file;
}
