import type { KubeObject } from '../kube-object';
import { objectId } from '../kube-object';
import { RenderError } from '../render-error';
import { withAnnotations } from './sync-waves';

/** Annotation that sets Argo CD sync options on one object; several options are joined with `,`. */
export const syncOptionsAnnotation = 'argocd.argoproj.io/sync-options';

/**
 * What every PersistentVolumeClaim carries: `Prune=false` (a claim dropped from the overlay is
 * left in the cluster, the Application shows OutOfSync instead) and `Delete=false` (deleting the
 * Application, e.g. by removing the environment, keeps the claim and so its volume's data).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/ (No Prune Resources, No Resource Deletion)
 */
export const keepDataOptions = ['Delete=false', 'Prune=false'] as const;

/**
 * Gives every PersistentVolumeClaim `argocd.argoproj.io/sync-options: Delete=false,Prune=false`,
 * keeping other options it already has. A claim that asks for pruning or deletion by hand
 * (`Prune=true`, `Delete=confirm`, …) is an error: data must not be one sync away from deletion.
 */
export function protectPersistentData(environment: string, objects: readonly KubeObject[]): KubeObject[] {
  const issues = objects
    .filter((o) => o.kind === 'PersistentVolumeClaim')
    .flatMap((o) =>
      (o.metadata?.annotations?.[syncOptionsAnnotation] ?? '')
        .split(',')
        .map((option) => option.trim())
        .filter((option) => /^(Prune|Delete)=/.test(option) && !(keepDataOptions as readonly string[]).includes(option))
        .map((option) => ({
          object: objectId(o),
          path: `metadata.annotations.${syncOptionsAnnotation}`,
          message: `asks for ${option}; a claim holds data, so it always carries ${keepDataOptions.join(',')}: remove ${JSON.stringify(option)}`,
        })),
    );
  if (issues.length > 0) throw new RenderError(environment, issues);
  return objects.map((object) => {
    if (object.kind !== 'PersistentVolumeClaim') return object;
    const annotations = object.metadata?.annotations ?? {};
    const existing = (annotations[syncOptionsAnnotation] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '');
    const options = [...new Set([...existing.filter((o) => !/^(Prune|Delete)=/.test(o)), ...keepDataOptions])];
    return withAnnotations(object, { ...annotations, [syncOptionsAnnotation]: options.join(',') });
  });
}
