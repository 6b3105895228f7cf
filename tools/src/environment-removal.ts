import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { applicationName, argocdManifestsDir, deployRoot, generatedMark, productionAnnotation } from '@apim-gitops/renderer';
import { environmentsDir } from './environment-files';
import { RenderFailure } from './render-repository';
import { isDirectory, isFile } from './file-kind';

/** An environment whose rendered overlay is committed but whose folder is gone. */
export interface RemovedEnvironment {
  readonly name: string;
  /** From its committed Application; undefined when that file is missing too. */
  readonly production: boolean | undefined;
}

/** Environments with a rendered overlay (an owned kustomization.yaml) in the committed tree. */
export function committedEnvironments(root: string): string[] {
  const dir = join(root, deployRoot, 'overlays');
  if (!isDirectory(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter((name) => {
      const file = join(dir, name, 'kustomization.yaml');
      return isFile(file) && readFileSync(file, 'utf8').startsWith(generatedMark);
    })
    .sort();
}

function committedProduction(root: string, name: string): boolean | undefined {
  const file = join(root, argocdManifestsDir, `application-${applicationName(name)}.yaml`);
  if (!isFile(file)) return undefined;
  const application = YAML.parse(readFileSync(file, 'utf8')) as { metadata?: { annotations?: Record<string, string> } } | null;
  return application?.metadata?.annotations?.[productionAnnotation] === 'true';
}

/** The committed environments a full render of `rendered` would delete. */
export function removedEnvironments(root: string, rendered: ReadonlySet<string>): RemovedEnvironment[] {
  return committedEnvironments(root)
    .filter((name) => !rendered.has(name))
    .map((name) => ({ name, production: committedProduction(root, name) }));
}

/**
 * Decides what a full render may delete: a production environment (or one whose committed
 * Application is missing, so it cannot be told) only when `allowDelete` names it. Returns the
 * loud lines to print for each environment that goes; throws a RenderFailure otherwise.
 */
export function checkRemovals(root: string, rendered: ReadonlySet<string>, allowDelete: readonly string[]): string[] {
  const removed = removedEnvironments(root, rendered);
  const failures: Error[] = [];
  for (const name of allowDelete)
    if (!removed.some((r) => r.name === name))
      failures.push(
        new Error(
          rendered.has(name)
            ? `render: --allow-delete ${name}: ${environmentsDir}/${name} still exists; delete the folder first, then render with --allow-delete ${name}`
            : `render: --allow-delete ${name}: no committed environment "${name}" (committed: ${committedEnvironments(root).join(', ') || 'none'})`,
        ),
      );
  for (const { name, production } of removed) {
    if (production === false || allowDelete.includes(name)) continue;
    const what = production
      ? 'it is a production environment'
      : `whether it is a production environment cannot be told (${argocdManifestsDir}/application-${applicationName(name)}.yaml is missing)`;
    failures.push(
      new Error(
        `render: environment "${name}" is gone (${environmentsDir}/${name} is missing) and ${what}: rendering would delete ${deployRoot}/overlays/${name} and its Argo CD Application ${applicationName(name)}, and Argo CD would then delete it from its cluster. Restore ${environmentsDir}/${name} (git checkout -- ${environmentsDir}/${name}), or run "render --allow-delete ${name}" to delete it on purpose`,
      ),
    );
  }
  if (failures.length > 0) throw new RenderFailure(failures);
  return removed.map(
    ({ name }) =>
      `render: REMOVED environment "${name}": ${deployRoot}/overlays/${name} and the Argo CD Application ${applicationName(name)} are deleted; once this is merged, Argo CD deletes the environment from its cluster`,
  );
}
