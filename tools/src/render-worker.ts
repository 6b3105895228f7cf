// Entry of a render worker thread (bundled by parallel-render.ts): takes the base objects, then
// renders chunks of environments against them and posts back their files and facts.
import { parentPort } from 'node:worker_threads';
import type { Json } from '@apim-gitops/renderer';
import { renderOverlay } from '@apim-gitops/renderer';
import type { ChunkReply, WorkerReply, WorkerRequest } from './parallel-render';

let baseObjects: readonly Json[] = [];

function renderChunk(request: Extract<WorkerRequest, { kind: 'chunk' }>): ChunkReply {
  const rendered: ChunkReply['rendered'][number][] = [];
  try {
    for (const env of request.environments) {
      const { files, rendered: r } = renderOverlay(env, baseObjects);
      rendered.push({ name: env.name, files: [...files], objectCount: r.objectCount, argoCd: r.argoCd });
    }
    return { kind: 'chunk', chunk: request.chunk, rendered };
  } catch (error) {
    const e = error as Error & { environment?: string; issues?: unknown };
    const detail = { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack, environment: e?.environment, issues: e?.issues };
    return { kind: 'chunk', chunk: request.chunk, rendered, error: detail };
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.kind === 'bases') baseObjects = request.baseObjects;
  else parentPort!.postMessage(renderChunk(request) satisfies WorkerReply);
});
parentPort!.postMessage({ kind: 'ready' } satisfies WorkerReply);
