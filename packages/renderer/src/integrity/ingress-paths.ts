import type { Manifest } from './integrity-rule';

/** One backend reference of an Ingress, with its field path. */
export interface IngressBackendAt {
  readonly host: string | undefined;
  readonly path: string | undefined;
  readonly backend: Record<string, any>;
  /** Field path of the backend, e.g. `spec.rules[0].http.paths[1].backend`. */
  readonly at: string;
}

/** Every backend of an Ingress: the default backend and each rule path. */
export function ingressBackends(ingress: Manifest): IngressBackendAt[] {
  const found: IngressBackendAt[] = [];
  if (ingress.spec?.defaultBackend) found.push({ host: undefined, path: undefined, backend: ingress.spec.defaultBackend, at: 'spec.defaultBackend' });
  for (const [r, rule] of ((ingress.spec?.rules ?? []) as Record<string, any>[]).entries())
    for (const [p, path] of ((rule.http?.paths ?? []) as Record<string, any>[]).entries())
      found.push({ host: rule.host, path: path.path ?? '/', backend: path.backend ?? {}, at: `spec.rules[${r}].http.paths[${p}].backend` });
  return found;
}
