import type { EnvironmentSpec, Wso2Spec } from '@apim-gitops/models';
import { baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { parse } from 'smol-toml';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import { renderEnvironment } from '../../src/index';
import { toPlain } from '../../src/kube-object';

/** A rendered object as plain JSON, loosely typed for assertions. */
export type Obj = Record<string, any>;

/** An entry through ingress-nginx with the conventional certificate Secret. */
export const nginxEntry = { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } } as const satisfies EnvironmentSpec['entry'];

/** The environments every invariant is checked on: the committed ones and the base. */
export const environments: Record<string, EnvironmentSpec> = { base: baseEnvironmentSpec, dev, prod };

/** The base environment with some WSO2 fields replaced. */
export function baseWith(wso2: Partial<Wso2Spec>, env: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  // A gateway override keeps the base's back ends, which every environment must name.
  const gateway = { backends: baseEnvironmentSpec.wso2!.gateway!.backends, ...(wso2.gateway ?? {}) };
  return { ...baseEnvironmentSpec, name: 'test', ...env, wso2: { ...baseEnvironmentSpec.wso2!, ...wso2, gateway } };
}

/** Every object of an environment's WSO2 stack, as plain JSON. */
export function renderWso2Plain(spec: EnvironmentSpec): Obj[] {
  const env = resolveEnvironment(spec, spec.name);
  return renderEnvironment(env)
    .map((o) => toPlain(o) as Obj)
    .filter((o) => o.metadata?.labels?.['app.kubernetes.io/part-of'] === 'wso2-apim');
}

/** Every object of an environment, WSO2 or not. */
export function renderAllPlain(spec: EnvironmentSpec): Obj[] {
  return renderEnvironment(resolveEnvironment(spec, spec.name)).map((o) => toPlain(o) as Obj);
}

export function byKind(objects: readonly Obj[], kind: string): Obj[] {
  return objects.filter((o) => o.kind === kind);
}

export function named(objects: readonly Obj[], kind: string, name: string): Obj {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
}

/** True when every label of `selector` is on `labels`. */
export function selects(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Each ConfigMap's deployment.toml, parsed back, by ConfigMap name. */
export function parsedTomls(objects: readonly Obj[]): Map<string, Record<string, unknown>> {
  return new Map(
    byKind(objects, 'ConfigMap')
      .filter((c) => c.data?.['deployment.toml'] !== undefined)
      .map((c) => [c.metadata.name as string, parse(c.data['deployment.toml']) as Record<string, unknown>]),
  );
}

/** Every string anywhere inside a value, with its dotted path. */
export function stringsIn(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  return [];
}

/** The main container of a Deployment. */
export function mainContainer(deployment: Obj): Obj {
  return deployment.spec.template.spec.containers[0];
}
