import type { Json } from '../kube-object';
import { clusterScopedKinds } from '../kube-object';

/** An API group and kind, as AppProject whitelists name them (`''` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** The kinds among `objects`, split by scope, each once, sorted by group then kind. */
export function renderedKinds(objects: readonly Json[]): { namespaced: GroupKind[]; cluster: GroupKind[] } {
  const namespaced = new Map<string, GroupKind>();
  const cluster = new Map<string, GroupKind>();
  for (const object of objects as unknown as { apiVersion: string; kind: string }[]) {
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0]! : '';
    (clusterScopedKinds.has(object.kind) ? cluster : namespaced).set(`${group}|${object.kind}`, { group, kind: object.kind });
  }
  const sorted = (m: Map<string, GroupKind>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { namespaced: sorted(namespaced), cluster: sorted(cluster) };
}
