import { join } from 'node:path';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { environmentFile, environmentNames } from '../../src/environment-files';
import { repositoryRoot } from '../temp-repository';

/** Names of the repository's environments, for `it.each`. */
export const environments = environmentNames(repositoryRoot);

/** Loads and resolves one of the repository's environments in the test process. */
export async function loadResolved(name: string): Promise<ResolvedEnvironment> {
  const module = (await import(join(repositoryRoot, environmentFile(name)))) as { default: unknown };
  return resolveEnvironment(module.default, environmentFile(name));
}

/** Every environment of the repository, resolved. */
export async function loadAllResolved(): Promise<ResolvedEnvironment[]> {
  return Promise.all(environments.map(loadResolved));
}

/** The base environment the Kustomize bases are rendered from. */
export function resolvedBase(): ResolvedEnvironment {
  return resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
}
