import type { IntegrityRule, Manifest } from '../integrity-rule';
import type { PodTemplate } from '../workloads';
import { containersOf, podTemplates } from '../workloads';

/**
 * Annotation (on a workload or its pod template) that declares objects made outside this
 * repository, e.g. `"Secret/corp-ca, ConfigMap/cluster-proxy"`, so that references to them pass.
 */
export const externalRefsAnnotation = 'apim-gitops.io/external-refs';

type Ref = { kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim'; name: string; at: string };

/** Every ConfigMap, Secret and PVC a pod mounts or reads, with the field that names it. Optional references are skipped: the pod starts without them. */
function references(pod: PodTemplate): Ref[] {
  const refs: Ref[] = [];
  for (const [i, volume] of ((pod.spec.volumes ?? []) as Record<string, any>[]).entries()) {
    const at = `${pod.path}.volumes[${i}]`;
    if (volume.configMap && !volume.configMap.optional) refs.push({ kind: 'ConfigMap', name: volume.configMap.name, at: `${at}.configMap.name` });
    if (volume.secret && !volume.secret.optional) refs.push({ kind: 'Secret', name: volume.secret.secretName, at: `${at}.secret.secretName` });
    if (volume.persistentVolumeClaim)
      refs.push({ kind: 'PersistentVolumeClaim', name: volume.persistentVolumeClaim.claimName, at: `${at}.persistentVolumeClaim.claimName` });
    for (const [s, source] of ((volume.projected?.sources ?? []) as Record<string, any>[]).entries()) {
      if (source.configMap && !source.configMap.optional)
        refs.push({ kind: 'ConfigMap', name: source.configMap.name, at: `${at}.projected.sources[${s}].configMap.name` });
      if (source.secret && !source.secret.optional) refs.push({ kind: 'Secret', name: source.secret.name, at: `${at}.projected.sources[${s}].secret.name` });
    }
  }
  for (const [i, pull] of ((pod.spec.imagePullSecrets ?? []) as Record<string, any>[]).entries())
    refs.push({ kind: 'Secret', name: pull.name, at: `${pod.path}.imagePullSecrets[${i}].name` });
  for (const at of containersOf(pod)) {
    for (const [i, from] of ((at.container.envFrom ?? []) as Record<string, any>[]).entries()) {
      if (from.configMapRef && !from.configMapRef.optional)
        refs.push({ kind: 'ConfigMap', name: from.configMapRef.name, at: `${at.path}.envFrom[${i}].configMapRef.name` });
      if (from.secretRef && !from.secretRef.optional) refs.push({ kind: 'Secret', name: from.secretRef.name, at: `${at.path}.envFrom[${i}].secretRef.name` });
    }
    for (const [i, env] of ((at.container.env ?? []) as Record<string, any>[]).entries()) {
      const ref = env.valueFrom;
      if (ref?.configMapKeyRef && !ref.configMapKeyRef.optional)
        refs.push({ kind: 'ConfigMap', name: ref.configMapKeyRef.name, at: `${at.path}.env[${i}].valueFrom.configMapKeyRef.name` });
      if (ref?.secretKeyRef && !ref.secretKeyRef.optional)
        refs.push({ kind: 'Secret', name: ref.secretKeyRef.name, at: `${at.path}.env[${i}].valueFrom.secretKeyRef.name` });
    }
  }
  return refs;
}

/** Names of the objects of each kind that will exist: rendered, or made by a controller from a rendered object. */
export function availableObjects(objects: readonly Manifest[]): Record<Ref['kind'], Set<string>> {
  const sets = { ConfigMap: new Set<string>(), Secret: new Set<string>(), PersistentVolumeClaim: new Set<string>() };
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    if (o.kind === 'ConfigMap' || o.kind === 'Secret' || o.kind === 'PersistentVolumeClaim') sets[o.kind].add(name);
    // External Secrets and Sealed Secrets controllers make a Secret named by the target / template.
    if (o.kind === 'ExternalSecret') sets.Secret.add(o.spec?.target?.name ?? name);
    if (o.kind === 'SealedSecret') sets.Secret.add(o.spec?.template?.metadata?.name ?? name);
  }
  return sets;
}

function declaredExternal(pod: PodTemplate): Set<string> {
  const values = [pod.workload.metadata?.annotations?.[externalRefsAnnotation], pod.annotations[externalRefsAnnotation]];
  return new Set(
    values
      .flatMap((v) => (v ?? '').split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * Every ConfigMap, Secret and PersistentVolumeClaim a pod mounts or reads (volumes, projected
 * volumes, envFrom, env valueFrom, imagePullSecrets) must be rendered, be made from a rendered
 * ExternalSecret/SealedSecret, or be declared external; otherwise the pod hangs in ContainerCreating.
 */
export const podReferencesRule: IntegrityRule = {
  id: 'pod-references',
  description: `every ConfigMap/Secret/PVC a pod uses is rendered (a Secret may come from an ExternalSecret/SealedSecret) or declared in the ${externalRefsAnnotation} annotation`,
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const exists = availableObjects(objects);
    for (const pod of podTemplates(objects)) {
      const external = declaredExternal(pod);
      for (const ref of references(pod)) {
        if (exists[ref.kind].has(ref.name) || external.has(`${ref.kind}/${ref.name}`)) continue;
        const how = ref.kind === 'Secret' ? 'no Secret, ExternalSecret or SealedSecret makes it' : `no ${ref.kind} of that name is rendered`;
        findings.push({
          object: pod.id,
          message: `${ref.at} ${JSON.stringify(ref.name)}: ${how} (render it, or declare "${ref.kind}/${ref.name}" in the ${externalRefsAnnotation} annotation)`,
        });
      }
    }
    return findings;
  },
};
