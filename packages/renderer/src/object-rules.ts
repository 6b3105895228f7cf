import type { Json, KubeObject } from './kube-object';
import { objectId, toPlain } from './kube-object';
import type { ObjectIssue } from './render-error';
import { RenderError } from './render-error';

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Label values: empty, or up to 63 characters of alphanumerics, '-', '_' and '.', alphanumeric at both ends.
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ianaSvcName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// Kinds whose names Kubernetes validates as DNS-1123 labels rather than subdomains.
const labelNamedKinds = new Set(['Service', 'Namespace']);

// biome-ignore lint/suspicious/noExplicitAny: rules read plain JSON of every kind; each checks the fields it reads
type Plain = Record<string, any>;

function podSpecOf(object: Plain): { spec: Plain; path: string } | undefined {
  if (object.kind === 'Pod') return { spec: object.spec, path: 'spec' };
  if (object.kind === 'CronJob') return { spec: object.spec?.jobTemplate?.spec?.template?.spec, path: 'spec.jobTemplate.spec.template.spec' };
  const template = object.spec?.template?.spec;
  return template ? { spec: template, path: 'spec.template.spec' } : undefined;
}

function schemaIssues(object: KubeObject): ObjectIssue[] {
  if (typeof object.validate !== 'function') return [];
  try {
    object.validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (!details?.length) return [{ object: objectId(object), path: '(schema)', message: String((error as Error).message) }];
    return details.map((d) => ({
      object: objectId(object),
      path:
        (d.instancePath ?? '')
          .replace(/^\/?data\/?/, '')
          .replace(/^\//, '')
          .split('/')
          .filter(Boolean)
          .join('.') || '(object)',
      message: d.message ?? 'is invalid',
    }));
  }
}

/** Rules the OpenAPI schemas do not express but the API server (or a working pod) needs. */
function ruleIssues(object: KubeObject, o: Plain): ObjectIssue[] {
  const issues: ObjectIssue[] = [];
  const id = objectId(object);
  const add = (path: string, message: string) => issues.push({ object: id, path, message });
  const name = o.metadata?.name;
  if (typeof name !== 'string' || name === '') add('metadata.name', 'is required');
  else if (labelNamedKinds.has(o.kind) ? !dns1123Label.test(name) || name.length > 63 : !dns1123Subdomain.test(name) || name.length > 253)
    add('metadata.name', `"${name}" is not a valid DNS-1123 ${labelNamedKinds.has(o.kind) ? 'label' : 'subdomain'}`);
  for (const [key, value] of Object.entries<string>(o.metadata?.labels ?? {}))
    if (typeof value !== 'string' || value.length > 63 || !labelValue.test(value)) add(`metadata.labels.${key}`, `"${value}" is not a valid label value`);

  if (typeof o.spec?.replicas === 'number' && o.spec.replicas < 0) add('spec.replicas', `must be at least 0 (got ${o.spec.replicas})`);

  const pod = podSpecOf(o);
  if (pod?.spec) {
    const containers: Plain[] = pod.spec.containers ?? [];
    if (containers.length === 0) add(`${pod.path}.containers`, 'must hold at least one container');
    const all = [
      ...containers.map((c, i) => ({ c, path: `${pod.path}.containers[${i}]` })),
      ...(pod.spec.initContainers ?? []).map((c: Plain, i: number) => ({ c, path: `${pod.path}.initContainers[${i}]` })),
    ];
    const seen = new Set<string>();
    for (const { c, path } of all) {
      if (!c.name || !dns1123Label.test(c.name)) add(`${path}.name`, `"${c.name ?? ''}" is not a valid container name`);
      if (seen.has(c.name)) add(`${path}.name`, `"${c.name}" is used by two containers`);
      seen.add(c.name);
      if (typeof c.image !== 'string' || c.image.trim() === '') add(`${path}.image`, 'is required');
      for (const [i, p] of (c.ports ?? []).entries()) {
        if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535)
          add(`${path}.ports[${i}].containerPort`, `must be between 1 and 65535 (got ${p.containerPort})`);
        if (p.name !== undefined && (p.name.length > 15 || !ianaSvcName.test(p.name)))
          add(`${path}.ports[${i}].name`, `"${p.name}" is not a valid port name (at most 15 lower case characters)`);
      }
    }
  }
  // Invariant 7: everything rendered is committed, so a Secret must never carry values.
  if (o.kind === 'Secret')
    for (const field of ['data', 'stringData'])
      if (o[field] && Object.keys(o[field]).length > 0) add(field, 'must be empty: secret values are never rendered; use an ExternalSecret or SealedSecret');
  if (o.kind === 'Service') {
    for (const [i, p] of (o.spec?.ports ?? []).entries()) {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) add(`spec.ports[${i}].port`, `must be between 1 and 65535 (got ${p.port})`);
      if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535))
        add(`spec.ports[${i}].targetPort`, `must be between 1 and 65535 (got ${p.targetPort})`);
    }
  }
  return issues;
}

/** Every schema and rule problem of one object. */
export function objectIssues(object: KubeObject, plain: Json = toPlain(object)): ObjectIssue[] {
  return [...schemaIssues(object), ...ruleIssues(object, plain as Plain)];
}

/**
 * Validates every object; throws one RenderError naming the environment and each object and field.
 * Returns the objects' plain JSON, which the checks needed anyway.
 */
export function validateObjects(environment: string, objects: readonly KubeObject[]): Json[] {
  const plain = objects.map(toPlain);
  const issues = objects.flatMap((object, i) => objectIssues(object, plain[i]));
  const seen = new Set<string>();
  for (const object of objects) {
    const key = `${object.apiVersion}/${objectId(object)}`;
    if (seen.has(key)) issues.push({ object: objectId(object), path: 'metadata.name', message: 'is rendered twice' });
    seen.add(key);
  }
  if (issues.length > 0) throw new RenderError(environment, issues);
  return plain;
}
