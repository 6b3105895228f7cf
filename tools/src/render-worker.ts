// Entry of a render worker thread (bundled by parallel-render.ts): renders the overlays of a
// shard of environments against the base objects and posts back their files and facts.
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import type { Json } from '@apim-gitops/renderer';
import { renderOverlay } from '@apim-gitops/renderer';
import type { WorkerReply } from './parallel-render';

const { baseObjects, environments } = workerData as { baseObjects: Json[]; environments: ResolvedEnvironment[] };
let reply: WorkerReply;
const rendered: WorkerReply['rendered'][number][] = [];
try {
  for (const env of environments) {
    const { files, rendered: r } = renderOverlay(env, baseObjects);
    rendered.push({ name: env.name, files: [...files], objectCount: r.objectCount, argoCd: r.argoCd });
  }
  reply = { rendered };
} catch (error) {
  const e = error as Error & { environment?: string; issues?: unknown };
  reply = { rendered, error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), stack: e?.stack, environment: e?.environment, issues: e?.issues } };
}
parentPort!.postMessage(reply);
