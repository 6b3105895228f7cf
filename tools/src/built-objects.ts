import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { deployRoot } from '@apim-gitops/renderer';
import { kustomizeBuild } from './kubectl';
import { progress } from './progress';

/**
 * The Argo CD folders, when the repository has them, and the names they are reported under beside
 * the environments: the bootstrap (projects, root Application) and the environments' Applications.
 */
export const argocdTargets: readonly { readonly dir: string; readonly target: string }[] = [
  { dir: 'apps/argocd/bootstrap', target: '(argocd bootstrap)' },
  { dir: 'apps/argocd/manifests', target: '(argocd)' },
];

/**
 * Builds every rendered overlay under `<root>/deploy/overlays` with `kubectl kustomize` (and the
 * Argo CD folders, when present) and returns overlay name → objects. `root` must hold the
 * installed kubectl (`.cache/kubectl`, a symlink in temporary trees).
 */
export function buildRenderedTree(root: string): Map<string, unknown[]> {
  const built = new Map<string, unknown[]>();
  const overlays = join(root, deployRoot, 'overlays');
  const names = existsSync(overlays)
    ? readdirSync(overlays, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(overlays, e.name, 'kustomization.yaml')))
        .map((e) => e.name)
        .sort()
    : [];
  names.forEach((name, i) => {
    try {
      built.set(name, kustomizeBuild(root, `${deployRoot}/overlays/${name}`));
    } catch (error) {
      throw new Error(
        `${deployRoot}/overlays/${name}: kubectl kustomize failed: ${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`,
      );
    }
    progress('kustomize', i + 1, names.length);
  });
  for (const { dir, target } of argocdTargets) {
    const folder = join(root, dir);
    if (!existsSync(folder)) continue;
    if (existsSync(join(folder, 'kustomization.yaml'))) built.set(target, kustomizeBuild(root, dir));
    else
      built.set(
        target,
        readdirSync(folder)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .flatMap((f) => YAML.parseAllDocuments(readFileSync(join(folder, f), 'utf8')).map((d) => d.toJSON()))
          .filter((d) => d !== null),
      );
  }
  return built;
}
