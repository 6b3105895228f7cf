import { writeTree } from '@apim-gitops/renderer';
import { checkClaimSizes } from './claim-sizes';
import { checkRemovals } from './environment-removal';
import { RenderFailure, renderRepository } from './render-repository';
import { writeOptionsFromEnv } from './write-hooks';

/**
 * `render [--env NAME …] [--allow-delete NAME …]`: renders and writes; a failure writes nothing. A
 * full render that would delete a production environment needs `--allow-delete` naming it; any
 * other environment that goes is announced.
 */
export async function renderCommand(root: string, only: readonly string[] | undefined, allowDelete: readonly string[] = []): Promise<number> {
  const started = performance.now();
  if (only && allowDelete.length > 0)
    throw new RenderFailure([new Error('render: --allow-delete needs a full render (without --env): only a full render deletes environments')]);
  const render = await renderRepository(root, only);
  const removals = only ? [] : checkRemovals(root, new Set(render.environments.keys()), allowDelete);
  checkClaimSizes(root, render);
  for (const line of removals) console.log(line);
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
