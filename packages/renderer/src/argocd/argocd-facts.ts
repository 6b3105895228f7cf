import type { Json } from '../kube-object';
import type { IgnoredDifference } from './ignore-differences';
import { scaledReplicaDifferences } from './ignore-differences';

/**
 * What the Argo CD objects read from one environment's rendered objects: the resource types
 * (for the AppProject's whitelists) and the replica counts an autoscaler owns (for the
 * Application's ignoreDifferences). Small and plain, so a render worker can hand it back
 * instead of every object.
 */
export interface ArgoCdFacts {
  /** Each `apiVersion` + `kind` once, in first-seen order. */
  readonly resourceTypes: readonly { readonly apiVersion: string; readonly kind: string }[];
  readonly scaledReplicas: readonly IgnoredDifference[];
}

/** The Argo CD facts of one environment's objects. */
export function argoCdFacts(objects: readonly Json[]): ArgoCdFacts {
  const types = new Map<string, { apiVersion: string; kind: string }>();
  for (const object of objects as unknown as { apiVersion: string; kind: string }[])
    if (!types.has(`${object.apiVersion}|${object.kind}`)) types.set(`${object.apiVersion}|${object.kind}`, { apiVersion: object.apiVersion, kind: object.kind });
  return { resourceTypes: [...types.values()], scaledReplicas: scaledReplicaDifferences(objects) };
}
