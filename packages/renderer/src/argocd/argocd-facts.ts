import type { Json } from '../kube-object';
import type { IgnoredDifference } from './ignore-differences';
import { scaledReplicaDifferences } from './ignore-differences';

/** One resource type an environment renders, with the first object of that type (for messages). */
export interface RenderedType {
  readonly apiVersion: string;
  readonly kind: string;
  /** Name of the first object of this type, so that an error can point at it. */
  readonly example: string;
}

/**
 * What the Argo CD objects read from one environment's rendered objects: the resource types
 * (checked against the projects' whitelist) and the replica counts an autoscaler owns (for the
 * Application's ignoreDifferences). Small and plain, so a render worker can hand it back
 * instead of every object.
 */
export interface ArgoCdFacts {
  /** Each `apiVersion` + `kind` once, in first-seen order. */
  readonly resourceTypes: readonly RenderedType[];
  readonly scaledReplicas: readonly IgnoredDifference[];
}

/** The Argo CD facts of one environment's objects. */
export function argoCdFacts(objects: readonly Json[]): ArgoCdFacts {
  const types = new Map<string, RenderedType>();
  for (const object of objects as unknown as { apiVersion: string; kind: string; metadata?: { name?: string } }[]) {
    const key = `${object.apiVersion}|${object.kind}`;
    if (!types.has(key)) types.set(key, { apiVersion: object.apiVersion, kind: object.kind, example: object.metadata?.name ?? '(no name)' });
  }
  return { resourceTypes: [...types.values()], scaledReplicas: scaledReplicaDifferences(objects) };
}
