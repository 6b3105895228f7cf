import { Worker } from 'node:worker_threads';

/** How long one environment module may take to load: `APIM_LOAD_TIMEOUT_MS`, else 10 s. */
export function loadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.APIM_LOAD_TIMEOUT_MS);
  return env.APIM_LOAD_TIMEOUT_MS !== undefined && Number.isFinite(value) && value > 0 ? value : 10_000;
}

/** What importing a module gave: its default export (structured-cloned out of the worker) or why not. */
export type ImportResult =
  | { readonly kind: 'loaded'; readonly hasDefault: boolean; readonly value: unknown }
  | { readonly kind: 'threw'; readonly message: string }
  | { readonly kind: 'not-data'; readonly message: string }
  | { readonly kind: 'timed-out'; readonly ms: number }
  | { readonly kind: 'exited'; readonly code: number };

// Runs in the worker: imports each module it is sent and posts back its default export. Only
// import(), no require: the code is CommonJS or an ES module depending on the flags Node runs with.
const workerSource = `
Promise.all([import('node:worker_threads'), import('node:url')]).then(([{ parentPort }, { pathToFileURL }]) => {
  parentPort.on('message', async (module) => {
    let reply;
    try {
      const loaded = await import(pathToFileURL(module).href);
      reply = { kind: 'loaded', hasDefault: loaded.default !== undefined, value: loaded.default };
    } catch (error) {
      reply = { kind: 'threw', message: error && error.message !== undefined ? String(error.message) : String(error) };
    }
    try {
      parentPort.postMessage(reply);
    } catch (error) {
      parentPort.postMessage({ kind: 'not-data', message: String(error && error.message) });
    }
  });
});
`;

let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

function loaderWorker(): Worker {
  if (!worker) {
    worker = new Worker(workerSource, { eval: true });
    // An idle loader must not keep the process alive; a pending load keeps it alive by its timer.
    worker.unref();
  }
  return worker;
}

function importOnce(module: string, timeoutMs: number): Promise<ImportResult> {
  const current = loaderWorker();
  return new Promise((resolve) => {
    const finish = (result: ImportResult, discard: boolean) => {
      clearTimeout(timer);
      current.off('message', onMessage);
      current.off('exit', onExit);
      if (discard) {
        if (worker === current) worker = undefined;
        void current.terminate();
      }
      resolve(result);
    };
    const onMessage = (reply: ImportResult) => finish(reply, false);
    const onExit = (code: number) => finish({ kind: 'exited', code }, true);
    // An endless loop never yields, so only terminating the worker ends it.
    const timer = setTimeout(() => finish({ kind: 'timed-out', ms: timeoutMs }, true), timeoutMs);
    current.on('message', onMessage);
    current.once('exit', onExit);
    current.postMessage(module);
  });
}

/**
 * Imports an ES module in a worker thread and returns its default export, within `timeoutMs`: a
 * module stuck in an endless loop or in a top-level await that never settles is stopped (the worker
 * is terminated and the next import gets a new one). Imports run one after another.
 */
export function importBounded(module: string, timeoutMs: number = loadTimeoutMs()): Promise<ImportResult> {
  const next = queue.then(() => importOnce(module, timeoutMs));
  queue = next.catch(() => undefined);
  return next;
}
