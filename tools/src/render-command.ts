import { writeTree } from '@apim-gitops/renderer';
import { renderRepository } from './render-repository';
import { writeOptionsFromEnv } from './write-hooks';

/** `render [--env NAME …]`: renders and writes; a failure writes nothing. */
export async function renderCommand(root: string, only: readonly string[] | undefined): Promise<number> {
  const started = performance.now();
  const render = await renderRepository(root, only);
  const plan = writeTree(root, render.files, render.scopes, writeOptionsFromEnv());
  const objects = [...render.environments.values()].reduce((n, e) => n + e.objectCount, 0);
  const ms = Math.round(performance.now() - started);
  for (const path of plan.write) console.log(`  wrote   ${path}`);
  for (const path of plan.prune) console.log(`  pruned  ${path}`);
  console.log(
    `rendered ${render.environments.size} environment(s), ${objects} objects: ${plan.write.length} file(s) written, ${plan.unchanged.length} unchanged, ${plan.prune.length} pruned in ${ms} ms`,
  );
  return 0;
}
