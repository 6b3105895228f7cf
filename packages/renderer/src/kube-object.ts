/**
 * A Kubernetes object as the renderer hands it around: a kubernetes-models instance (which can
 * `validate()` itself against its schema) or, after a YAML round trip, its plain JSON form.
 */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  validate?(): void;
  toJSON?(): unknown;
}

/** Plain JSON data of any value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The object as plain JSON: model classes unwrapped, `undefined` fields dropped, exactly as a
 * JSON round trip would give it. Walked directly because the round trip through kubernetes-models'
 * `toJSON` was the single largest cost of a render.
 */
export function toPlain(object: unknown): Json {
  if (object === null || typeof object !== 'object') {
    if (typeof object === 'number' && !Number.isFinite(object)) return null;
    return object as Json;
  }
  if (Array.isArray(object)) return object.map((item) => (item === undefined || typeof item === 'function' ? null : toPlain(item)));
  const plain: { [key: string]: Json } = {};
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    plain[key] = toPlain(value);
  }
  return plain;
}

/** `Kind/name`, the way messages and file names refer to an object. */
export function objectId(object: KubeObject): string {
  return `${object.kind}/${object.metadata?.name ?? '(no name)'}`;
}

/** Kinds that live outside namespaces; everything else gets the environment's namespace. */
export const clusterScopedKinds = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume', 'IngressClass', 'CustomResourceDefinition', 'ClusterSecretStore', 'PriorityClass']);

/** A copy of the object with `metadata.namespace` set, as kustomize's `namespace:` field does it. */
export function inNamespace(object: Json, namespace: string): Json {
  const o = object as { kind: string; metadata: Record<string, Json> };
  if (clusterScopedKinds.has(o.kind)) return object;
  return { ...o, metadata: { ...o.metadata, namespace } } as Json;
}
