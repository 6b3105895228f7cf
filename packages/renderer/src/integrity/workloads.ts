import type { Manifest } from './integrity-rule';
import { kindName } from './integrity-rule';

type Plain = Record<string, any>;

/** Kinds whose objects carry a pod template (or are a pod). */
export const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

/** Kinds whose pods run until stopped, so their containers need liveness and readiness probes. */
export const longRunningKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

/** The pod template of a workload: its labels, annotations and spec, with the spec's field path. */
export interface PodTemplate {
  readonly workload: Manifest;
  /** `Kind/name` of the workload. */
  readonly id: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: Plain;
  /** Field path of `spec` inside the workload, e.g. `spec.template.spec`. */
  readonly path: string;
}

/** One container of a pod template, with its field path, e.g. `spec.template.spec.containers[0]`. */
export interface ContainerAt {
  readonly container: Plain;
  readonly path: string;
  /** An init container that is not a restartable sidecar: it runs to completion before the others. */
  readonly init: boolean;
}

/** The pod template of one object, or undefined when it is no workload. */
export function podTemplateOf(object: Manifest): PodTemplate | undefined {
  if (!workloadKinds.has(object.kind)) return undefined;
  const id = kindName(object);
  if (object.kind === 'Pod')
    return {
      workload: object,
      id,
      labels: object.metadata?.labels ?? {},
      annotations: object.metadata?.annotations ?? {},
      spec: object.spec ?? {},
      path: 'spec',
    };
  const template = object.kind === 'CronJob' ? object.spec?.jobTemplate?.spec?.template : object.spec?.template;
  const path = object.kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
  return {
    workload: object,
    id,
    labels: template?.metadata?.labels ?? {},
    annotations: template?.metadata?.annotations ?? {},
    spec: template?.spec ?? {},
    path: `${path}.spec`,
  };
}

/** Every pod template among `objects`. */
export function podTemplates(objects: readonly Manifest[]): PodTemplate[] {
  return objects.map(podTemplateOf).filter((t): t is PodTemplate => t !== undefined);
}

/** Every container of a pod template (init containers included), each with its field path. */
export function containersOf(pod: PodTemplate): ContainerAt[] {
  return [
    ...((pod.spec.initContainers ?? []) as Plain[]).map((container, i) => ({
      container,
      path: `${pod.path}.initContainers[${i}]`,
      init: container.restartPolicy !== 'Always',
    })),
    ...((pod.spec.containers ?? []) as Plain[]).map((container, i) => ({ container, path: `${pod.path}.containers[${i}]`, init: false })),
  ];
}

/** `containers[0] ("gateway")`: how a message names a container. */
export function containerLabel(at: ContainerAt): string {
  return `${at.path} (${JSON.stringify(at.container.name ?? '')})`;
}

/** True when every `matchLabels` pair (and simple `matchExpressions`) of `selector` holds for `labels`. */
export function selectorMatches(selector: Plain | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const matchLabels: Record<string, string> = selector.matchLabels ?? (selector.matchExpressions ? {} : selector);
  for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  for (const expression of (selector.matchExpressions ?? []) as Plain[]) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const values: string[] = expression.values ?? [];
    if (expression.operator === 'In' && !(has && values.includes(value!))) return false;
    if (expression.operator === 'NotIn' && has && values.includes(value!)) return false;
    if (expression.operator === 'Exists' && !has) return false;
    if (expression.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Replicas a workload asks for (Kubernetes' default is 1); undefined for kinds without replicas. */
export function replicasOf(workload: Manifest): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(workload.kind)) return undefined;
  return typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : 1;
}

/** Objects of one kind, by name. */
export function byName(objects: readonly Manifest[], kind: string): Map<string, Manifest> {
  return new Map(objects.filter((o) => o.kind === kind).map((o) => [o.metadata?.name ?? '', o]));
}

/** Quotes a value for a message. */
export function q(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
