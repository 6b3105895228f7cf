import type { Json } from '../kube-object';

/** One `spec.ignoreDifferences` entry of an Argo CD Application. */
export interface IgnoredDifference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly jsonPointers: string[];
}

type Autoscaler = { kind: string; spec?: { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string } } };

/**
 * `/spec/replicas` of every workload a HorizontalPodAutoscaler scales, read from the rendered
 * HPAs. The HPA owns that field in the cluster: without this, self-heal would reset the replica
 * count to the committed one after every scale-out.
 */
export function scaledReplicaDifferences(objects: readonly Json[]): IgnoredDifference[] {
  const found = new Map<string, IgnoredDifference>();
  for (const object of objects as unknown as Autoscaler[]) {
    if (object.kind !== 'HorizontalPodAutoscaler') continue;
    const target = object.spec?.scaleTargetRef;
    if (!target?.kind || !target.name) continue;
    const apiVersion = target.apiVersion ?? '';
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
    found.set(`${group}|${target.kind}|${target.name}`, { group, kind: target.kind, name: target.name, jsonPointers: ['/spec/replicas'] });
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}
