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
 * JSON round trip would give it. Parts that are plain JSON already are returned as they are,
 * not copied: a kubernetes-models constructor has just copied everything below the object, and
 * copying it again was a large part of a render. Treat the result (and so the input) as frozen.
 */
export function toPlain(object: unknown): Json {
  if (object === null || typeof object !== 'object') {
    if (typeof object === 'number' && !Number.isFinite(object)) return null;
    return object as Json;
  }
  if (Array.isArray(object)) {
    let copy: Json[] | undefined;
    for (let i = 0; i < object.length; i++) {
      const item: unknown = object[i];
      const plain = item === undefined || typeof item === 'function' ? null : toPlain(item);
      if (copy === undefined && plain !== item) copy = object.slice(0, i) as Json[];
      if (copy !== undefined) copy.push(plain);
    }
    return copy ?? (object as Json[]);
  }
  // A class instance (a model) always becomes a new plain object; a plain one only if a value changes.
  const prototype = Object.getPrototypeOf(object);
  const isPlainObject = prototype === Object.prototype || prototype === null;
  const keys = Object.keys(object);
  let copy: { [key: string]: Json } | undefined = isPlainObject ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = (object as Record<string, unknown>)[key];
    const dropped = value === undefined || typeof value === 'function' || typeof value === 'symbol';
    const plain = dropped ? undefined : toPlain(value);
    if (copy === undefined && (dropped || plain !== value)) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]!] = (object as Record<string, Json>)[keys[j]!]!;
    }
    if (copy !== undefined && !dropped) copy[key] = plain!;
  }
  return copy ?? (object as Json);
}

/** `Kind/name`, the way messages and file names refer to an object. */
export function objectId(object: KubeObject): string {
  return `${object.kind}/${object.metadata?.name ?? '(no name)'}`;
}

/** Kinds that live outside namespaces; everything else gets the environment's namespace. */
export const clusterScopedKinds = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PersistentVolume',
  'IngressClass',
  'CustomResourceDefinition',
  'ClusterSecretStore',
  'PriorityClass',
]);

/** A copy of the object with `metadata.namespace` set, as kustomize's `namespace:` field does it. */
export function inNamespace(object: Json, namespace: string): Json {
  const o = object as { kind: string; metadata: Record<string, Json> };
  if (clusterScopedKinds.has(o.kind)) return object;
  return { ...o, metadata: { ...o.metadata, namespace } } as Json;
}
