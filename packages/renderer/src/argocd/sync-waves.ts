import type { ResolvedEnvironment } from '@apim-gitops/models';
import { componentSyncWaves, platformSyncWave } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { objectId } from '../kube-object';
import { RenderError } from '../render-error';

/** Annotation that orders objects within an Argo CD sync phase (lower waves first). */
export const syncWaveAnnotation = 'argocd.argoproj.io/sync-wave';
/** Annotation that makes an object an Argo CD hook (PreSync, PostSync, …) instead of a resource. */
export const hookAnnotation = 'argocd.argoproj.io/hook';
const instanceLabel = 'app.kubernetes.io/instance';

/** A copy of a kubernetes-models instance (or plain object) with other annotations, keeping its class and `validate()`. */
export function withAnnotations(object: KubeObject, annotations: Record<string, string>): KubeObject {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(object) as object) as KubeObject, object);
  return Object.assign(copy, { metadata: { ...object.metadata, annotations } });
}

/**
 * Gives every object the sync wave of the component it belongs to (its `app.kubernetes.io/instance`
 * label names the component); everything else is environment-wide groundwork and goes first.
 * Waves come only from the components' `dependsOn`: a wave typed on a resource by hand is an error.
 * Hooks keep their own annotations; one without a wave gets its component's, which orders the
 * hooks of a phase the same way as the components.
 */
export function applySyncWaves(env: ResolvedEnvironment, objects: readonly KubeObject[]): KubeObject[] {
  const waves = componentSyncWaves(env.components, env.source);
  const issues = objects
    .filter((o) => o.metadata?.annotations?.[syncWaveAnnotation] !== undefined && o.metadata?.annotations?.[hookAnnotation] === undefined)
    .map((o) => ({
      object: objectId(o),
      path: `metadata.annotations.${syncWaveAnnotation}`,
      message: "is set by hand; sync waves are derived from the components' dependsOn, so remove it",
    }));
  if (issues.length > 0) throw new RenderError(env.name, issues);
  return objects.map((object) => {
    const annotations = object.metadata?.annotations ?? {};
    if (annotations[syncWaveAnnotation] !== undefined) return object;
    const instance = object.metadata?.labels?.[instanceLabel];
    const wave = (instance === undefined ? undefined : waves.get(instance)) ?? platformSyncWave;
    return withAnnotations(object, { ...annotations, [syncWaveAnnotation]: String(wave) });
  });
}
