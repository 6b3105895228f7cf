import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deployRoot, generatedMark } from '@apim-gitops/renderer/src/layout';
import { environmentFolderIssues, environmentNames } from './environment-files';
import { withDependents } from './environment-imports';
import { UnitStamps } from './unit-stamps';
import { distrust, readIndex, renderIndexPath } from './render-index';
import { renderKeys } from './render-keys';
import { writeOptionsFromEnv } from './write-hooks';

/**
 * What a render found it could skip: every part of the tree, or why not (the first part that must
 * render) and, when the tree is otherwise sound, the parts it can still trust (their key and files as
 * the index records them), which a full render then does not render again.
 */
export type SkipVerdict =
  | { readonly skip: true; readonly environments: number }
  | { readonly skip: false; readonly reason: string; readonly trusted?: ReadonlySet<string>; readonly keys?: ReadonlyMap<string, string> };

/** Whether `path` (relative to `root`) is a generated file or a folder holding one. */
function holdsGenerated(root: string, path: string): boolean {
  const full = join(root, path);
  if (statSync(full).isDirectory()) return readdirSync(full).some((entry) => holdsGenerated(root, `${path}/${entry}`));
  return readFileSync(full, 'utf8').startsWith(generatedMark);
}

/**
 * The first entry of deploy/ outside the index, the bases and the environments' overlays that holds a
 * generated file (a left-over overlay, a copied file), if any: only a full render prunes those. A
 * hand-written file there is the user's and changes nothing.
 */
function strayInDeploy(root: string, names: readonly string[]): string | undefined {
  const list = (dir: string) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []);
  const top = list(deployRoot)
    .filter((entry) => ![basename(renderIndexPath), 'base', 'overlays'].includes(entry))
    .map((entry) => `${deployRoot}/${entry}`);
  const overlays = list(`${deployRoot}/overlays`)
    .filter((entry) => !names.includes(entry))
    .map((entry) => `${deployRoot}/overlays/${entry}`);
  return [...top, ...overlays].find((path) => holdsGenerated(root, path));
}

/**
 * Whether a full render would change nothing: every part of the tree (the bases, each overlay, the
 * Argo CD objects) has the key of its current inputs in the committed index, its files are on disk
 * as the index records them, and no environment came or went. Loads neither the models nor the
 * renderer, so an unchanged render costs a stat per file. When only some parts changed, says which
 * of the others can be trusted; when an environment went, none (the full render then prunes its overlay).
 */
export async function unchangedRender(root: string): Promise<SkipVerdict> {
  if (environmentFolderIssues(root).length > 0) return { skip: false, reason: 'the environments folder has a problem' };
  const index = readIndex(root);
  if (!index) return { skip: false, reason: `${renderIndexPath} is missing or unreadable` };
  const names = environmentNames(root);
  let keys: Map<string, string>;
  try {
    keys = await renderKeys(root, names);
  } catch {
    // A file that does not bundle: the render reports it, naming the file and the field.
    return { skip: false, reason: 'an input does not bundle' };
  }
  for (const unit of index.keys()) if (!keys.has(unit)) return { skip: false, reason: `${unit} is gone` };
  // Anything in deploy/ outside the parts (a left-over overlay, a stray file) is for a full render to prune.
  const stray = strayInDeploy(root, names);
  if (stray) return { skip: false, reason: `${stray} belongs to no part of the tree` };
  const stamps = UnitStamps.load(root);
  const trusted = new Set<string>();
  let reason: string | undefined;
  try {
    for (const [unit, key] of keys) {
      const why = distrust(root, unit, key, index.get(unit), stamps);
      if (why) reason ??= `${unit}: ${why}`;
      else trusted.add(unit);
    }
  } finally {
    stamps.save();
  }
  return reason === undefined ? { skip: true, environments: names.length } : { skip: false, reason, trusted, keys };
}

/**
 * `render [--env NAME …] [--allow-delete NAME …] [--force]`: renders and writes; a failure writes
 * nothing. A full render whose inputs and files are all as the committed index records them
 * renders nothing (`--force` renders anyway). A full render that would delete a production
 * environment needs `--allow-delete` naming it; any other environment that goes is announced.
 */
export async function renderCommand(root: string, only: readonly string[] | undefined, allowDelete: readonly string[] = [], force = false): Promise<number> {
  const started = performance.now();
  let trusted: ReadonlySet<string> | undefined;
  let keys: ReadonlyMap<string, string> | undefined;
  if (!only && !force && allowDelete.length === 0) {
    const verdict = await unchangedRender(root);
    if (verdict.skip) {
      console.log(
        `rendered 0 environment(s), 0 objects: 0 file(s) written, 0 unchanged, 0 pruned; ${verdict.environments} environment(s) and the bases skipped (inputs and files as ${renderIndexPath} records them; --force renders anyway) in ${Math.round(performance.now() - started)} ms`,
      );
      return 0;
    }
    ({ trusted, keys } = verdict);
  }
  // The renderer and the models load only when something renders.
  const { writeTree } = await import('@apim-gitops/renderer');
  const { checkClaimSizes } = await import('./claim-sizes');
  const { checkRemovals } = await import('./environment-removal');
  const { RenderFailure, renderRepository } = await import('./render-repository');
  if (only && allowDelete.length > 0)
    throw new RenderFailure([new Error('render: --allow-delete needs a full render (without --env): only a full render deletes environments')]);
  // An environment derived from a named one renders with it, so that its overlay never lags behind.
  const render = await renderRepository(root, only ? withDependents(root, only) : undefined, { trusted, keys });
  const removals = only ? [] : checkRemovals(root, new Set(render.names), allowDelete);
  checkClaimSizes(root, render);
  for (const line of removals) console.log(line);
  const plan = writeTree(root, render.files, render.scopes, writeOptionsFromEnv());
  const objects = [...render.environments.values()].reduce((n, e) => n + e.objectCount, 0);
  const ms = Math.round(performance.now() - started);
  for (const path of plan.write) console.log(`  wrote   ${path}`);
  for (const path of plan.prune) console.log(`  pruned  ${path}`);
  const skipped = render.skipped > 0 ? `; ${render.skipped} unchanged environment(s) skipped` : '';
  console.log(
    `rendered ${render.environments.size} environment(s), ${objects} objects: ${plan.write.length} file(s) written, ${plan.unchanged.length} unchanged, ${plan.prune.length} pruned${skipped} in ${ms} ms`,
  );
  return 0;
}
