import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { deployRoot } from '@apim-gitops/renderer';
import { kustomizeBuild } from './kubectl';
import { progress } from './progress';

/** Where the Argo CD manifests are rendered (by the Argo CD app), when the repository has them. */
export const argocdManifests = 'apps/argocd/manifests';
/** The name the Argo CD manifests are reported under, beside the environments. */
export const argocdTarget = '(argocd)';

/**
 * Builds every rendered overlay under `<root>/deploy/overlays` with `kubectl kustomize` (and the
 * Argo CD manifests, when present) and returns overlay name → objects. `root` must hold the
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
      throw new Error(`${deployRoot}/overlays/${name}: kubectl kustomize failed: ${String((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
    }
    progress('kustomize', i + 1, names.length);
  });
  const argocd = join(root, argocdManifests);
  if (existsSync(argocd)) {
    if (existsSync(join(argocd, 'kustomization.yaml'))) built.set(argocdTarget, kustomizeBuild(root, argocdManifests));
    else
      built.set(
        argocdTarget,
        readdirSync(argocd)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .flatMap((f) => YAML.parseAllDocuments(readFileSync(join(argocd, f), 'utf8')).map((d) => d.toJSON()))
          .filter((d) => d !== null),
      );
  }
  return built;
}
