import type { StackId } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { toPlain } from '../kube-object';
import { partOf } from '../labels';
import { metricsPortName } from './jmx-exporter';

// biome-ignore lint/suspicious/noExplicitAny: reads plain JSON of several kinds; each reader checks the fields it reads
type Plain = Record<string, any>;

/** One Deployment of a stack, as the alerts and dashboards watch it. */
export interface WatchedDeployment {
  readonly name: string;
  /** Its component's id (`app.kubernetes.io/instance`). */
  readonly component: string;
  /** Its pods open the JMX exporter's `metrics` port, so JVM metrics exist for them. */
  readonly jvmMetrics: boolean;
  /** Name of the HorizontalPodAutoscaler that scales it, if any. */
  readonly autoscaler?: string;
}

/** One public route of a stack and the entry that carries it. */
export interface WatchedRoute {
  readonly name: string;
  readonly component: string;
  readonly entry: 'ingress-nginx' | 'envoy-gateway';
  /** The TLS Secrets an Ingress names (ingress-nginx reports their expiry). */
  readonly tlsSecrets: readonly string[];
}

/**
 * What the monitoring of one stack watches, read from the objects the renderer made for it (labelled
 * `app.kubernetes.io/part-of` the stack): every Deployment, HPA, claim and route. A component added to a
 * stack gets its alerts and panels because its objects are there, with nothing to list by hand.
 */
export interface StackWorkloads {
  readonly stack: StackId;
  readonly deployments: readonly WatchedDeployment[];
  readonly claims: readonly string[];
  readonly routes: readonly WatchedRoute[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The stack's workloads among an environment's rendered objects. */
export function stackWorkloads(stack: StackId, objects: readonly KubeObject[]): StackWorkloads {
  const mine = objects.map((o) => toPlain(o) as Plain).filter((o) => o.metadata?.labels?.['app.kubernetes.io/part-of'] === partOf[stack]);
  const ofKind = (kind: string) => mine.filter((o) => o.kind === kind);
  const instance = (o: Plain): string => o.metadata.labels['app.kubernetes.io/instance'];
  const autoscalers = ofKind('HorizontalPodAutoscaler');
  const deployments = ofKind('Deployment')
    .map((d): WatchedDeployment => {
      const containers: Plain[] = d.spec.template.spec.containers;
      const hpa = autoscalers.find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === d.metadata.name);
      return {
        name: d.metadata.name,
        component: instance(d),
        jvmMetrics: containers.some((c) => (c.ports ?? []).some((p: Plain) => p.name === metricsPortName)),
        ...(hpa ? { autoscaler: hpa.metadata.name as string } : {}),
      };
    })
    .sort(byName);
  const routes = [
    ...ofKind('Ingress').map(
      (i): WatchedRoute => ({
        name: i.metadata.name,
        component: instance(i),
        entry: 'ingress-nginx',
        tlsSecrets: [...new Set<string>((i.spec.tls ?? []).map((t: Plain) => t.secretName).filter(Boolean))].sort(),
      }),
    ),
    ...ofKind('HTTPRoute').map((r): WatchedRoute => ({ name: r.metadata.name, component: instance(r), entry: 'envoy-gateway', tlsSecrets: [] })),
  ].sort((a, b) => byName(a, b) || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
  const claims = ofKind('PersistentVolumeClaim')
    .map((c) => c.metadata.name as string)
    .sort();
  return { stack, deployments, claims, routes };
}
